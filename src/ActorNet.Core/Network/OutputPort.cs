using ActorNet.Core.Links;
using ActorNet.Core.Packets;
using ActorNet.Core.Queues;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;
using ActorNet.Core.Tracing;

namespace ActorNet.Core.Network;

/// <summary>
/// An output port (DESIGN §3): a bounded drop-tail buffer in front of a transmitter that
/// serializes one packet at a time at the link's rate. The packet on the wire is not in the buffer.
/// </summary>
public sealed class OutputPort(Node owner, int iface, Channel channel, QueueLimit limit)
{
    private readonly DropTailQueue _queue = new(limit);
    private bool _busy;
    private Packet? _onWire;
    private SimTime _busyUntil;

    public Channel Channel => channel;
    public DropTailQueue Queue => _queue;
    public long Transmitted { get; private set; }
    public long TransmittedBytes { get; private set; }
    public long DroppedQueueFull => _queue.Dropped;
    public long DroppedMtu { get; private set; }
    public SimTime BusyTime { get; private set; }
    /// <summary>True while the transmitter serializes a packet (that packet is not in <see cref="Queue"/>).</summary>
    public bool IsTransmitting => _busy;
    /// <summary>The packet being serialized, or null when the transmitter is idle.</summary>
    public Packet? OnWire => _busy ? _onWire : null;
    /// <summary>When the current transmission ends (its TransmitComplete event), or null when idle.</summary>
    public SimTime? TransmittingUntil => _busy ? _busyUntil : null;
    /// <summary>Queue length over the run (for plots); null when not recorded.</summary>
    public QueueHistory? History { get; set; }

    /// <summary>
    /// Hands <paramref name="p"/> to the port at <paramref name="now"/>. Returns why it was refused
    /// (MTU, full buffer), or <see cref="DropReason.None"/>; the caller counts and traces the drop.
    /// A loss on the link itself is not the caller's: the channel traces and counts it.
    /// </summary>
    public DropReason Send(Packet p, SimTime now, IEventSink sink)
    {
        if (p.TotalLength > channel.Mtu)
        {
            DroppedMtu++;
            return DropReason.MtuExceeded;
        }
        if (!_busy)
        {
            StartTransmission(p, now, sink);
            return DropReason.None;
        }
        if (_queue.TryEnqueue(p))
        {
            History?.Record(now, _queue.Count);
            owner.Trace.Record(now, TraceKind.Enqueue, p, iface);
            return DropReason.None;
        }
        return DropReason.QueueFull;
    }

    /// <summary>The transmitter finished its packet: start the next one waiting, if any.</summary>
    public void OnTransmitComplete(SimTime now, IEventSink sink)
    {
        _busy = false;
        _onWire = null;
        if (_queue.Count == 0) return;
        var next = _queue.Dequeue();
        History?.Record(now, _queue.Count);
        StartTransmission(next, now, sink);
    }

    private void StartTransmission(Packet p, SimTime now, IEventSink sink)
    {
        _busy = true;
        var end = now + channel.Rate.TransmissionTime(p.TotalLength);
        _onWire = p;
        _busyUntil = end;
        Transmitted++;
        TransmittedBytes += p.TotalLength;
        BusyTime += end - now;
        owner.Trace.Record(now, TraceKind.Transmit, p, iface);
        owner.Capture?.Capture(owner, iface, now, p, outbound: true);
        owner.ScheduleLocal(end, EventKind.TransmitComplete, iface, sink);
        // What happens on the link (loss, duplication, arrival) is the channel's, traced and
        // counted there; the engine decides when the channel sees the packet (IEventSink.Transmit).
        sink.Transmit(channel, p, now, end);
    }
}
