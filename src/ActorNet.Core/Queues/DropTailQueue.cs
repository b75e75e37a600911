using ActorNet.Core.Packets;
using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Queues;

/// <summary>
/// A router port's FIFO buffer with drop-tail on overflow (DESIGN §3). The limit counts packets
/// (and/or bytes) waiting, not the one on the wire (SCENARIOS.md conventions). It lives in virtual
/// time inside the node's state: nothing here depends on the machine's speed.
/// </summary>
public sealed class DropTailQueue(QueueLimit limit)
{
    private Packet[] _ring = new Packet[16];
    private int _head, _count;

    public QueueLimit Limit { get; } = limit;
    public int Count => _count;
    public long Bytes { get; private set; }
    public int PeakPackets { get; private set; }
    public long PeakBytes { get; private set; }
    public long Dropped { get; private set; }
    /// <summary>Packets the queue accepted so far (a packet that found the transmitter idle never enters it).</summary>
    public long Enqueued { get; private set; }

    /// <summary>The packet <paramref name="index"/> places from the head (0 = the next to be sent), for inspection; the queue is unchanged.</summary>
    public Packet PeekAt(int index)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the queue holds {_count} packets");
        return _ring[(_head + index) % _ring.Length];
    }

    /// <summary>Adds <paramref name="p"/> unless that would exceed the limit; a refused packet counts as dropped.</summary>
    public bool TryEnqueue(Packet p)
    {
        int len = p.TotalLength;
        if ((Limit.Packets > 0 && _count >= Limit.Packets) || (Limit.Bytes > 0 && Bytes + len > Limit.Bytes))
        {
            Dropped++;
            return false;
        }
        if (_count == _ring.Length) Grow();
        _ring[(_head + _count) % _ring.Length] = p;
        _count++;
        Enqueued++;
        Bytes += len;
        if (_count > PeakPackets) PeakPackets = _count;
        if (Bytes > PeakBytes) PeakBytes = Bytes;
        return true;
    }

    public Packet Dequeue()
    {
        if (_count == 0) throw new InvalidOperationException("dequeue from an empty queue");
        var p = _ring[_head];
        _ring[_head] = null!;
        _head = (_head + 1) % _ring.Length;
        _count--;
        Bytes -= p.TotalLength;
        return p;
    }

    private void Grow()
    {
        var bigger = new Packet[_ring.Length * 2];
        for (int i = 0; i < _count; i++) bigger[i] = _ring[(_head + i) % _ring.Length];
        _ring = bigger;
        _head = 0;
    }
}
