using ActorNet.Core.Addressing;
using ActorNet.Core.Apps;
using ActorNet.Core.Packets;
using ActorNet.Core.Randomness;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Simulation;
using ActorNet.Core.Sockets;
using ActorNet.Core.Time;
using ActorNet.Core.Tracing;

namespace ActorNet.Core.Network;

/// <summary>
/// An end host: never forwards (RFC 1122 §3.3.1 by default), demultiplexes UDP by port and ICMP
/// echo by identifier to its sockets, and answers a closed port with ICMP port unreachable.
/// <para>
/// Apps run in the host's step; each socket is its own <see cref="ISocket"/>, which an engine runs
/// in place (reference) or in a child actor (actors). What an app asks of a socket, and what the
/// network brings one, is queued as a <see cref="SocketCall"/> and run after the current step in
/// order, one turn at a time; the socket's actions (send, deliver to the app) are then applied here.
/// Both engines take the same turns in the same order, so the digests agree.
/// </para>
/// </summary>
public sealed class Host : Node
{
    private readonly List<AppSlot> _apps = [];
    private readonly List<SocketSlot> _sockets = [];
    private readonly Dictionary<ushort, int> _udpPorts = [];     // port → socket
    private readonly Dictionary<ushort, int> _echoIds = [];      // echo identifier → socket
    private readonly Queue<SocketCall> _calls = new();
    private readonly List<int> _newSockets = [];
    private readonly SocketActionList _inPlaceActions = new();
    private bool _socketsElsewhere;
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

    /// <summary>The sockets bound so far (after a run: for reports; during an actor run, owned by their actors).</summary>
    public IReadOnlyList<ISocket> Sockets => _sockets.Select(s => s.Socket).ToList();

    /// <summary>
    /// Called by an engine that runs sockets in actors of their own, before <see cref="Start"/>: from now on
    /// new sockets are handed out by <see cref="TakeNewSockets"/>, and this host never calls them itself.
    /// </summary>
    public void RunSocketsElsewhere()
    {
        if (_sockets.Count > 0) throw new InvalidOperationException($"host {Name}: sockets exist already");
        _socketsElsewhere = true;
    }

    public override void TakeNewSockets(List<(int Socket, ISocket Logic)> into)
    {
        foreach (int s in _newSockets) into.Add((s, _sockets[s].Socket));
        _newSockets.Clear();
    }

    public override bool TryTakeSocketCall(out SocketCall call) => _calls.TryDequeue(out call);

    public override void RunSocketCallsInPlace(SimTime now, IEventSink sink)
    {
        if (_socketsElsewhere && _calls.Count > 0) throw new InvalidOperationException($"host {Name}: its sockets run elsewhere");
        while (_calls.TryDequeue(out var call))
        {
            _inPlaceActions.Clear();
            _sockets[call.Socket].Socket.Handle(call.Input, now, _inPlaceActions);
            for (int i = 0; i < _inPlaceActions.Count; i++) Apply(call.Socket, _inPlaceActions[i], now, sink);
        }
    }

    public override void CompleteSocketCall(SocketCall call, IReadOnlyList<SocketAction> actions, SimTime now, IEventSink sink)
    {
        foreach (var a in actions) Apply(call.Socket, a, now, sink);
    }

    private void Apply(int socket, SocketAction action, SimTime now, IEventSink sink)
    {
        Enter(now, sink);
        var app = _apps[_sockets[socket].App];
        switch (action)
        {
            case SendPayload s:
                if (!SendPayloadOf(s.Destination, s.Ttl, s.Payload)) app.App.OnSendRefused(app);
                break;
            case DeliverPacket { Packet: var p }:
                switch (p.Payload)
                {
                    case UdpDatagram udp: app.App.OnUdp(app, p, udp); break;
                    case IcmpMessage icmp: app.App.OnIcmp(app, p, icmp); break;
                    default: throw new InvalidOperationException($"host {Name}: socket delivered {p}, which no app callback takes");
                }
                break;
            default:
                throw new InvalidOperationException($"host {Name}: unknown socket action {action.GetType().Name}");
        }
    }

    private int AddSocket(ISocket socket, int app)
    {
        _sockets.Add(new SocketSlot(socket, app));
        int id = _sockets.Count - 1;
        if (_socketsElsewhere) _newSockets.Add(id);
        return id;
    }

    private void Call(int socket, SocketInput input) => _calls.Enqueue(new SocketCall(socket, input));

    private bool SendPayloadOf(IpAddress destination, byte ttl, TransportPayload payload)
    {
        int iface = Routes.LookupInterface(destination);
        var packet = new Packet
        {
            Id = NextPacketId(),
            Source = iface >= 0 ? Interfaces[iface].Address : destination, // unroutable: dropped as NoRoute
            Destination = destination,
            Ttl = ttl,
            Identification = (ushort)_packetCounterForIpId++,
            Payload = payload,
        };
        return OriginateOn(_now, packet, iface, _sink!);
    }

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
            case UdpDatagram udp when _udpPorts.TryGetValue(udp.DestinationPort, out int socket):
                Trace.Record(now, TraceKind.Deliver, p.Id, inIface);
                Call(socket, new PacketArrived(p));
                break;
            case UdpDatagram:
                CountDrop(now, p, inIface, DropReason.PortUnreachable);
                SendIcmpError(now, p, inIface, IcmpKind.DestinationUnreachable, UnreachableCode.Port, sink);
                break;
            case IcmpMessage { Kind: IcmpKind.EchoReply } reply when _echoIds.TryGetValue(reply.Identifier, out int socket):
                Trace.Record(now, TraceKind.Deliver, p.Id, inIface);
                Call(socket, new PacketArrived(p));
                break;
            case IcmpMessage { IsError: true, Original: { } original } when OwnerOf(original) is int socket:
                // Like Linux IP_RECVERR: an ICMP error goes to the socket that sent the quoted packet.
                Trace.Record(now, TraceKind.Deliver, p.Id, inIface);
                Call(socket, new PacketArrived(p));
                break;
            default:
                // A reply nobody waits for, or a protocol no app speaks: consumed by the stack.
                Trace.Record(now, TraceKind.Deliver, p.Id, inIface);
                break;
        }
    }

    private int? OwnerOf(Packet original) => original.Payload switch
    {
        UdpDatagram u when _udpPorts.TryGetValue(u.SourcePort, out int s) => s,
        IcmpMessage { Kind: IcmpKind.EchoRequest } e when _echoIds.TryGetValue(e.Identifier, out int s) => s,
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
            host._udpPorts[port] = host.AddSocket(new UdpSocket(port), Index);
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
            host._echoIds[id] = host.AddSocket(new IcmpEchoSocket(id), Index);
            return id;
        }

        public void SendUdp(IpAddress destination, ushort sourcePort, ushort destinationPort, int dataLength, byte ttl = Packet.DefaultTtl, byte[]? data = null) =>
            host.Call(OwnSocket(host._udpPorts, sourcePort, "UDP port"), new UdpSendRequested(destination, destinationPort, dataLength, ttl, data));

        public void SendEchoRequest(IpAddress destination, ushort identifier, ushort sequence, int dataLength, byte ttl = Packet.DefaultTtl) =>
            host.Call(OwnSocket(host._echoIds, identifier, "echo identifier"), new EchoRequested(destination, sequence, dataLength, ttl));

        private int OwnSocket(Dictionary<ushort, int> table, ushort key, string what) =>
            table.TryGetValue(key, out int socket) && host._sockets[socket].App == Index ? socket
                : throw new InvalidOperationException($"app {App.Name} on {host.Name}: {what} {key} is not bound by this app");
    }

    private sealed record SocketSlot(ISocket Socket, int App);

    private int _packetCounterForIpId;
}
