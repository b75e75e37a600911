using ActorNet.Core.Queues;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Queues;

public class QueueHistoryTests
{
    private static SimTime Ms(long ms) => SimTime.FromMilliseconds(ms);

    [Fact]
    public void Each_slice_keeps_the_largest_length_recorded_in_it()
    {
        var h = new QueueHistory(Ms(100), buckets: 10);   // slices of 10 ms
        h.Record(Ms(1), 3);
        h.Record(Ms(2), 7);
        h.Record(Ms(5), 0);
        h.Record(Ms(12), 2);
        h.Record(Ms(13), 0);
        Assert.Equal([(Ms(0), 7), (Ms(10), 2), (Ms(20), 0)], h.Points(Ms(30)));
    }

    [Fact]
    public void A_length_held_across_slices_shows_in_every_one_of_them()
    {
        // 40 packets wait from 5 ms to 65 ms (e.g. a link down): slices with no change still saw them.
        var h = new QueueHistory(Ms(100), buckets: 10);
        h.Record(Ms(5), 40);
        h.Record(Ms(65), 0);
        Assert.Equal([40, 40, 40, 40, 40, 40, 40, 0, 0, 0], h.Points(Ms(100)).Select(p => p.MaxPackets));
    }

    [Fact]
    public void Slices_stop_at_the_time_reached_and_the_last_holds_what_was_waiting()
    {
        var h = new QueueHistory(Ms(100), buckets: 10);
        h.Record(Ms(5), 12);
        var points = h.Points(Ms(31)).ToList();
        Assert.Equal([Ms(0), Ms(10), Ms(20), Ms(30)], points.Select(p => p.Start));
        Assert.All(points, p => Assert.Equal(12, p.MaxPackets));
        Assert.Empty(h.Points(Ms(0)));
    }

    [Fact]
    public void A_port_that_never_queued_has_no_points()
    {
        var h = new QueueHistory(Ms(100));
        h.Record(Ms(5), 0);
        Assert.True(h.IsEmpty);
        Assert.Empty(h.Points(Ms(100)));
    }
}
