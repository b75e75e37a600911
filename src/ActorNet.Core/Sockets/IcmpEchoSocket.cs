using ActorNet.Core.Packets;
using ActorNet.Core.Time;

namespace ActorNet.Core.Sockets;

/// <summary>
/// An ICMP echo ("ping") socket, like Linux's ICMP datagram sockets: owns one echo identifier,
/// sends echo requests (RFC 792, RFC 4443 §4.1) with it, and hands back the replies and the ICMP
/// errors about its requests.
/// </summary>
public sealed class IcmpEchoSocket(ushort identifier) : ISocket
{
    public ushort Identifier { get; } = identifier;
    public string Name => "icmp-echo:" + Identifier.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Handle(SocketInput input, SimTime now, ISocketActions actions)
    {
        switch (input)
        {
            case EchoRequested e:
                actions.Send(e.Destination, e.Ttl, new IcmpMessage { Kind = IcmpKind.EchoRequest, Identifier = Identifier, Sequence = e.Sequence, DataLength = e.DataLength });
                break;
            case PacketArrived a:
                actions.DeliverToApp(a.Packet);
                break;
            default:
                throw new InvalidOperationException($"{Name}: cannot handle {input.GetType().Name}");
        }
    }
}
