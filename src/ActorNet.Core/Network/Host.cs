using ActorNet.Core.Addressing;
using ActorNet.Core.Apps;
using ActorNet.Core.Packets;
using ActorNet.Core.Randomness;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;
using ActorNet.Core.Tracing;

namespace ActorNet.Core.Network;

/// <summary>
/// An end host: never forwards (RFC 1122 §3.3.1 by default), demultiplexes UDP by port and ICMP
/// echo by identifier to its apps, and answers a closed port with ICMP port unreachable.
/// </summary>
public sealed class Host : Node
{
    private readonly List<AppSlot> _apps = [];
    private readonly Dictionary<ushort, int> _udpPorts = [];
    private readonly Dictionary<ushort, int> _echoIds = [];
    private readonly RandomStream _random;
    private int _nextEphemeral;
    private ushort _nextEchoId;
    private SimTime _now;
    private IEventSink? _sink;

    public const ushort EphemeralFirst = 49152;
    public const ushort EphemeralLast = 65535;

    public Host(int id, string name, ulong runSeed) : base(id, name)
    {
        _random = RandomStream.For(runSeed, "host:" + name);
        // RFC 6056 §3.3.1-style: a random start in the ephemeral range, then sequential.
        _nextEphemeral = EphemeralFirst + (int)_random.NextInclusive(EphemeralLast - EphemeralFirst);
        _nextEchoId = (ushort)(1 + _random.NextInclusive(0xFFFE));
        RunSeed = runSeed;
    }

    public override NodeKind Kind => NodeKind.Host;
    public ulong RunSeed { get; }
    public IReadOnlyList<IApp> Apps => _apps.Select(a => a.App).ToList();

    /// <summary>Installs an app that starts at <paramref name="start"/>.</summary>
    public void AddApp(IApp app, SimTime start) => _apps.Add(new AppSlot(this, _apps.Count, app, start, RunSeed));

    public override void Start(IEventSink sink)
    {
        // An app starts through its own timer (token -1) so it runs in event order with everything else.
        foreach (var slot in _apps) ScheduleLocal(slot.StartAt, EventKind.AppTimer, slot.Index, sink, data: -1);
    }

    protected override void OnAppTimer(SimTime now, int app, long token, IEventSink sink)
    {
        Enter(now, sink);
        var slot = _apps[app];
        if (token == -1) slot.App.Start(slot);
        else slot.App.OnTimer(slot, token);
    }

    private void Enter(SimTime now, IEventSink sink)
    {
        _now = now;
        _sink = sink;
    }

    protected override void OnLocalTransport(SimTime now, Packet p, int inIface, IEventSink sink)
    {
        Enter(now, sink);
        switch (p.Payload)
        {
            case UdpDatagram udp when _udpPorts.TryGetValue(udp.DestinationPort, out int app):
                Trace.Record(now, TraceKind.Deliver, p.Id, inIface);
                _apps[app].App.OnUdp(_apps[app], p, udp);
                break;
            case UdpDatagram:
                CountDrop(now, p, inIface, DropReason.PortUnreachable);
                SendIcmpError(now, p, inIface, IcmpKind.DestinationUnreachable, UnreachableCode.Port, sink);
                break;
            case IcmpMessage { Kind: IcmpKind.EchoReply } reply when _echoIds.TryGetValue(reply.Identifier, out int app):
                Trace.Record(now, TraceKind.Deliver, p.Id, inIface);
                _apps[app].App.OnIcmp(_apps[app], p, reply);
                break;
            case IcmpMessage { IsError: true, Original: { } original } error when OwnerOf(original) is int app:
                // Like Linux IP_RECVERR: an ICMP error goes to the socket that sent the quoted packet.
                Trace.Record(now, TraceKind.Deliver, p.Id, inIface);
                _apps[app].App.OnIcmp(_apps[app], p, error);
                break;
            default:
                // A reply nobody waits for, or a protocol no app speaks: consumed by the stack.
                Trace.Record(now, TraceKind.Deliver, p.Id, inIface);
                break;
        }
    }

    private int? OwnerOf(Packet original) => original.Payload switch
    {
        UdpDatagram u when _udpPorts.TryGetValue(u.SourcePort, out int a) => a,
        IcmpMessage { Kind: IcmpKind.EchoRequest } e when _echoIds.TryGetValue(e.Identifier, out int a) => a,
        _ => null,
    };

    protected override void OnTransitPacket(SimTime now, Packet p, int inIface, IEventSink sink) =>
        CountDrop(now, p, inIface, DropReason.NotForThisHost);

    private sealed class AppSlot(Host host, int index, IApp app, SimTime startAt, ulong runSeed) : IAppContext
    {
        public int Index { get; } = index;
        public IApp App { get; } = app;
        public SimTime StartAt { get; } = startAt;
        public SimTime Now => host._now;
        public string NodeName => host.Name;
        public RandomStream Random { get; } = RandomStream.For(runSeed, "app:" + app.Name);

        public void SetTimer(SimTime at, long token)
        {
            if (token < 0) throw new ArgumentOutOfRangeException(nameof(token), "app timer tokens are >= 0");
            if (at < host._now) throw new ArgumentOutOfRangeException(nameof(at), $"timer at {at} is in the past (now {host._now})");
            host.ScheduleLocal(at, EventKind.AppTimer, Index, host._sink!, token);
        }

        public bool BindUdp(ushort port)
        {
            if (port == 0 || host._udpPorts.ContainsKey(port)) return false;
            host._udpPorts[port] = Index;
            return true;
        }

        public ushort BindEphemeralUdp()
        {
            for (int tries = 0; tries <= EphemeralLast - EphemeralFirst; tries++)
            {
                ushort port = (ushort)host._nextEphemeral;
                host._nextEphemeral = host._nextEphemeral == EphemeralLast ? EphemeralFirst : host._nextEphemeral + 1;
                if (BindUdp(port)) return port;
            }
            throw new InvalidOperationException($"host {host.Name}: no free ephemeral UDP port");
        }

        public ushort AllocateEchoIdentifier()
        {
            while (host._echoIds.ContainsKey(host._nextEchoId) || host._nextEchoId == 0) host._nextEchoId++;
            ushort id = host._nextEchoId++;
            host._echoIds[id] = Index;
            return id;
        }

        public bool SendUdp(IpAddress destination, ushort sourcePort, ushort destinationPort, int dataLength, byte ttl = Packet.DefaultTtl, byte[]? data = null) =>
            Send(destination, ttl, new UdpDatagram(sourcePort, destinationPort, dataLength, data));

        public bool SendEchoRequest(IpAddress destination, ushort identifier, ushort sequence, int dataLength, byte ttl = Packet.DefaultTtl) =>
            Send(destination, ttl, new IcmpMessage { Kind = IcmpKind.EchoRequest, Identifier = identifier, Sequence = sequence, DataLength = dataLength });

        private bool Send(IpAddress destination, byte ttl, TransportPayload payload)
        {
            int iface = host.Routes.LookupInterface(destination);
            var packet = new Packet
            {
                Id = host.NextPacketId(),
                Source = iface >= 0 ? host.Interfaces[iface].Address : destination, // unroutable: dropped as NoRoute
                Destination = destination,
                Ttl = ttl,
                Identification = (ushort)host._packetCounterForIpId++,
                Payload = payload,
            };
            return host.OriginateOn(host._now, packet, iface, host._sink!);
        }
    }

    private int _packetCounterForIpId;
}
