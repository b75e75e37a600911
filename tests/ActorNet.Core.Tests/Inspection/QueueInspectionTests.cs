using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Queues;
using ActorNet.Core.Scenarios;
using CsCheck;

namespace ActorNet.Core.Tests.Inspection;

/// <summary>The read-only views inspection takes of a drop-tail queue: PeekAt and the Enqueued count.</summary>
public class QueueInspectionTests
{
    private static Packet Udp(long id) => new()
    {
        Id = id,
        Source = Ipv4Address.Parse("10.0.0.1"),
        Destination = Ipv4Address.Parse("10.0.0.2"),
        Payload = new UdpDatagram(1, 2, 72),
    };

    [Fact]
    public void PeekAt_lists_the_waiting_packets_head_first_without_taking_any()
    {
        var q = new DropTailQueue(new QueueLimit(3, 0));
        foreach (var id in new long[] { 1, 2, 3, 4 }) q.TryEnqueue(Udp(id));   // 4 is dropped
        Assert.Equal([1, 2, 3], Enumerable.Range(0, q.Count).Select(i => q.PeekAt(i).Id));
        Assert.Equal(3, q.Count);
        Assert.Equal(1, q.Dequeue().Id);
        Assert.Throws<ArgumentOutOfRangeException>(() => q.PeekAt(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => q.PeekAt(-1));
    }

    [Fact]
    public void PeekAt_and_Enqueued_match_a_list_model_under_any_sequence_of_operations()
    {
        // true = enqueue the next id, false = dequeue (when not empty); the ring wraps and grows along the way.
        Gen.Bool.Array[0, 200].Sample(ops =>
        {
            var q = new DropTailQueue(new QueueLimit(40, 0));
            var model = new List<long>();
            long next = 0, accepted = 0;
            foreach (var enqueue in ops)
            {
                if (enqueue)
                {
                    if (q.TryEnqueue(Udp(next))) { model.Add(next); accepted++; }
                    next++;
                }
                else if (model.Count > 0)
                {
                    Assert.Equal(model[0], q.Dequeue().Id);
                    model.RemoveAt(0);
                }
                Assert.Equal(model, Enumerable.Range(0, q.Count).Select(i => q.PeekAt(i).Id));
                Assert.Equal(accepted, q.Enqueued);
            }
        });
    }
}
