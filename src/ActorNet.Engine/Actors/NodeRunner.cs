using ActorNet.Core.Links;
using ActorNet.Core.Network;
using ActorNet.Core.Packets;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;

namespace ActorNet.Engine.Actors;

/// <summary>
/// What a node actor owns: the node, its own event queue (ordered by the total key, never by
/// delivery order) and, per interface, the transmissions started in the current window. Plain C#,
/// so the window step is testable without actors.
/// </summary>
public sealed class NodeRunner : IEventSink
{
    private readonly EventQueue _queue = new();
    private readonly List<Transmission>?[] _outbox;
    private readonly int[] _channelOfInterface;
    private readonly int _channelBase;

    public NodeRunner(Node node, int nodeCount)
    {
        Node = node;
        _channelBase = nodeCount;
        _outbox = new List<Transmission>?[node.Interfaces.Length];
        _channelOfInterface = node.Interfaces.Select(i => i.Port.Channel.OriginId - nodeCount).ToArray();
    }

    public Node Node { get; }
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

    /// <summary>Handles every event with time &lt; <paramref name="endNs"/> in key order; returns how many.</summary>
    public long RunUntil(long endNs)
    {
        long handled = 0;
        while (_queue.Count > 0 && _queue.PeekKey.Time < endNs)
        {
            var e = _queue.Pop();
            try
            {
                Node.Handle(e, this);
            }
            catch (Exception ex) when (ex is not SimulationException)
            {
                throw new SimulationException(Node.Name, e.Key.At, ex);
            }
            handled++;
        }
        return handled;
    }

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
        for (int i = 0; i < _outbox.Length; i++)
        {
            var list = _outbox[i];
            if (list is null || list.Count == 0) continue;
            var items = MessageArrays.Rent<Transmission>(list.Count);
            list.CopyTo(items);
            long earliestEnd = long.MaxValue;
            foreach (var t in list) earliestEnd = Math.Min(earliestEnd, t.TxEnd.Nanoseconds);
            var channel = Node.Interfaces[i].Port.Channel;
            // Jitter only adds, so txEnd + delay bounds every arrival the batch can cause from below.
            into.Add(new OutBatch(_channelOfInterface[i], channel.ToNode, earliestEnd + channel.Delay.Nanoseconds, items, list.Count));
            list.Clear();
        }
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
        (_outbox[iface] ??= []).Add(new Transmission(packet, txStart, txEnd));
    }
}
