using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>
/// RFC 5681 §3.2 fast retransmit / fast recovery and RFC 6582 NewReno partial ACKs, with the
/// test-only Reno/NewReno. Setting: 10 ms each way, no serialization, IW10 (14,600 B), MSS 1460,
/// the receiver ACKs every segment (delayed ACK off), client ISS 1000 (segment i starts at 1001 + 1460·i).
/// SACK is off: with SACK negotiated, RFC 6675 recovers instead (<see cref="SackRecoveryTests"/>).
/// </summary>
public class FastRetransmitTests
{
    private const int Mss = 1460;
    private static readonly TcpSettings NoSack = TcpSettings.Default with { Sack = false };
    private static SimTime Ms(long ms) => SimTime.FromMilliseconds(ms);
    private static uint Seg(int i) => 1001u + (uint)(i * Mss);

    private static (TcpTestNet Net, WindowTrace Trace, byte[] Data) Run(bool newReno, long untilMs, params int[] lost)
    {
        var net = new TcpTestNet(NoSack, NoSack with { DelayedAck = false }, cc: () => new TestNewReno(newReno));
        net.ToServer.Drop = Drops.FirstTransmissionOf(1000, Mss, lost);
        var data = TcpTestNet.Pattern(30 * Mss);
        net.Transfer(data);
        var trace = new WindowTrace();
        net.ClientConn.WindowObserver = trace;
        net.RunUntil(Ms(untilMs));
        return (net, trace, data);
    }

    [Fact]
    public void FastRetransmit_on_the_third_duplicate_ack_without_a_timeout()
    {
        // t = 20 ms: segments 0–9 leave; 2 is lost. t = 30: the receiver ACKs 0 and 1, then 3–9 give 7 dup ACKs.
        // t = 40: the two ACKs grow cwnd to 12 segments (10–13 leave); on the third dup ACK FlightSize is
        // segments 2–13 = 17,520 B, so ssthresh = 8,760 and segment 2 is retransmitted at once.
        var (net, trace, data) = Run(newReno: true, untilMs: 40, lost: 2);
        var c = net.ClientConn;
        var retransmission = net.ToServer.DataSegments.Where(s => s.Segment.Sequence.Value == Seg(2)).ToList();
        Assert.Equal(2, retransmission.Count);
        Assert.Equal(Ms(40), retransmission[1].At);
        Assert.True(c.InFastRecovery);
        Assert.Equal(8760, c.Ssthresh);
        // cwnd = ssthresh + 3·SMSS, then +SMSS for each of the 4 later dup ACKs: 8,760 + 7·1,460 = 18,980.
        Assert.Equal(18980, c.Cwnd);

        // t = 60: the ACK of everything sent before the retransmission (recover = segment 14) ends recovery:
        // cwnd = min(ssthresh, FlightSize + SMSS) = min(8,760, 5 segments + 1) = 8,760.
        net.RunUntil(Ms(60));
        Assert.False(c.InFastRecovery);
        Assert.Contains(trace.Samples, s => s.At == Ms(60) && s.Cwnd == 8760);

        net.RunUntil(SimTime.FromSeconds(5));
        Assert.Equal(data, net.Server.Received);
        Assert.Equal(1, c.Statistics.FastRetransmissions);
        Assert.Equal(1, c.Statistics.FastRecoveries);
        Assert.Equal(0, c.Statistics.RetransmissionTimeouts);
        Assert.Equal(7 + 4, c.Statistics.DuplicateAcksReceived);
    }

    [Fact]
    public void FastRetransmit_not_on_two_duplicate_acks()
    {
        // Lose segment 7 of the first flight: only segments 8 and 9 follow it, two dup ACKs.
        var net = new TcpTestNet(NoSack, NoSack with { DelayedAck = false }, cc: () => new TestNewReno());
        net.ToServer.Drop = Drops.FirstTransmissionOf(1000, Mss, 7);
        net.Transfer(TcpTestNet.Pattern(10 * Mss));
        net.RunUntil(SimTime.FromSeconds(5));
        Assert.Equal(0, net.ClientConn.Statistics.FastRetransmissions);
        Assert.Equal(1, net.ClientConn.Statistics.RetransmissionTimeouts);
        Assert.Equal(10 * Mss, net.Server.Received.Count);
    }

    [Fact]
    public void NewRenoPartialAck_retransmits_the_next_hole_and_stays_in_recovery()
    {
        // Segments 2 and 5 lost. t = 40: fast retransmit of 2 (recover = segment 14). t = 50: the receiver,
        // holding 3–4, ACKs up to 5: a partial ACK, at the client at t = 60, which retransmits 5 at once.
        var (net, _, data) = Run(newReno: true, untilMs: 60, lost: [2, 5]);
        var c = net.ClientConn;
        var seg5 = net.ToServer.DataSegments.Where(s => s.Segment.Sequence.Value == Seg(5)).Select(s => s.At).ToList();
        Assert.Equal([Ms(20), Ms(60)], seg5);
        Assert.True(c.InFastRecovery);
        Assert.Equal(8760, c.Ssthresh);

        net.RunUntil(Ms(80)); // the ACK of segment 18 passes recover: full ACK
        Assert.False(c.InFastRecovery);

        net.RunUntil(SimTime.FromSeconds(5));
        Assert.Equal(data, net.Server.Received);
        Assert.Equal(2, c.Statistics.FastRetransmissions);
        Assert.Equal(1, c.Statistics.FastRecoveries);
        Assert.Equal(0, c.Statistics.RetransmissionTimeouts);
    }

    [Fact]
    public void NewRenoPartialAck_deflates_cwnd_by_the_newly_acked_amount_plus_one_segment()
    {
        // At t = 60 first 4 dup ACKs inflate cwnd to 17,520 + 4·1,460 = 23,360; the partial ACK of 3 segments
        // (4,380 B) deflates it to 23,360 − 4,380 + 1,460 = 20,440 (RFC 6582 §3.2 step 4).
        var (_, trace, _) = Run(newReno: true, untilMs: 60, lost: [2, 5]);
        Assert.Equal(20440, trace.Samples.Last(s => s.At == Ms(60)).Cwnd);
    }

    [Fact]
    public void RenoPartialAck_leaves_recovery_and_needs_three_more_duplicate_acks()
    {
        // Reno (RFC 5681 §3.2 step 6): the partial ACK at t = 60 ends recovery with cwnd = ssthresh; the hole
        // at segment 5 waits for three new dup ACKs (segments 14–17 reach the receiver at 70) and is sent at 80.
        var (net, _, data) = Run(newReno: false, untilMs: 60, lost: [2, 5]);
        var c = net.ClientConn;
        Assert.False(c.InFastRecovery);
        Assert.Equal(8760, c.Cwnd);
        net.RunUntil(SimTime.FromSeconds(5));
        var seg5 = net.ToServer.DataSegments.Where(s => s.Segment.Sequence.Value == Seg(5)).Select(s => s.At).ToList();
        Assert.Equal([Ms(20), Ms(80)], seg5);
        Assert.Equal(2, c.Statistics.FastRecoveries);
        Assert.Equal(data, net.Server.Received);
    }
}
