using ActorNet.Core.Packets;
using ActorNet.Core.Randomness;
using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>
/// RFC 6675 SACK-based loss recovery in the connection, with the test-only NewReno for ssthresh. Setting as in
/// <see cref="FastRetransmitTests"/>: 10 ms each way, no serialization, IW10, MSS 1460, the receiver ACKs every
/// segment (delayed ACK off) and SACKs what it holds, client ISS 1000 (segment i starts at 1001 + 1460·i). The
/// app queues the whole transfer and the FIN at once, so the last segment carries the FIN.
/// In the comments "pipe = 5" counts segments of 1,460 B; "DupAck" is RFC 6675 §2's (an ACK that SACKs new data).
/// </summary>
public class SackRecoveryTests
{
    private const int Mss = 1460;
    private static SimTime Ms(long ms) => SimTime.FromMilliseconds(ms);
    private static uint Seg(int i) => 1001u + (uint)(i * Mss);

    private static TcpTestNet Net(bool sack, int segments, Func<TcpSegment, bool>? drop = null)
    {
        var settings = TcpSettings.Default with { Sack = sack };
        var net = new TcpTestNet(settings, settings with { DelayedAck = false });
        net.ToServer.Drop = drop;
        net.Transfer(TcpTestNet.Pattern(segments * Mss));
        return net;
    }

    /// <summary>When the client put segment <paramref name="i"/> on the wire, in order.</summary>
    private static List<SimTime> Sends(TcpTestNet net, int i) =>
        net.ToServer.DataSegments.Where(s => s.Segment.Sequence.Value == Seg(i)).Select(s => s.At).ToList();

    private static void AssertDeliveredWithoutTimeout(TcpTestNet net, int segments)
    {
        net.RunUntil(SimTime.FromSeconds(5));
        Assert.Equal(TcpTestNet.Pattern(segments * Mss), net.Server.Received);
        Assert.Equal(0, net.ClientConn.Statistics.RetransmissionTimeouts);
    }

    // ---- Several losses in one window ------------------------------------------------------------------

    [Fact]
    public void Three_losses_in_one_window_are_resent_within_one_rtt_with_sack_and_one_rtt_each_without()
    {
        // Segments 2, 4 and 6 of the first flight are lost. t = 20: segments 0–9 leave. t = 40: the ACKs of 0 and 1
        // grow cwnd to 12 segments (10–13 leave), then come the duplicate ACKs of 3, 5, 7, 8 and 9.
        //
        // SACK: the third DupAck (3, 5 and 7 SACKed) starts recovery (§5 step 1): FlightSize = 2–13 = 17,520 B, so
        // ssthresh = cwnd = 8,760 (4.2), and 2 goes at once (4.3). pipe = 2 (resent) + 4 + 6 + 8–13 = 9. The DupAck
        // for 8 makes 4 lost (5 and 7–8 above it: 4,380 B > 2·SMSS): pipe = 7. The one for 9 makes 6 lost: pipe = 5,
        // and NextSeg() rule 1 sends 4 at t = 40. t = 60: the first ACK of t = 50's arrivals (10 SACKed) brings pipe
        // to 5 again and rule 1 sends 6. All three within one RTT (20 ms) of entering recovery. t = 70: 6 arrives and
        // the receiver holds 2–13: at t = 80 the ACK reaches RecoveryPoint (segment 14) and recovery ends (§5 A).
        var sack = Net(sack: true, 30, Drops.FirstTransmissionOf(1000, Mss, 2, 4, 6));
        sack.RunUntil(Ms(79));
        Assert.True(sack.ClientConn.SackPermitted);
        Assert.Equal([Ms(20), Ms(40)], Sends(sack, 2));
        Assert.Equal([Ms(20), Ms(40)], Sends(sack, 4));
        Assert.Equal([Ms(20), Ms(60)], Sends(sack, 6));
        Assert.True(sack.ClientConn.InFastRecovery);
        Assert.Equal(8760, sack.ClientConn.Ssthresh);
        sack.RunUntil(Ms(80));
        Assert.False(sack.ClientConn.InFastRecovery);
        AssertDeliveredWithoutTimeout(sack, 30);
        var stats = sack.ClientConn.Statistics;
        Assert.Equal(1, stats.FastRecoveries);
        Assert.Equal(3, stats.FastRetransmissions);   // SACK retransmissions count as fast retransmissions
        Assert.Equal(3 * Mss, stats.BytesRetransmitted);

        // Without SACK (NewReno, RFC 6582): 2 at t = 40 on the third duplicate ACK; its ACK at t = 60 is partial and
        // 4 goes; 4's at t = 80 is partial and 6 goes: one RTT per loss. The full ACK arrives at t = 100.
        var newReno = Net(sack: false, 30, Drops.FirstTransmissionOf(1000, Mss, 2, 4, 6));
        newReno.RunUntil(Ms(99));
        Assert.False(newReno.ClientConn.SackPermitted);
        Assert.Equal([Ms(20), Ms(40)], Sends(newReno, 2));
        Assert.Equal([Ms(20), Ms(60)], Sends(newReno, 4));
        Assert.Equal([Ms(20), Ms(80)], Sends(newReno, 6));
        Assert.True(newReno.ClientConn.InFastRecovery);
        newReno.RunUntil(Ms(100));
        Assert.False(newReno.ClientConn.InFastRecovery);
        AssertDeliveredWithoutTimeout(newReno, 30);
        Assert.Equal(3, newReno.ClientConn.Statistics.FastRetransmissions);
    }

    [Fact]
    public void Recovery_starts_on_IsLost_before_three_duplicate_acks()
    {
        // Segment 2 is lost, and so are the first two duplicate ACKs (SACKing 3, then 3–4). The third, SACKing 3–5,
        // is the first DupAck the client sees, but 4,380 B are SACKed above SND.UNA: IsLost(HighACK + 1) (§5 step 2)
        // and recovery starts on it, at t = 40 with the other ACKs of the first flight.
        var net = Net(sack: true, 20, Drops.FirstTransmissionOf(1000, Mss, 2));
        int droppedAcks = 0;
        net.ToClient.Drop = s => s.Acknowledgment.Value == Seg(2) && s.Options.SackBlocks.Count > 0 && droppedAcks++ < 2;
        long dupAcksWhenRecoveryStarted = -1;
        net.Client.AfterEachCall = c =>
        {
            if (c.Statistics.FastRecoveries == 1 && dupAcksWhenRecoveryStarted < 0)
                dupAcksWhenRecoveryStarted = c.Statistics.DuplicateAcksReceived;
        };
        net.RunUntil(Ms(40));
        Assert.Equal(1, dupAcksWhenRecoveryStarted);
        Assert.Equal([Ms(20), Ms(40)], Sends(net, 2));
        AssertDeliveredWithoutTimeout(net, 20);
    }

    // ---- pipe and cwnd ------------------------------------------------------------------------------------

    private sealed record Point(SimTime At, bool InRecovery, long Pipe, long Cwnd);

    [Fact]
    public void Pipe_follows_each_ack_and_holds_the_sender_to_cwnd()
    {
        // The timeline of the three-loss test. After each ACK in recovery at t = 40, pipe (bytes) is 9, 7, then
        // 5 + 1 (segment 4 just resent) segments: the start's 9 segments exceed cwnd = 6 and only the (4.3)
        // retransmission goes; nothing new leaves until pipe drops below cwnd. At t = 60 the six ACKs of t = 50's
        // arrivals (10–13 SACKed, then the cumulative ACKs of 2–3 and 4–5) each take pipe to 5 and one segment brings
        // it back to 6: 6 by rule 1, then 14–18 by rule 2 (nothing lost above HighRxt, new data allowed).
        var net = Net(sack: true, 30, Drops.FirstTransmissionOf(1000, Mss, 2, 4, 6));
        var points = new List<Point>();
        net.Client.AfterEachCall = c => points.Add(new Point(net.Loop.Now, c.InFastRecovery, c.Pipe, c.Cwnd));
        net.RunUntil(Ms(60));

        Assert.Equal([9 * Mss, 7 * Mss, 6 * Mss], points.Where(p => p.At == Ms(40) && p.InRecovery).Select(p => p.Pipe));
        Assert.All(points.Where(p => p.InRecovery), p => Assert.Equal(6 * Mss, p.Cwnd));
        Assert.Equal(Enumerable.Repeat(6L * Mss, 6), points.Where(p => p.At == Ms(60)).Select(p => p.Pipe));
        Assert.Equal([Ms(20), Ms(60)], Sends(net, 6));
        Assert.Equal(Enumerable.Range(14, 5).Select(i => Seg(i)), net.ToServer.DataSegments.Where(s => s.At == Ms(60)).Skip(1).Select(s => s.Segment.Sequence.Value));
    }

    [Fact]
    public void Pipe_never_lets_the_sender_pass_cwnd_under_random_loss_and_reordering()
    {
        // Property, 30 seeds: after any call during recovery in which the sender transmitted data (the call that
        // starts recovery aside: its (4.3) retransmission goes whatever pipe says), pipe ≤ cwnd: step (C) sends only
        // while cwnd − pipe ≥ 1 SMSS, and adds each segment (at most SMSS) to pipe.
        int checkedCalls = 0;
        var failures = new List<string>();
        for (ulong seed = 1; seed <= 30; seed++)
        {
            var net = new TcpTestNet(seed: seed);
            foreach (var w in new[] { net.ToServer, net.ToClient })
            {
                w.Loss = 0.04;
                w.MaxJitter = SimTime.FromMilliseconds(3);
                w.BitsPerSecond = 10_000_000;
            }
            var data = TcpTestNet.Pattern(200_000, seed: (int)seed);
            bool wasInRecovery = false;
            long recoveries = 0, dataSegments = 0;
            net.Client.AfterEachCall = c =>
            {
                long sent = net.ToServer.DataSegments.Count();
                if (wasInRecovery && c.InFastRecovery && c.Statistics.FastRecoveries == recoveries && sent > dataSegments)
                {
                    checkedCalls++;
                    if (c.Pipe > c.Cwnd) failures.Add($"seed {seed} at {net.Loop.Now}: pipe {c.Pipe} > cwnd {c.Cwnd}");
                }
                (wasInRecovery, recoveries, dataSegments) = (c.InFastRecovery, c.Statistics.FastRecoveries, sent);
            };
            net.Transfer(data);
            net.RunUntil(SimTime.FromSeconds(600));
            if (!data.AsSpan().SequenceEqual(net.Server.Received.ToArray())) failures.Add($"seed {seed}: bytes differ");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(checkedCalls > 100, $"only {checkedCalls} sends during recovery were checked");
    }

    // ---- NextSeg() rules 3 and 4 in the connection ----------------------------------------------------------

    [Fact]
    public void Rule_3_resends_a_hole_not_yet_lost_when_nothing_else_may_go()
    {
        // Ten segments, 2 and 7 lost (9 carries the FIN). t = 40: DupAcks for 3, 4, 5 start recovery: FlightSize =
        // 2–9 = 11,680 B + FIN, ssthresh = cwnd = 5,840 (4 segments); 2 goes. pipe = 2 + 6–9 = 5; the DupAck for 6:
        // pipe = 4. The one for 8 leaves pipe = 2 + 7 + 9 = 3: 7 has only 8 SACKed above it, so it is not lost and
        // rule 1 finds nothing, there is no new data (rule 2), and rule 3 resends 7, counted twice in pipe (4). The
        // DupAck for 9: pipe = 2 + 7 twice = 3, and nothing may go (the rescue waits for HighACK > RescueRxt).
        // t = 50 both retransmissions arrive. t = 60: the ACK of 2–6 comes first; it passes RescueRxt, and with 7 the
        // highest unSACKed segment, rule 4 sends it a third time although its retransmission is in flight (RFC 6675
        // allows it: HighRxt does not bound the rescue); the next ACK, of everything, ends recovery.
        var net = Net(sack: true, 10, Drops.FirstTransmissionOf(1000, Mss, 2, 7));
        net.RunUntil(Ms(40));
        Assert.False(net.ClientConn.Scoreboard!.IsLost(new SequenceNumber(Seg(7))));
        Assert.Equal([Ms(20), Ms(40)], Sends(net, 2));
        Assert.Equal([Ms(20), Ms(40)], Sends(net, 7));
        Assert.Equal(3 * Mss, net.ClientConn.Pipe);
        net.RunUntil(Ms(60));
        Assert.Equal([Ms(20), Ms(40), Ms(60)], Sends(net, 7));
        Assert.False(net.ClientConn.InFastRecovery);
        Assert.Equal(net.ClientConn.SndMax, net.ClientConn.SndUna);   // the FIN too
        Assert.Equal(3, net.ClientConn.Statistics.FastRetransmissions);
        AssertDeliveredWithoutTimeout(net, 10);
    }

    [Fact]
    public void Rule_4_rescues_the_tail_once_the_first_retransmission_is_acknowledged()
    {
        // Ten segments, 2 and the last (9, with the FIN) lost. t = 40: DupAcks for 3, 4, 5 start recovery (cwnd =
        // 4 segments); 2 goes, and HighRxt = RescueRxt = its last byte (4.3). Nothing is SACKed above 9, so no rule
        // finds it: it is not below a SACKed byte (rules 1, 3), and the rescue waits for HighACK > RescueRxt. t = 60:
        // the ACK of 2–8 is partial (RecoveryPoint is the FIN) and passes RescueRxt: rule 4 resends the highest
        // unSACKed segment, 9, and the FIN rides on it. t = 80: all acknowledged, no timeout.
        var net = Net(sack: true, 10, Drops.FirstTransmissionOf(1000, Mss, 2, 9));
        net.RunUntil(Ms(59));
        Assert.Equal([Ms(20)], Sends(net, 9));
        net.RunUntil(Ms(60));
        var rescue = Assert.Single(net.ToServer.DataSegments, s => s.At == Ms(60));
        Assert.Equal(Seg(9), rescue.Segment.Sequence.Value);
        Assert.Equal(Mss, rescue.Segment.Data.Length);
        Assert.True(rescue.Segment.Has(TcpFlags.Fin));
        net.RunUntil(Ms(80));
        Assert.False(net.ClientConn.InFastRecovery);
        Assert.Equal(net.ClientConn.SndMax, net.ClientConn.SndUna);   // the FIN too
        Assert.Equal(2, net.ClientConn.Statistics.FastRetransmissions);
        AssertDeliveredWithoutTimeout(net, 10);
    }

    // ---- A lost retransmission: the timeout (§5.1) ------------------------------------------------------------

    [Fact]
    public void Lost_retransmissions_end_in_a_timeout_and_the_resend_after_it_skips_sacked_data()
    {
        // Segments 2 and 4 are lost twice. t = 40: DupAcks for 3, 5, 6 start recovery (cwnd = 6 segments); 2 goes
        // (lost); the DupAck for 7 makes 4 lost, the one for 9 brings pipe to 5 and 4 goes (lost). From then on each
        // DupAck frees one segment and rule 2 sends new data: 10–13 (t = 40), 14–17 (60), 18–21 (80), 22–25 (100),
        // 26–29 + FIN (120). Their DupAcks at t = 140 find nothing to send: no hole is above HighRxt (after 4), no
        // new data, and no rescue while HighACK is below RescueRxt. The ACKs stop; the last ACK of new data (t = 40)
        // armed the timer for 1 s (SRTT 20 ms, RTO at its 1 s minimum): it fires at t = 1040.
        // §5.1: recovery ends, RecoveryPoint = HighData, the SACK information is dropped; ssthresh = FlightSize / 2 =
        // (28 segments + FIN) / 2 = 20,440, cwnd = 1 segment; 2 is resent. t = 1060: its ACK (SND.UNA = 4) SACKs
        // 5–29 again; cwnd = 2 segments; the resend sends 4 and then skips 5–29, and the FIN waits for cwnd. IsLost(4)
        // is true, but no new recovery may start before SND.UNA reaches RecoveryPoint. t = 1080: everything is
        // acknowledged, the FIN too. Only 2 and 4 were sent after the timeout.
        var net = Net(sack: true, 30, Drops.FirstTransmissionsOf(1000, Mss, 2, 2, 4));
        net.RunUntil(Ms(1039));
        var c = net.ClientConn;
        Assert.Equal([Ms(20), Ms(40)], Sends(net, 2));
        Assert.Equal([Ms(20), Ms(40)], Sends(net, 4));
        Assert.Equal(Ms(120), net.ToServer.DataSegments.Last().At);
        Assert.True(net.ToServer.DataSegments.Last().Segment.Has(TcpFlags.Fin));
        Assert.True(c.InFastRecovery);

        net.RunUntil(Ms(1040));
        Assert.False(c.InFastRecovery);
        Assert.Equal(1, c.Statistics.RetransmissionTimeouts);
        Assert.Equal(20440, c.Ssthresh);
        Assert.Empty(c.Scoreboard!.SackedRanges);

        net.RunUntil(Ms(1080));
        Assert.Equal(c.SndMax, c.SndUna);   // the FIN too
        var afterTimeout = net.ToServer.Sent.Where(s => s.At >= Ms(1040) && (s.Segment.Data.Length > 0 || s.Segment.Has(TcpFlags.Fin))).ToList();
        Assert.Equal([(Ms(1040), Seg(2)), (Ms(1060), Seg(4))], afterTimeout.Select(s => (s.At, s.Segment.Sequence.Value)));
        net.RunUntil(SimTime.FromSeconds(5));
        Assert.Equal(TcpTestNet.Pattern(30 * Mss), net.Server.Received);
        Assert.Equal(1, c.Statistics.RetransmissionTimeouts);
        Assert.Equal(1, c.Statistics.FastRecoveries);
        Assert.Equal(2, c.Statistics.FastRetransmissions);
        Assert.Equal(2, c.Statistics.TimeoutRetransmissions);
        Assert.Equal(4 * Mss, c.Statistics.BytesRetransmitted);
    }

    [Fact]
    public void After_a_timeout_a_later_loss_is_recovered_by_sack_again()
    {
        // As above (2 and 4 lost twice), in a transfer of 250 segments, and segment 220 lost once. The 256 KiB
        // buffers (about 180 segments) keep 220 from leaving before the timeout; once the ACKs after it pass
        // RecoveryPoint, its loss starts a second SACK recovery and the transfer ends without another timeout.
        var net = Net(sack: true, 250);
        var lostTwice = Drops.FirstTransmissionsOf(1000, Mss, 2, 2, 4);
        var lostOnce = Drops.FirstTransmissionOf(1000, Mss, 220);
        net.ToServer.Drop = s => lostTwice(s) | lostOnce(s);
        net.RunUntil(SimTime.FromSeconds(10));
        var c = net.ClientConn;
        Assert.Equal(TcpTestNet.Pattern(250 * Mss), net.Server.Received);
        Assert.True(Sends(net, 220)[0] > Ms(1040));
        Assert.Equal(2, Sends(net, 220).Count);
        Assert.Equal(1, c.Statistics.RetransmissionTimeouts);
        Assert.Equal(2, c.Statistics.FastRecoveries);
    }
}
