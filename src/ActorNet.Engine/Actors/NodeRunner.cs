using ActorNet.Core.Links;
using ActorNet.Core.Network;
using ActorNet.Core.Packets;
using ActorNet.Core.Simulation;
using ActorNet.Core.Sockets;
using ActorNet.Core.Time;

namespace ActorNet.Engine.Actors;

/// <summary>
/// What a node actor owns: the node, its own event queue (ordered by the total key, never by
/// delivery order) and, per interface, the transmissions started in the current window. Plain C#,
/// so the window step is testable without actors. A host's sockets run elsewhere (in child
/// actors): <see cref="Run"/> stops at each socket turn the node queued, and goes on after
/// <see cref="CompleteSocketCall"/> with the socket's actions, so the node's steps keep their order.
/// </summary>
public sealed class NodeRunner : IEventSink
{
    private readonly EventQueue _queue = new();
    // Per interface, the window's transmissions so far, straight into the array the batch message will
    // carry (rented; no copy at window end), their count and earliest end; and which interfaces sent.
    private readonly Transmission[]?[] _outbox;
    private readonly int[] _outCount;
    private readonly long[] _outEarliestEnd;
    private readonly int[] _used;
    private int _usedCount;
    private readonly int[] _channelOfInterface;
    private readonly int _channelBase;

    private readonly bool _socketsInPlace;

    /// <param name="socketsInPlace">Run the host's socket turns here, inside <see cref="Run"/> (<see cref="SocketPlacement.Host"/>);
    /// otherwise Run stops at each one for a socket actor.</param>
    public NodeRunner(Node node, int nodeCount, bool socketsInPlace = false)
    {
        _socketsInPlace = socketsInPlace;
        Node = node;
        _channelBase = nodeCount;
        int interfaces = node.Interfaces.Length;
        _outbox = new Transmission[interfaces][];
        _outCount = new int[interfaces];
        _outEarliestEnd = new long[interfaces];
        _used = new int[interfaces];
        _channelOfInterface = node.Interfaces.Select(i => i.Port.Channel.OriginId - nodeCount).ToArray();
        Links = node.Interfaces.Select(i => new Window.NodeLink(i.Port.Channel.ToNode, i.Port.Channel.Delay.Nanoseconds)).ToArray();
        if (node is Host host && !socketsInPlace) host.RunSocketsElsewhere();
    }

    public Node Node { get; }

    /// <summary>The node's links: the node at the far end of each interface and the link's delay (the same both ways).</summary>
    public Window.NodeLink[] Links { get; }
    public long NextEventNs => _queue.Count > 0 ? _queue.PeekKey.Time : long.MaxValue;

    /// <summary>Calls <see cref="Node.Start"/> (apps schedule their first timers).</summary>
    public void Start()
    {
        try
        {
            Node.Start(this);
        }
        catch (Exception ex) when (ex is not SimulationException)
        {
            throw new SimulationException(Node.Name, SimTime.Zero, ex);
        }
    }

    /// <summary>An arrival (or any event for this node) created elsewhere.</summary>
    public void Accept(in SimEvent e)
    {
        if (e.Node != Node.Id) throw new InvalidOperationException($"event {e} is not for node {Node.Name}");
        _queue.Push(e);
    }

    /// <summary>The time of the event being handled (a socket turn runs at it).</summary>
    public SimTime Now { get; private set; }

    /// <summary>Events handled since <see cref="TakeHandledCount"/> was last called.</summary>
    private long _handled;

    /// <summary>
    /// Handles events with time &lt; <paramref name="endNs"/> in key order until none is left (false) or the
    /// node queued a socket turn (true, <paramref name="call"/>): then the turn's actions must come back through
    /// <see cref="CompleteSocketCall"/> before running on.
    /// </summary>
    public bool Run(long endNs, out SocketCall call)
    {
        if (TakeSocketCall(out call)) return true;
        while (_queue.Count > 0 && _queue.PeekKey.Time < endNs)
        {
            var e = _queue.Pop();
            Now = e.Key.At;
            try
            {
                Node.Handle(e, this);
            }
            catch (Exception ex) when (ex is not SimulationException)
            {
                throw new SimulationException(Node.Name, e.Key.At, ex);
            }
            _handled++;
            if (TakeSocketCall(out call)) return true;
        }
        return false;
    }

    /// <summary>The next socket turn for an actor; with sockets in place, every queued turn is run here first (none is returned).</summary>
    private bool TakeSocketCall(out SocketCall call)
    {
        if (!_socketsInPlace) return Node.TryTakeSocketCall(out call);
        call = default;
        try
        {
            Node.RunSocketCallsInPlace(Now, this);
        }
        catch (Exception ex) when (ex is not SimulationException)
        {
            throw new SimulationException(Node.Name, Now, ex);
        }
        return false;
    }

    /// <summary>Applies the actions a socket took for <paramref name="call"/>, at <see cref="Now"/>.</summary>
    public void CompleteSocketCall(SocketCall call, IReadOnlyList<SocketAction> actions)
    {
        try
        {
            Node.CompleteSocketCall(call, actions, Now, this);
        }
        catch (Exception ex) when (ex is not SimulationException)
        {
            throw new SimulationException(Node.Name, Now, ex);
        }
    }

    /// <summary>Events handled since the last call.</summary>
    public long TakeHandledCount()
    {
        long n = _handled;
        _handled = 0;
        return n;
    }

    /// <summary>Sockets the node created since the last call (to be given actors of their own).</summary>
    public void TakeNewSockets(List<(int Socket, ISocket Logic)> into) => Node.TakeNewSockets(into);

    /// <summary>One channel's transmissions of a window, in a rented array (see <see cref="LinkBatch"/>).</summary>
    public readonly record struct OutBatch(int Channel, int Destination, long EarliestArrivalNs, Transmission[] Items, int Count);

    /// <summary>
    /// The window's transmissions per channel, in interface order, into <paramref name="into"/> (cleared
    /// first; reused by the caller, so nothing is allocated per window but the rented arrays), and an empty
    /// outbox after.
    /// </summary>
    public void TakeBatches(List<OutBatch> into)
    {
        into.Clear();
        // Interface order, as the reference engine's channels see them (the order only names batches: each
        // channel has one batch per window).
        Array.Sort(_used, 0, _usedCount);
        for (int u = 0; u < _usedCount; u++)
        {
            int i = _used[u];
            var channel = Node.Interfaces[i].Port.Channel;
            // Jitter only adds, so txEnd + delay bounds every arrival the batch can cause from below.
            into.Add(new OutBatch(_channelOfInterface[i], channel.ToNode, _outEarliestEnd[i] + channel.Delay.Nanoseconds, _outbox[i]!, _outCount[i]));
            _outbox[i] = null;
            _outCount[i] = 0;
        }
        _usedCount = 0;
    }

    void IEventSink.Schedule(in SimEvent e)
    {
        // Nodes schedule only their own events; other nodes' events come from channels (link actors).
        if (e.Node != Node.Id) throw new InvalidOperationException($"node {Node.Name} scheduled {e} for another node");
        _queue.Push(e);
    }

    void IEventSink.Transmit(Channel channel, Packet packet, SimTime txStart, SimTime txEnd)
    {
        int iface = Array.IndexOf(_channelOfInterface, channel.OriginId - _channelBase);
        if (iface < 0) throw new InvalidOperationException($"node {Node.Name} does not send on channel {channel.Name}");
        var items = _outbox[iface];
        int count = _outCount[iface];
        if (items is null)
        {
            items = _outbox[iface] = MessageArrays.Rent<Transmission>(4);
            _outEarliestEnd[iface] = long.MaxValue;
            _used[_usedCount++] = iface;
        }
        else if (count == items.Length)
        {
            var bigger = MessageArrays.Rent<Transmission>(2 * count);
            items.AsSpan().CopyTo(bigger);
            MessageArrays.Return(items, count);
            items = _outbox[iface] = bigger;
        }
        items[count] = new Transmission(packet, txStart, txEnd);
        _outCount[iface] = count + 1;
        _outEarliestEnd[iface] = Math.Min(_outEarliestEnd[iface], txEnd.Nanoseconds);
    }
}
