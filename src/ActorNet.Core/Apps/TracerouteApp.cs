using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Apps;

/// <summary>
/// traceroute (Van Jacobson's UDP method): probes with TTL 1, 2, … to ports from a base port up,
/// one at a time. A router where the TTL runs out answers ICMP time exceeded from the interface the
/// probe came in on; the destination answers port unreachable, which ends the trace. No answer
/// within the timeout is a '*'. The answer is matched to its probe by the quoted UDP ports.
/// </summary>
public sealed class TracerouteApp(TracerouteAppSpec spec) : IApp
{
    private readonly List<TracerouteHop> _hops = [];
    private List<TracerouteProbe?> _current = [];
    private ushort _sourcePort;
    private int _ttl;
    private int _probe;          // index within the hop
    private int _serial;         // probes sent so far; destination port = base + serial
    private long _sentAt;
    private bool _waiting;
    private bool _reached;
    private bool _stopAfterHop;
    private bool _done;

    public string Name => spec.Name;

    public void Start(IAppContext ctx)
    {
        _sourcePort = ctx.BindEphemeralUdp();
        _ttl = 1;
        SendProbe(ctx);
    }

    private ushort ProbePort => (ushort)(spec.BasePort + _serial);

    private void SendProbe(IAppContext ctx)
    {
        _serial++;
        _waiting = true;
        _sentAt = ctx.Now.Nanoseconds;
        int data = spec.PacketBytes - (spec.Target.IsV4 ? Packet.Ipv4HeaderBytes : Packet.Ipv6HeaderBytes) - UdpDatagram.HeaderBytes;
        ctx.SendUdp(spec.Target, _sourcePort, ProbePort, data, (byte)_ttl);
        ctx.SetTimer(ctx.Now + spec.Timeout, _serial);
    }

    public void OnTimer(IAppContext ctx, long token)
    {
        if (!_waiting || token != _serial) return; // the probe was answered already
        Record(ctx, null);
    }

    public void OnIcmp(IAppContext ctx, Packet packet, IcmpMessage message)
    {
        if (!_waiting || message.Original?.Payload is not UdpDatagram probe || probe.DestinationPort != ProbePort) return;
        bool atDestination = message.Kind == IcmpKind.DestinationUnreachable;
        if (atDestination) _stopAfterHop = true;
        Record(ctx, new TracerouteProbe(packet.Source, ctx.Now.Nanoseconds - _sentAt, packet.Source == spec.Target));
        if (atDestination && packet.Source == spec.Target) _reached = true;
    }

    private void Record(IAppContext ctx, TracerouteProbe? answer)
    {
        _waiting = false;
        _current.Add(answer);
        if (++_probe < spec.ProbesPerHop)
        {
            SendProbe(ctx);
            return;
        }
        _hops.Add(new TracerouteHop(_ttl, _current));
        _current = [];
        _probe = 0;
        if (_stopAfterHop || _ttl >= spec.MaxHops)
        {
            _done = true;
            return;
        }
        _ttl++;
        SendProbe(ctx);
    }

    public AppReport Report() => new TracerouteReport
    {
        Name = spec.Name,
        Node = spec.Node,
        Target = spec.Target,
        Hops = _done || _current.Count == 0 ? _hops.ToList() : [.. _hops, new TracerouteHop(_ttl, _current.ToList())],
        Reached = _reached,
    };
}
