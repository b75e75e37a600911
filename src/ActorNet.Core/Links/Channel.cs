using ActorNet.Core.Randomness;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;
using ActorNet.Core.Tracing;
using ActorNet.Core.Units;

namespace ActorNet.Core.Links;

/// <summary>
/// One direction of a link: what happens to a packet between the end of its serialization at the
/// sender and its arrival at the receiver (propagation delay, loss, duplication, jitter, down
/// intervals). Driven in the sending node's transmission order (by the reference engine at once, by
/// a link actor at the end of a window), so its random stream, its event counter and its trace
/// advance in the same order in every engine. Its events carry its own origin id, so the receiver
/// orders them independently of thread timing. Link-level records (loss, link down, duplicate) go
/// to the channel's own <see cref="Trace"/>, which the run digest combines after the nodes'.
/// </summary>
public sealed class Channel
{
    private readonly LossModel _loss;
    private readonly RandomStream _random;
    private long _seq;

    public Channel(int originId, string name, LinkSpec link, bool fromA, int toNode, int toInterface, ulong runSeed)
    {
        OriginId = originId;
        Name = name;
        Link = link;
        ToNode = toNode;
        ToInterface = toInterface;
        Queue = fromA ? link.QueueA : link.QueueB;
        _loss = LossModel.Create((fromA ? link.LossA : link.LossB) ?? link.Loss);
        _random = RandomStream.For(runSeed, "channel:" + name);
    }

    public int OriginId { get; }
    public string Name { get; }
    public LinkSpec Link { get; }
    public int ToNode { get; }
    public int ToInterface { get; }
    public QueueLimit Queue { get; }
    public DataRate Rate => Link.Rate;
    public SimTime Delay => Link.Delay;
    public int Mtu => Link.Mtu;

    /// <summary>Link-level records: drops on the link (loss, link down) and duplicates, in packet order.</summary>
    public NodeTrace Trace { get; } = new();

    public long Delivered { get; private set; }
    public long Lost { get; private set; }
    public long Duplicated { get; private set; }
    public long LostToDownLink { get; private set; }
    /// <summary>UDP packets this direction lost (loss, link down) or copied, per flow: a sender's "lost" and "duplicated".</summary>
    public Apps.UdpFlowTally UdpFlows { get; } = new();

    public bool IsDown(SimTime at)
    {
        foreach (var d in Link.Down)
            if (at >= d.From && at < d.Until) return true;
        return false;
    }

    /// <summary>
    /// The packet's last bit left the sender at <paramref name="txEnd"/> (transmission began at
    /// <paramref name="txStart"/>). Schedules its arrival(s) at the receiver, or reports why none.
    /// </summary>
    public DropReason Carry(Packets.Packet packet, SimTime txStart, SimTime txEnd, IEventSink sink)
    {
        if (IsDown(txStart))
        {
            LostToDownLink++;
            UdpFlows.Dropped(packet);
            Trace.Record(txStart, TraceKind.Drop, packet, ToInterface, DropReason.LinkDown);
            return DropReason.LinkDown;
        }
        if (_loss.Lose(_random))
        {
            Lost++;
            UdpFlows.Dropped(packet);
            Trace.Record(txStart, TraceKind.Drop, packet, ToInterface, DropReason.LinkLoss);
            return DropReason.LinkLoss;
        }
        Schedule(packet, txEnd, sink);
        if (_random.Chance(Link.Duplicate))
        {
            Duplicated++;
            UdpFlows.Duplicated(packet);
            Trace.Record(txEnd, TraceKind.Duplicate, packet, ToInterface);
            Schedule(packet, txEnd, sink);
        }
        return DropReason.None;
    }

    private void Schedule(Packets.Packet packet, SimTime txEnd, IEventSink sink)
    {
        long jitter = Link.Jitter.Nanoseconds > 0 ? _random.NextInclusive(Link.Jitter.Nanoseconds) : 0;
        long arrival = txEnd.Nanoseconds + Link.Delay.Nanoseconds + jitter;
        Delivered++;
        sink.Schedule(new SimEvent(new EventKey(arrival, OriginId, _seq++), ToNode, EventKind.PacketArrival, ToInterface, packet));
    }
}
