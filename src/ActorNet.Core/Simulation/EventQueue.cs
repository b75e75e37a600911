namespace ActorNet.Core.Simulation;

/// <summary>
/// A 4-ary min-heap of events ordered by <see cref="EventKey"/> (DESIGN §1). Structs in one array:
/// no allocation per event once grown, and a 4-ary heap halves the depth of a binary one.
/// </summary>
public sealed class EventQueue
{
    // Small to start: every node actor owns a queue, and most nodes hold a few events at a time (at 1,024 entries,
    // 200,000 nodes took 10.9 GiB before any event; docs/BENCHMARKS-LARGE.md). Push doubles it as needed.
    private SimEvent[] _heap = new SimEvent[16];
    private int _count;

    public int Count => _count;

    public EventKey PeekKey => _count > 0 ? _heap[0].Key : throw new InvalidOperationException("the event queue is empty");

    public void Push(in SimEvent e)
    {
        if (_count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        int i = _count++;
        var key = e.Key;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            if (_heap[parent].Key.CompareTo(key) <= 0) break;
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = e;
    }

    public SimEvent Pop()
    {
        if (_count == 0) throw new InvalidOperationException("the event queue is empty");
        var top = _heap[0];
        var last = _heap[--_count];
        _heap[_count] = default;
        if (_count > 0) SiftDown(last);
        return top;
    }

    private void SiftDown(in SimEvent e)
    {
        int i = 0;
        var key = e.Key;
        while (true)
        {
            int first = (i << 2) + 1;
            if (first >= _count) break;
            int best = first;
            int end = Math.Min(first + 4, _count);
            for (int c = first + 1; c < end; c++)
                if (_heap[c].Key.CompareTo(_heap[best].Key) < 0) best = c;
            if (key.CompareTo(_heap[best].Key) <= 0) break;
            _heap[i] = _heap[best];
            i = best;
        }
        _heap[i] = e;
    }
}
