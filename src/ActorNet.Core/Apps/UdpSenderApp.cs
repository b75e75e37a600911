using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Apps;

/// <summary>
/// UDP constant bit rate, optionally on/off: IP packets of a fixed size, one every
/// size·8 / rate (1000 B at 20 Mbit/s = every 400 µs), from start until stop (exclusive). With
/// on/off, packets go out only in the first <c>on</c> of every <c>on + off</c> cycle.
/// </summary>
public sealed class UdpSenderApp : IApp
{
    private readonly string _name, _node;
    private readonly IpAddress _target;
    private readonly ushort _port;
    private readonly int _packetBytes;
    private readonly SimTime _start, _stop, _interval, _on, _cycle;
    private ushort _sourcePort;
    private long _sent, _sentBytes, _refused;

    public UdpSenderApp(UdpCbrAppSpec s) : this(s.Name, s.Node, s.Target, s.Port, s.Rate, s.PacketBytes, s.Start, s.Stop, SimTime.Zero, SimTime.Zero) { }

    public UdpSenderApp(UdpOnOffAppSpec s) : this(s.Name, s.Node, s.Target, s.Port, s.Rate, s.PacketBytes, s.Start, s.Stop, s.OnTime, s.OffTime) { }

    private UdpSenderApp(string name, string node, IpAddress target, ushort port, DataRate rate, int packetBytes, SimTime start, SimTime stop, SimTime on, SimTime off)
    {
        (_name, _node, _target, _port, _packetBytes, _start, _stop) = (name, node, target, port, packetBytes, start, stop);
        _interval = rate.TransmissionTime(packetBytes);
        _on = on;
        _cycle = on + off;
    }

    public string Name => _name;

    public void Start(IAppContext ctx)
    {
        _sourcePort = ctx.BindEphemeralUdp();
        OnTimer(ctx, 0);
    }

    /// <summary>Token i = the i-th send slot since start.</summary>
    public void OnTimer(IAppContext ctx, long slot)
    {
        int data = _packetBytes - (_target.IsV4 ? Packet.Ipv4HeaderBytes : Packet.Ipv6HeaderBytes) - UdpDatagram.HeaderBytes;
        _sent++;
        _sentBytes += _packetBytes;
        ctx.SendUdp(_target, _sourcePort, _port, data);
        var next = SendTime(slot + 1);
        if (next is { } t) ctx.SetTimer(t, slot + 1);
    }

    public void OnSendRefused(IAppContext ctx) => _refused++;

    /// <summary>The time of send slot <paramref name="slot"/>, or null when it falls at or after stop.</summary>
    private SimTime? SendTime(long slot)
    {
        SimTime t;
        if (_cycle == SimTime.Zero)
        {
            t = _start + _interval * slot;
        }
        else
        {
            // Slots per on-period: those starting strictly before the period ends.
            long perOn = Math.Max(1, (_on.Nanoseconds + _interval.Nanoseconds - 1) / _interval.Nanoseconds);
            t = _start + _cycle * (slot / perOn) + _interval * (slot % perOn);
        }
        return t < _stop ? t : null;
    }

    public AppReport Report() => new UdpSenderReport
    {
        Name = _name,
        Node = _node,
        TypeName = _cycle == SimTime.Zero ? "udp-cbr" : "udp-onoff",
        Target = _target,
        Port = _port,
        SourcePort = _sourcePort,
        Sent = _sent,
        SentBytes = _sentBytes,
        RefusedLocally = _refused,
    };
}
