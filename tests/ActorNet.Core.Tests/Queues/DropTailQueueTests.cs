using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Queues;
using ActorNet.Core.Scenarios;
using CsCheck;

namespace ActorNet.Core.Tests.Queues;

public class DropTailQueueTests
{
    private static Packet Udp(long id, int ipBytes) => new()
    {
        Id = id,
        Source = Ipv4Address.Parse("10.0.0.1"),
        Destination = Ipv4Address.Parse("10.0.0.2"),
        Payload = new UdpDatagram(1, 2, ipBytes - 28),
    };

    [Fact]
    public void Packet_limit_drops_the_arrival_that_finds_the_buffer_full()
    {
        var q = new DropTailQueue(new QueueLimit(2, 0));
        Assert.True(q.TryEnqueue(Udp(1, 100)));
        Assert.True(q.TryEnqueue(Udp(2, 100)));
        Assert.False(q.TryEnqueue(Udp(3, 100)));
        Assert.Equal(1, q.Dropped);
        Assert.Equal(1, q.Dequeue().Id); // FIFO
        Assert.True(q.TryEnqueue(Udp(4, 100)));
        Assert.Equal(2, q.PeakPackets);
    }

    [Fact]
    public void Byte_limit_counts_ip_bytes()
    {
        var q = new DropTailQueue(new QueueLimit(0, 2500));
        Assert.True(q.TryEnqueue(Udp(1, 1500)));
        Assert.False(q.TryEnqueue(Udp(2, 1500)));
        Assert.True(q.TryEnqueue(Udp(3, 1000)));
        Assert.Equal(2500, q.Bytes);
        Assert.Equal(2500, q.PeakBytes);
    }

    [Fact]
    public void Behaves_like_a_bounded_fifo_reference_under_random_operations() =>
        Gen.Int[1, 20].Select(Gen.Int[0, 2].Array[0, 300]).Sample(t =>
        {
            var (limit, ops) = t;
            var q = new DropTailQueue(new QueueLimit(limit, 0));
            var reference = new Queue<long>();
            long id = 0, dropped = 0;
            foreach (var op in ops)
            {
                if (op < 2)
                {
                    var p = Udp(++id, 100);
                    bool accepted = q.TryEnqueue(p);
                    if (reference.Count < limit) reference.Enqueue(p.Id); else dropped++;
                    if (accepted != (reference.Count > 0 && reference.Last() == p.Id)) return false;
                }
                else if (reference.Count > 0 && q.Dequeue().Id != reference.Dequeue()) return false;
            }
            return q.Count == reference.Count && q.Dropped == dropped;
        });
}
