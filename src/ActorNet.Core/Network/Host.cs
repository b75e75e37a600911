using ActorNet.Core.Addressing;
using ActorNet.Core.Apps;
using ActorNet.Core.Packets;
using ActorNet.Core.Randomness;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Simulation;
using ActorNet.Core.Sockets;
using ActorNet.Core.Tcp;
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
    private readonly Dictionary<ushort, int> _tcpListeners = [];  // port → listening socket
    private readonly Dictionary<(ushort LocalPort, IpAddress Remote, ushort RemotePort), int> _tcpConnections = [];
    private readonly HashSet<ushort> _tcpPortsInUse = [];
    private int _tcpConnectionsMade;
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

    /// <summary>The index in <see cref="Apps"/> of the app that owns socket <paramref name="socket"/> (an index in <see cref="Sockets"/>).</summary>
    public int AppOfSocket(int socket) => _sockets[socket].App;

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
            case SetSocketTimer t:
                ArmTimer(socket, t.Timer, t.Deadline);
                break;
            case CancelSocketTimer t:
                _sockets[socket].TimerGeneration[CheckTimer(t.Timer)]++;
                break;
            case NotifyApp n:
                NotifyOwner(socket, n.Notice, app);
                break;
            case AcceptConnection a:
                AcceptFor(socket, a.Syn, app);
                break;
            default:
                throw new InvalidOperationException($"host {Name}: unknown socket action {action.GetType().Name}");
        }
    }

    private static int CheckTimer(int timer) => timer is >= 0 and < SocketSlot.Timers ? timer
        : throw new InvalidOperationException($"socket timer {timer}: sockets have timers 0..{SocketSlot.Timers - 1}");

    /// <summary>
    /// One event per arming; a generation number makes every earlier event of that timer stale, so a
    /// re-armed or cancelled timer never fires (and never costs its socket a turn).
    /// </summary>
    private void ArmTimer(int socket, int timer, SimTime deadline)
    {
        if (deadline < _now) throw new InvalidOperationException($"host {Name}: socket {_sockets[socket].Socket.Name} set timer {timer} in the past ({deadline} < {_now})");
        int generation = ++_sockets[socket].TimerGeneration[CheckTimer(timer)];
        ScheduleLocal(deadline, EventKind.SocketTimer, socket, _sink!, (long)generation << 3 | (long)timer);
    }

    protected override void OnSocketTimer(SimTime now, int socket, long data, IEventSink sink)
    {
        Enter(now, sink);
        int timer = (int)(data & 7);
        if (_sockets[socket].TimerGeneration[timer] != (int)(data >> 3)) return;   // re-armed or cancelled since
        Call(socket, new SocketTimerFired(timer));
    }

    private void NotifyOwner(int socket, SocketNotice notice, AppSlot app)
    {
        var slot = _sockets[socket];
        if (notice is TcpStateNotice { Event: TcpEvent.Closed } && slot.Socket is TcpSocket closed)
        {
            // The TCB is deleted (RFC 9293 §3.10.7): the four-tuple and, if nobody else holds it, the port are free again.
            _tcpConnections.Remove((closed.LocalPort, closed.Remote, closed.RemotePort));
            if (!_tcpListeners.ContainsKey(closed.LocalPort) && !_tcpConnections.Keys.Any(k => k.LocalPort == closed.LocalPort))
                _tcpPortsInUse.Remove(closed.LocalPort);
        }
        if (slot.Listener is int listener && notice is TcpStateNotice { Event: TcpEvent.Connected } && slot.Socket is TcpSocket accepted)
        {
            // A passive open is accept()ed when it is established: the app hears of it on the listening socket.
            app.App.OnSocketNotice(app, listener, new TcpAccepted(socket, accepted.Remote, accepted.RemotePort));
            return;
        }
        app.App.OnSocketNotice(app, socket, notice);
    }

    private void AcceptFor(int listener, Packet syn, AppSlot app)
    {
        var seg = (TcpSegment)syn.Payload;
        var key = (seg.DestinationPort, syn.Source, seg.SourcePort);
        if (_tcpConnections.ContainsKey(key)) return;   // a retransmitted SYN raced its own connection: that one answers it
        var options = _sockets[listener].TcpOptions!;
        int socket = AddSocket(NewTcpSocket(syn.Destination, seg.DestinationPort, syn.Source, seg.SourcePort, passive: true, options), app.Index);
        _sockets[socket] = _sockets[socket] with { Listener = listener };
        _tcpConnections[key] = socket;
        Call(socket, new PacketArrived(syn));
    }

    private TcpSocket NewTcpSocket(IpAddress local, ushort localPort, IpAddress remote, ushort remotePort, bool passive, TcpSocketOptions options)
    {
        // RFC 9293 §3.7.1: announce the MSS the outgoing interface's MTU allows (MTU − IP header − 20).
        int iface = Routes.LookupInterface(remote);
        int mtu = iface >= 0 ? Interfaces[iface].Port.Channel.Mtu : 1500;
        int mss = Math.Min(options.Settings.Mss, mtu - (remote.IsV4 ? Packet.Ipv4HeaderBytes : Packet.Ipv6HeaderBytes) - TcpSegment.MinHeaderBytes);
        var stream = RandomStream.For(RunSeed, $"tcp:{Name}:{localPort}:{remote}:{remotePort}:{_tcpConnectionsMade++}");
        return new TcpSocket(local, localPort, remote, remotePort, passive, TcpConnection.ChooseIss(stream),
            options with { Settings = options.Settings with { Mss = mss } });
    }

    private int AddSocket(ISocket socket, int app, TcpSocketOptions? tcpOptions = null)
    {
        _sockets.Add(new SocketSlot(socket, app) { TcpOptions = tcpOptions });
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
                Trace.Record(now, TraceKind.Deliver, p, inIface);
                Call(socket, new PacketArrived(p));
                break;
            case TcpSegment seg when _tcpConnections.TryGetValue((seg.DestinationPort, p.Source, seg.SourcePort), out int connection):
                Trace.Record(now, TraceKind.Deliver, p, inIface);
                Call(connection, new PacketArrived(p));
                break;
            case TcpSegment seg when seg.Has(TcpFlags.Syn) && !seg.Has(TcpFlags.Ack) && !seg.Has(TcpFlags.Rst)
                                     && _tcpListeners.TryGetValue(seg.DestinationPort, out int listener):
                Trace.Record(now, TraceKind.Deliver, p, inIface);
                Call(listener, new PacketArrived(p));
                break;
            case TcpSegment seg:
                // RFC 9293 §3.10.7.1: no connection and no listener (or not a SYN): answer with RST ("connection refused").
                // Counted apart from UDP's port-unreachable, which ICMP answers.
                CountDrop(now, p, inIface, DropReason.ClosedTcpPort);
                if (TcpReset.ForClosedPort(seg) is { } rst) SendPayloadOf(p.Source, Packet.DefaultTtl, rst);
                break;
            case UdpDatagram:
                CountDrop(now, p, inIface, DropReason.PortUnreachable);
                SendIcmpError(now, p, inIface, IcmpKind.DestinationUnreachable, UnreachableCode.Port, sink);
                break;
            case IcmpMessage { Kind: IcmpKind.EchoReply } reply when _echoIds.TryGetValue(reply.Identifier, out int socket):
                Trace.Record(now, TraceKind.Deliver, p, inIface);
                Call(socket, new PacketArrived(p));
                break;
            case IcmpMessage { IsError: true, Original: { } original } when OwnerOf(original) is int socket:
                // Like Linux IP_RECVERR: an ICMP error goes to the socket that sent the quoted packet.
                Trace.Record(now, TraceKind.Deliver, p, inIface);
                Call(socket, new PacketArrived(p));
                break;
            default:
                // A reply nobody waits for, or a protocol no app speaks: consumed by the stack.
                Trace.Record(now, TraceKind.Deliver, p, inIface);
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

        public int ListenTcp(ushort port, TcpSocketOptions? options = null)
        {
            if (port == 0 || host._tcpPortsInUse.Contains(port)) return -1;
            host._tcpPortsInUse.Add(port);
            int socket = host.AddSocket(new TcpListenSocket(port), Index, options ?? TcpSocketOptions.Default);
            host._tcpListeners[port] = socket;
            return socket;
        }

        public int ConnectTcp(IpAddress destination, ushort port, TcpSocketOptions? options = null)
        {
            ushort local = 0;
            for (int tries = 0; tries <= EphemeralLast - EphemeralFirst && local == 0; tries++)
            {
                ushort candidate = (ushort)host._nextEphemeral;
                host._nextEphemeral = host._nextEphemeral == EphemeralLast ? EphemeralFirst : host._nextEphemeral + 1;
                if (!host._tcpPortsInUse.Contains(candidate)) local = candidate;
            }
            if (local == 0) throw new InvalidOperationException($"host {host.Name}: no free ephemeral TCP port");
            var source = host.SourceAddressFor(destination) ?? destination;
            host._tcpPortsInUse.Add(local);
            int socket = host.AddSocket(host.NewTcpSocket(source, local, destination, port, passive: false, options ?? TcpSocketOptions.Default), Index);
            host._tcpConnections[(local, destination, port)] = socket;
            host.Call(socket, TcpConnectRequested.Instance);
            return socket;
        }

        public void SendTcp(int socket, ReadOnlyMemory<byte> data, bool immutable = false) => host.Call(OwnTcp(socket), new TcpSendRequested(data, immutable));
        public void ReadTcp(int socket, int maxBytes) => host.Call(OwnTcp(socket), new TcpReadRequested(maxBytes));
        public void CloseTcp(int socket, TcpCloseKind kind) => host.Call(OwnTcp(socket), new TcpCloseRequested(kind));

        public ushort TcpLocalPort(int socket) => host._sockets[OwnTcp(socket)].Socket is TcpSocket t ? t.LocalPort : (ushort)0;

        private int OwnTcp(int socket) =>
            socket >= 0 && socket < host._sockets.Count && host._sockets[socket].App == Index && host._sockets[socket].Socket is TcpSocket ? socket
                : throw new InvalidOperationException($"app {App.Name} on {host.Name}: socket {socket} is not a TCP connection of this app");

        private int OwnSocket(Dictionary<ushort, int> table, ushort key, string what) =>
            table.TryGetValue(key, out int socket) && host._sockets[socket].App == Index ? socket
                : throw new InvalidOperationException($"app {App.Name} on {host.Name}: {what} {key} is not bound by this app");
    }

    private sealed record SocketSlot(ISocket Socket, int App)
    {
        public const int Timers = 8;
        /// <summary>Per timer, the generation of its one live event (see <see cref="ArmTimer"/>).</summary>
        public int[] TimerGeneration { get; } = new int[Timers];
        /// <summary>For a connection made by a listener: the listening socket.</summary>
        public int? Listener { get; init; }
        /// <summary>For a listening socket: the options its connections get.</summary>
        public TcpSocketOptions? TcpOptions { get; init; }
    }

    private int _packetCounterForIpId;
}
