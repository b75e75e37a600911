using ActorNet.Core.Packets;
using ActorNet.Core.Time;

namespace ActorNet.Core.Sockets;

/// <summary>
/// A TCP socket in LISTEN (RFC 9293 §3.10.7.2): every SYN its host's demultiplexer hands it (no
/// connection matched the four-tuple) becomes a new connection socket, which the host creates and
/// which answers the SYN itself. Other segments never reach it (the host answers them with RST).
/// </summary>
public sealed class TcpListenSocket(ushort localPort) : ISocket
{
    public ushort LocalPort { get; } = localPort;
    public long SynsAccepted { get; private set; }
    public string Name => "tcp-listen:" + LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Handle(SocketInput input, SimTime now, ISocketActions actions)
    {
        if (input is not PacketArrived { Packet: { Payload: TcpSegment seg } syn } || !seg.Has(TcpFlags.Syn) || seg.Has(TcpFlags.Ack) || seg.Has(TcpFlags.Rst))
            throw new InvalidOperationException($"{Name}: only SYNs come to a listening socket, got {input}");
        SynsAccepted++;
        actions.Accept(syn);
    }
}
