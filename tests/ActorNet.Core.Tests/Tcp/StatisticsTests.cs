using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>The per-connection counters and the window trace the host writes out.</summary>
public class StatisticsTests
{
    [Fact]
    public void Statistics_count_bytes_segments_retransmissions_and_rtt()
    {
        var net = new TcpTestNet(TcpSettings.Default, TcpSettings.Default with { DelayedAck = false });
        net.ToServer.Drop = Drops.FirstTransmissionOf(1000, 1460, 5);
        var data = TcpTestNet.Pattern(100_000);
        net.Transfer(data);
        var trace = new WindowTrace();
        net.ClientConn.WindowObserver = trace;
        net.RunUntil(SimTime.FromSeconds(10));
        var c = net.ClientConn.Statistics;
        var s = net.ServerConn.Statistics;

        Assert.Equal(1, c.FastRetransmissions);
        Assert.Equal(0, c.TimeoutRetransmissions);
        Assert.Equal(1460, c.BytesRetransmitted);
        Assert.Equal(data.Length + 1460, c.BytesSent);
        Assert.Equal(data.Length, c.BytesAcked);
        Assert.Equal(data.Length, s.BytesReceived);
        Assert.Equal(data.Length, s.BytesDelivered);
        Assert.Equal(net.ToServer.Sent.Count, c.SegmentsSent);
        Assert.Equal(net.ToServer.Sent.Count - 1, s.SegmentsReceived); // one dropped
        Assert.Equal(net.ToClient.Sent.Count, s.SegmentsSent);
        Assert.True(s.OutOfOrderSegments > 0);
        Assert.Equal(0, s.DuplicateSegments);

        // RTT: 20 ms path, no queueing, the receiver ACKs every segment at once: every sample is 20 ms.
        Assert.True(c.RttSamples > 5);
        Assert.Equal(SimTime.FromMilliseconds(20), c.RttMin);
        Assert.Equal(SimTime.FromMilliseconds(20), c.RttMean);
        Assert.Equal(SimTime.FromMilliseconds(20), c.RttMax);

        // The trace: in time order, it shows slow start, the halving and the end of recovery.
        Assert.True(trace.Samples.Zip(trace.Samples.Skip(1)).All(p => p.First.At <= p.Second.At));
        Assert.Equal(14600, trace.Samples[0].Cwnd);
        Assert.Contains(trace.Samples, x => x.Ssthresh != long.MaxValue);
        Assert.True(trace.Samples.Count < 2 * c.SegmentsSent + 10);
    }
}
