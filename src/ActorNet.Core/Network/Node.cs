using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Routing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Simulation;
using ActorNet.Core.Sockets;
using ActorNet.Core.Time;
using ActorNet.Core.Tracing;

namespace ActorNet.Core.Network;

/// <summary>
/// A host or router: interfaces, a routing table, the IP layer (RFC 791 / RFC 8200) and ICMP
/// (RFC 792 / RFC 4443). Engine-free: an engine hands it one event at a time, in event-key
/// order, with a sink for the events it creates. Zero-delay steps (app → UDP → IP → port) run
/// inside one call, in order, so nothing within a node can race.
/// </summary>
public abstract class Node
{
    private long _localSeq;
    private long _packetSeq;
    private readonly long[] _drops = new long[Enum.GetValues<DropReason>().Length];

    protected Node(int id, string name)
    {
        Id = id;
        Name = name;
    }

    public int Id { get; }
    public string Name { get; }
    public abstract NodeKind Kind { get; }
    /// <summary>The origin id of events this node creates for itself (DESIGN §1): its node id.</summary>
    public int OriginId => Id;
    public NodeTrace Trace { get; } = new();
    /// <summary>Packet capture (pcap) for this node's interfaces; null when not asked for.</summary>
    public IPacketCapture? Capture { get; set; }
    public NetworkInterface[] Interfaces { get; private set; } = [];
    public RoutingTable Routes { get; private set; } = new([]);

    public long Received { get; private set; }
    public long Forwarded { get; protected set; }
    public long Delivered { get; protected set; }
    public long Originated { get; private set; }
    /// <summary>
    /// Drops by reason. Losses on the link are counted by the channels this node sends on (in the
    /// actor engine a link actor owns them), so those two reasons are read from the channels.
    /// </summary>
    public long Drops(DropReason reason) => reason switch
    {
        DropReason.LinkLoss => Interfaces.Sum(i => i.Port.Channel.Lost),
        DropReason.LinkDown => Interfaces.Sum(i => i.Port.Channel.LostToDownLink),
        _ => _drops[(int)reason],
    };
    public long EventsHandled { get; private set; }
    /// <summary>UDP packets this node dropped, per flow (a sender's "lost"; link losses are the channels').</summary>
    public Apps.UdpFlowTally UdpDrops { get; } = new();

    internal void Attach(NetworkInterface[] interfaces, RoutingTable routes)
    {
        Interfaces = interfaces;
        Routes = routes;
    }

    /// <summary>Called once by the engine before the first event, to schedule what the node starts with (apps).</summary>
    public virtual void Start(IEventSink sink) { }

    /// <summary>
    /// The socket turns the last step queued, oldest first (see <see cref="Host"/>). An engine takes them one
    /// at a time after each <see cref="Handle"/> and before the next event: in place with
    /// <see cref="RunSocketCallsInPlace"/>, or in the socket's actor, then <see cref="CompleteSocketCall"/>.
    /// Completing a call can queue more.
    /// </summary>
    public virtual bool TryTakeSocketCall(out SocketCall call)
    {
        call = default;
        return false;
    }

    /// <summary>Runs every queued socket turn here, in order (the reference engine).</summary>
    public virtual void RunSocketCallsInPlace(SimTime now, IEventSink sink) { }

    /// <summary>Applies the actions a socket took in its turn for <paramref name="call"/> (may queue more turns).</summary>
    public virtual void CompleteSocketCall(SocketCall call, IReadOnlyList<SocketAction> actions, SimTime now, IEventSink sink) =>
        throw new InvalidOperationException($"node {Name} has no sockets");

    /// <summary>Sockets created since the last call, for an engine that runs them in actors of their own.</summary>
    public virtual void TakeNewSockets(List<(int Socket, ISocket Logic)> into) { }

    /// <summary>Handles one event addressed to this node at its time.</summary>
    public void Handle(in SimEvent e, IEventSink sink)
    {
        EventsHandled++;
        var now = e.Key.At;
        Trace.Journal?.Event(e.Key, e.Kind, e.Arg);
        switch (e.Kind)
        {
            case EventKind.PacketArrival:
                var p = (Packet)e.Payload!;
                Received++;
                Trace.Record(now, TraceKind.Receive, p, e.Arg);
                Capture?.Capture(this, e.Arg, now, p, outbound: false);
                OnPacket(now, p, e.Arg, sink);
                break;
            case EventKind.TransmitComplete:
                Interfaces[e.Arg].Port.OnTransmitComplete(now, sink);
                break;
            case EventKind.AppTimer:
                OnAppTimer(now, e.Arg, e.Data, sink);
                break;
            case EventKind.SocketTimer:
                OnSocketTimer(now, e.Arg, e.Data, sink);
                break;
            case EventKind.LocalDelivery:
                // Not "received": it came in on no interface (and so is in no capture).
                Delivered++;
                OnLocalDelivery(now, (Packet)e.Payload!, LocalInterface, sink);
                break;
            default:
                throw new InvalidOperationException($"node {Name}: unknown event {e}");
        }
    }

    internal void ScheduleLocal(SimTime at, EventKind kind, int arg, IEventSink sink, long data = 0, object? payload = null) =>
        sink.Schedule(new SimEvent(new EventKey(at.Nanoseconds, OriginId, _localSeq++), Id, kind, arg, payload, data));

    /// <summary>The "interface" of a packet a node delivered to itself, in traces and to the delivery handlers.</summary>
    public const int LocalInterface = -1;

    /// <summary>
    /// How long a packet to one of the node's own addresses takes to be delivered: nothing. There is no link, no
    /// serialization and no queue, as on a real host's loopback path; the model has no cost for the stack itself.
    /// </summary>
    public static readonly SimTime LocalDeliveryTime = SimTime.Zero;

    /// <summary>A run-unique packet id: node id in the high bits, a per-node counter below.</summary>
    public long NextPacketId() => (long)Id << 40 | _packetSeq++;

    public bool IsLocalAddress(IpAddress a)
    {
        foreach (var i in Interfaces)
            if (i.Address == a) return true;
        return false;
    }

    /// <summary>The address a packet to <paramref name="destination"/> leaves from (the outgoing interface's), if routable.</summary>
    public IpAddress? SourceAddressFor(IpAddress destination)
    {
        int iface = Routes.LookupInterface(destination);
        return iface < 0 ? null : Interfaces[iface].Address;
    }

    internal void CountDrop(SimTime now, Packet p, int iface, DropReason reason)
    {
        _drops[(int)reason]++;
        UdpDrops.Dropped(p);
        Trace.Record(now, TraceKind.Drop, p, iface, reason);
    }

    private void OnPacket(SimTime now, Packet p, int inIface, IEventSink sink)
    {
        if (IsLocalAddress(p.Destination))
        {
            Delivered++;
            OnLocalDelivery(now, p, inIface, sink);
            return;
        }
        OnTransitPacket(now, p, inIface, sink);
    }

    /// <summary>A packet addressed to this node. ICMP echo is answered here for hosts and routers alike.</summary>
    protected virtual void OnLocalDelivery(SimTime now, Packet p, int inIface, IEventSink sink)
    {
        if (p.Payload is IcmpMessage { Kind: IcmpKind.EchoRequest } echo)
        {
            Trace.Record(now, TraceKind.Deliver, p, inIface);
            // RFC 792: the reply swaps the addresses and carries the same identifier, sequence and data.
            var reply = new Packet
            {
                Id = NextPacketId(),
                Source = p.Destination,
                Destination = p.Source,
                Payload = echo with { Kind = IcmpKind.EchoReply },
            };
            Originate(now, reply, sink);
            return;
        }
        OnLocalTransport(now, p, inIface, sink);
    }

    protected abstract void OnLocalTransport(SimTime now, Packet p, int inIface, IEventSink sink);

    /// <summary>A packet for someone else: routers forward it, hosts drop it.</summary>
    protected abstract void OnTransitPacket(SimTime now, Packet p, int inIface, IEventSink sink);

    protected virtual void OnAppTimer(SimTime now, int app, long token, IEventSink sink) =>
        throw new InvalidOperationException($"node {Name} has no apps but got an app timer");

    protected virtual void OnSocketTimer(SimTime now, int socket, long data, IEventSink sink) =>
        throw new InvalidOperationException($"node {Name} has no sockets but got a socket timer");

    /// <summary>Sends a packet this node created (an app's, or ICMP). False if it was dropped (no route, full queue, MTU).</summary>
    public bool Originate(SimTime now, Packet p, IEventSink sink) => OriginateOn(now, p, Routes.LookupInterface(p.Destination), sink);

    /// <summary>
    /// <see cref="Originate"/> with the route already looked up (-1 = none): a host picks the
    /// source address from the same lookup, so the per-packet path does it once.
    /// </summary>
    protected bool OriginateOn(SimTime now, Packet p, int iface, IEventSink sink)
    {
        Originated++;
        Trace.Record(now, TraceKind.Send, p, -1);
        if (IsLocalAddress(p.Destination))
        {
            // As every real stack does (Linux: the "local" routing table sends it through the loopback device), a
            // datagram for one of the node's own addresses is delivered to itself, not sent on a link (before, it
            // went to the router and back: 20.27 ms for a ping on S1's line). It
            // is an event of this node rather than a call, so that the sender's step ends before the receiver's
            // begins (no re-entry into the app or socket that sent it), and its key comes from this node's counter,
            // so both engines order it identically; at time now it is handled in the same window (t < window end).
            ScheduleLocal(now + LocalDeliveryTime, EventKind.LocalDelivery, LocalInterface, sink, payload: p);
            return true;
        }
        if (iface < 0)
        {
            CountDrop(now, p, -1, DropReason.NoRoute);
            return false;
        }
        return SendOn(now, p, iface, sink) == DropReason.None;
    }

    /// <summary>Puts a packet on an interface's port; a refused packet is counted and traced here.</summary>
    protected DropReason SendOn(SimTime now, Packet p, int iface, IEventSink sink)
    {
        var refused = Interfaces[iface].Port.Send(p, now, sink);
        if (refused != DropReason.None) CountDrop(now, p, iface, refused);
        return refused;
    }

    /// <summary>
    /// Sends an ICMP error about <paramref name="offending"/> back to its source. RFC 1122 §3.2.2:
    /// never about an ICMP error (no storms). RFC 1812 §4.3.2.4: the source is the address of the
    /// interface the offending packet came in on, which is what traceroute shows. <paramref name="nextHopMtu"/>
    /// goes with "fragmentation needed" / Packet Too Big only.
    /// </summary>
    protected void SendIcmpError(SimTime now, Packet offending, int inIface, IcmpKind kind, UnreachableCode code, IEventSink sink, int nextHopMtu = 0)
    {
        if (offending.Payload is IcmpMessage { IsError: true }) return;
        IpAddress? source = inIface >= 0 ? Interfaces[inIface].Address : SourceAddressFor(offending.Source);
        if (source is null || source.Value.Family != offending.Family) source = SourceAddressFor(offending.Source);
        if (source is null) return;
        var error = new Packet
        {
            Id = NextPacketId(),
            Source = source.Value,
            Destination = offending.Source,
            Payload = new IcmpMessage { Kind = kind, Code = code, Original = offending, NextHopMtu = nextHopMtu },
        };
        Originate(now, error, sink);
    }
}
