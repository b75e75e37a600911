using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Apps;

/// <summary>UDP sink: binds a port and counts what arrives, per source flow.</summary>
public sealed class UdpSinkApp(UdpSinkAppSpec spec) : IApp
{
    private readonly Dictionary<(IpAddress, ushort), (long Packets, long Bytes)> _flows = [];
    private long _received, _bytes, _data;
    private long? _first, _last;

    public string Name => spec.Name;

    public void Start(IAppContext ctx)
    {
        if (!ctx.BindUdp(spec.Port))
            throw new InvalidOperationException($"app {spec.Name} on {spec.Node}: UDP port {spec.Port} is already in use");
    }

    public void OnTimer(IAppContext ctx, long token) { }

    public void OnUdp(IAppContext ctx, Packet packet, UdpDatagram datagram)
    {
        _received++;
        _bytes += packet.TotalLength;
        _data += datagram.DataLength;
        _first ??= ctx.Now.Nanoseconds;
        _last = ctx.Now.Nanoseconds;
        var key = (packet.Source, datagram.SourcePort);
        var f = _flows.GetValueOrDefault(key);
        _flows[key] = (f.Packets + 1, f.Bytes + datagram.DataLength);
    }

    public AppReport Report() => new UdpSinkReport
    {
        Name = spec.Name,
        Node = spec.Node,
        Port = spec.Port,
        Received = _received,
        ReceivedBytes = _bytes,
        DataBytes = _data,
        FirstArrivalNs = _first,
        LastArrivalNs = _last,
        Flows = _flows.OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2)
            .Select(kv => new UdpFlowCount(kv.Key.Item1, kv.Key.Item2, kv.Value.Packets, kv.Value.Bytes)).ToList(),
    };
}
