using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>RFC 9293 §3.8.6.3, RFC 1122 §4.2.3.2, RFC 5681 §4.2. 10 ms each way; data leaves at 20 ms, arrives at 30.</summary>
public class DelayedAckTests
{
    private static SimTime Ms(long ms) => SimTime.FromMilliseconds(ms);

    private static List<(SimTime At, uint Ack)> Acks(TcpTestNet net) =>
        net.ToClient.Sent.Skip(1).Select(s => (s.At, s.Segment.Acknowledgment.Value)).ToList(); // after the SYN-ACK

    private static TcpTestNet Send(int bytes, TcpSettings? server = null, Func<ActorNet.Core.Packets.TcpSegment, bool>? drop = null)
    {
        var net = new TcpTestNet(TcpSettings.Default, server ?? TcpSettings.Default);
        net.Client.ToSend = TcpTestNet.Pattern(bytes);
        net.Client.CloseOnRemoteClosed = false;
        if (drop is not null) net.ToServer.Drop = drop;
        net.Open();
        return net;
    }

    [Fact]
    public void DelayedAck_a_single_segment_is_acknowledged_after_200_ms()
    {
        var net = Send(100);
        net.RunUntil(Ms(500));
        Assert.Equal([(Ms(230), 1101u)], Acks(net));
    }

    [Fact]
    public void DelayedAck_every_second_full_segment_is_acknowledged_at_once()
    {
        var net = Send(4 * 1460);
        net.RunUntil(Ms(500));
        Assert.Equal([(Ms(30), 1001u + 2 * 1460), (Ms(30), 1001u + 4 * 1460)], Acks(net));
    }

    [Fact]
    public void DelayedAck_out_of_order_data_is_acknowledged_at_once_and_so_is_filling_the_gap()
    {
        // Segment 0 of 2 is lost: segment 1 draws an immediate duplicate ACK (with a SACK block); the
        // retransmission (RTO, 1 s after 20 ms) fills the gap and is ACKed at once, not 200 ms later.
        var net = Send(2 * 1460, drop: Drops.FirstTransmissionOf(1000, 1460, 0));
        net.RunUntil(Ms(2000));
        var acks = Acks(net);
        Assert.Equal([(Ms(30), 1001u), (Ms(1030), 1001u + 2 * 1460)], acks);
        Assert.Single(net.ToClient.Sent[1].Segment.Options.SackBlocks);
    }

    [Fact]
    public void DelayedAck_off_acknowledges_every_segment()
    {
        var net = Send(4 * 1460, server: TcpSettings.Default with { DelayedAck = false });
        net.RunUntil(Ms(500));
        Assert.Equal(4, Acks(net).Count);
        Assert.All(Acks(net), a => Assert.Equal(Ms(30), a.At));
    }
}
