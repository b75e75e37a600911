using ActorNet.Core.Simulation;
using CsCheck;

namespace ActorNet.Core.Tests.Simulation;

public class EventQueueTests
{
    [Fact]
    public void Pops_in_total_key_order_time_then_origin_then_sequence() =>
        Gen.Select(Gen.Long[0, 50], Gen.Int[0, 5], Gen.Long[0, 1000]).Array[0, 400].Sample(keys =>
        {
            var q = new EventQueue();
            foreach (var (t, o, s) in keys) q.Push(new SimEvent(new EventKey(t, o, s), 0, EventKind.AppTimer, 0, null));
            var expected = keys.Select(k => new EventKey(k.Item1, k.Item2, k.Item3)).Order().ToList();
            var popped = new List<EventKey>();
            while (q.Count > 0) popped.Add(q.Pop().Key);
            return popped.SequenceEqual(expected);
        });

    [Fact]
    public void Equal_times_are_ordered_by_origin_not_by_insertion()
    {
        var q = new EventQueue();
        q.Push(new SimEvent(new EventKey(5, 9, 0), 0, EventKind.AppTimer, 0, null));
        q.Push(new SimEvent(new EventKey(5, 2, 7), 0, EventKind.AppTimer, 0, null));
        q.Push(new SimEvent(new EventKey(5, 2, 3), 0, EventKind.AppTimer, 0, null));
        Assert.Equal(new EventKey(5, 2, 3), q.Pop().Key);
        Assert.Equal(new EventKey(5, 2, 7), q.Pop().Key);
        Assert.Equal(new EventKey(5, 9, 0), q.Pop().Key);
    }

    /// <summary>
    /// Every node actor owns a queue: at 1,024 entries to start (57 KB), 200,000 nodes held 10.9 GiB before any
    /// event (issue 11, docs/BENCHMARKS-LARGE.md). A queue starts small and grows by doubling.
    /// </summary>
    [Fact]
    public void A_new_queue_costs_little_memory_and_still_grows()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var q = new EventQueue();
        long cost = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(cost < 2_048, $"a new event queue allocated {cost} bytes");
        for (int i = 5_000; i > 0; i--) q.Push(new SimEvent(new EventKey(i, 0, i), 0, EventKind.AppTimer, 0, null));
        Assert.Equal(5_000, q.Count);
        Assert.Equal(1, q.Pop().Key.Time);
    }
}
