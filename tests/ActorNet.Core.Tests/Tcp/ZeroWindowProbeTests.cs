using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>
/// RFC 9293 §3.8.6.1 zero-window probing with the persist timer, RFC 1122 §4.2.2.17 backoff, and the
/// receiver's SWS avoidance (§3.8.6.2.2). The server has a 4-segment (5,840 B) buffer and does not read.
/// </summary>
public class ZeroWindowProbeTests
{
    private static SimTime Ms(long ms) => SimTime.FromMilliseconds(ms);
    private const uint FirstUnsent = 1001 + 4 * 1460;

    private static TcpTestNet StalledReceiver(byte[] data)
    {
        var net = new TcpTestNet(TcpSettings.Default, TcpSettings.Default with { ReceiveBufferBytes = 4 * 1460 });
        net.Server.AutoRead = false;
        net.Transfer(data);
        return net;
    }

    [Fact]
    public void ZeroWindowProbe_one_byte_probes_back_off_exponentially()
    {
        // t = 20 ms: 4 segments fill the window; t = 40: the ACK says window 0 and nothing is in flight,
        // so the persist timer starts at the RTO (1 s): probes at 1.04, 3.04, 7.04 s.
        var net = StalledReceiver(TcpTestNet.Pattern(20_000));
        net.RunUntil(SimTime.FromSeconds(10));
        var probes = net.ToServer.DataSegments.Where(s => s.Segment.Sequence.Value == FirstUnsent).ToList();
        Assert.Equal([Ms(1040), Ms(3040), Ms(7040)], probes.Select(p => p.At));
        Assert.All(probes, p => Assert.Equal(1, p.Segment.Data.Length));
        Assert.Equal(3, net.ClientConn.Statistics.WindowProbes);
        // Each probe is answered at once with the (still zero) window; the receiver keeps exactly its buffer.
        Assert.All(net.ToClient.Sent.Where(s => s.At > Ms(1000)), s => Assert.Equal(0, s.Segment.Window));
        Assert.Equal(4 * 1460, net.ServerConn.BytesReadable);
        Assert.Equal(0, net.ClientConn.Statistics.RetransmissionTimeouts);
    }

    [Fact]
    public void ZeroWindowProbe_transfer_resumes_when_the_receiver_reads()
    {
        var data = TcpTestNet.Pattern(20_000);
        var net = StalledReceiver(data);
        net.RunUntil(SimTime.FromSeconds(10));
        net.Server.AutoRead = true;
        net.Server.ReadAll(); // the window doubles from zero: a window update goes out at once
        Assert.True(net.ToClient.Sent[^1].Segment.Window > 0);
        net.RunUntil(SimTime.FromSeconds(60));
        Assert.Equal(data, net.Server.Received);
        Assert.Equal(TcpState.Closed, net.ServerConn.State);
    }

    [Fact]
    public void ReceiverSws_small_reads_do_not_reopen_the_window()
    {
        var net = StalledReceiver(TcpTestNet.Pattern(20_000));
        net.RunUntil(Ms(500));
        int sent = net.ToClient.Sent.Count;
        net.ServerConn.Read(100, net.Loop.Now);
        Assert.Equal(sent, net.ToClient.Sent.Count); // 100 B < min(buffer/2, MSS): no update
        Assert.Equal(0, net.ServerConn.RcvWnd);
        net.ServerConn.Read(1360, net.Loop.Now);
        Assert.Equal(sent + 1, net.ToClient.Sent.Count);
        Assert.Equal(1460, net.ToClient.Sent[^1].Segment.Window); // one MSS, no scaling (buffer < 64 KiB)
    }

    [Fact]
    public void SenderSws_does_not_send_a_small_segment_into_a_small_window_while_data_is_in_flight()
    {
        // A 5,000 B buffer: the window is never a multiple of the MSS. After 3 full segments 620 B of
        // window are left; the sender waits (Nagle + SWS) instead of sending a 620-byte segment.
        var net = new TcpTestNet(TcpSettings.Default, TcpSettings.Default with { ReceiveBufferBytes = 5000, DelayedAck = false });
        net.Server.AutoRead = false;
        net.Transfer(TcpTestNet.Pattern(20_000));
        net.RunUntil(Ms(35));
        Assert.Equal([1460, 1460, 1460], net.ToServer.DataSegments.Select(s => s.Segment.Data.Length));
    }
}
