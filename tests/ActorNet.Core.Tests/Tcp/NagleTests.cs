using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>RFC 9293 §3.7.4 Nagle's algorithm and §3.8.6.2.1 sender SWS avoidance.</summary>
public class NagleTests
{
    private static SimTime Ms(long ms) => SimTime.FromMilliseconds(ms);

    /// <summary>Ten writes of 100 B, 1 ms apart from t = 100 ms; RTT 20 ms, the receiver ACKs every segment.</summary>
    private static TcpTestNet TenSmallWrites(bool nagle)
    {
        var net = new TcpTestNet(TcpSettings.Default with { Nagle = nagle }, TcpSettings.Default with { DelayedAck = false });
        net.Client.CloseOnRemoteClosed = false;
        net.Open();
        for (int i = 0; i < 10; i++) net.Loop.At(Ms(100 + i), () => net.ClientConn.Send(new byte[100], net.Loop.Now));
        net.RunUntil(Ms(500));
        return net;
    }

    [Fact]
    public void Nagle_holds_small_writes_while_data_is_unacknowledged()
    {
        var net = TenSmallWrites(nagle: true);
        // The first goes at once; the other nine wait for its ACK (at 120 ms) and leave together.
        Assert.Equal([(Ms(100), 100), (Ms(120), 900)], net.ToServer.DataSegments.Select(s => (s.At, s.Segment.Data.Length)));
        Assert.Equal(1000, net.Server.Received.Count);
    }

    [Fact]
    public void Nagle_off_sends_every_write_at_once()
    {
        var net = TenSmallWrites(nagle: false);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (Ms(100 + i), 100)), net.ToServer.DataSegments.Select(s => (s.At, s.Segment.Data.Length)));
    }

    [Fact]
    public void Nagle_never_delays_full_segments()
    {
        var net = new TcpTestNet();
        net.Client.CloseOnRemoteClosed = false;
        net.Open();
        net.Loop.At(Ms(100), () => net.ClientConn.Send(new byte[3 * 1460 + 10], net.Loop.Now));
        net.RunUntil(Ms(110));
        // Three full segments go; the 10-byte tail waits for an ACK (Nagle).
        Assert.Equal([1460, 1460, 1460], net.ToServer.DataSegments.Select(s => s.Segment.Data.Length));
        net.RunUntil(Ms(500));
        Assert.Equal(10, net.ToServer.DataSegments.Last().Segment.Data.Length);
    }
}
