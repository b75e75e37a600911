using ActorNet.Core.Packets;
using ActorNet.Core.Time;

namespace ActorNet.Core.Sockets;

/// <summary>
/// A bound UDP socket (RFC 768): stamps its port on what its app sends and hands what arrives for
/// its port (datagrams, and ICMP errors about its own datagrams, like Linux IP_RECVERR) to its app.
/// No ordering, no retransmission.
/// </summary>
public sealed class UdpSocket(ushort localPort) : ISocket
{
    public ushort LocalPort { get; } = localPort;
    public long DatagramsSent { get; private set; }
    public long DatagramsReceived { get; private set; }
    public string Name => "udp:" + LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Handle(SocketInput input, SimTime now, ISocketActions actions)
    {
        switch (input)
        {
            case UdpSendRequested s:
                DatagramsSent++;
                actions.Send(s.Destination, s.Ttl, new UdpDatagram(LocalPort, s.DestinationPort, s.DataLength, s.Data));
                break;
            case PacketArrived a:
                if (a.Packet.Payload is UdpDatagram) DatagramsReceived++;
                actions.DeliverToApp(a.Packet);
                break;
            default:
                throw new InvalidOperationException($"{Name}: cannot handle {input.GetType().Name}");
        }
    }
}
