using ActorNet.Core.Packets;
using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>RFC 6298: the RTO computation, backoff, Karn's rule, the retry limits; RFC 5681 §3.1 loss window.</summary>
public class RetransmissionTimeoutTests
{
    private static SimTime Ms(double ms) => SimTime.FromNanoseconds((long)(ms * 1_000_000));
    private static SimTime S(long s) => SimTime.FromSeconds(s);

    private static RttEstimator Estimator(long minRtoMs = 200) => new(Ms(minRtoMs), S(60), S(1), Ms(1));

    [Fact]
    public void RtoComputation_first_sample_sets_srtt_r_and_rttvar_half_r()
    {
        var e = Estimator();
        Assert.Equal(S(1), e.Rto); // (2.1)
        e.AddSample(Ms(100));
        Assert.Equal(Ms(100), e.Srtt);
        Assert.Equal(Ms(50), e.RttVar);
        Assert.Equal(Ms(300), e.Rto); // 100 + 4·50
    }

    [Fact]
    public void RtoComputation_later_samples_use_alpha_one_eighth_and_beta_one_quarter()
    {
        var e = Estimator();
        e.AddSample(Ms(100));
        e.AddSample(Ms(200));
        // RTTVAR = 3/4·50 + 1/4·|100 − 200| = 62.5; SRTT = 7/8·100 + 1/8·200 = 112.5; RTO = 112.5 + 4·62.5 = 362.5 ms.
        Assert.Equal(Ms(62.5), e.RttVar);
        Assert.Equal(Ms(112.5), e.Srtt);
        Assert.Equal(Ms(362.5), e.Rto);
    }

    [Fact]
    public void RtoComputation_granularity_floors_the_variance_term_and_bounds_apply()
    {
        var e = Estimator(minRtoMs: 1);
        for (int i = 0; i < 200; i++) e.AddSample(Ms(100));
        Assert.Equal(SimTime.Zero, e.RttVar);
        Assert.Equal(Ms(101), e.Rto); // SRTT + max(G, 0) with G = 1 ms

        var withMin = Estimator(minRtoMs: 1000);
        withMin.AddSample(Ms(10));
        Assert.Equal(S(1), withMin.Rto); // (2.4) rounded up to 1 s

        var big = Estimator();
        big.AddSample(S(50));
        Assert.Equal(S(60), big.Rto); // (2.5) capped
    }

    [Fact]
    public void RtoBackoff_doubles_up_to_the_maximum_and_resets()
    {
        var e = Estimator();
        e.AddSample(Ms(100)); // 300 ms
        var seen = new List<SimTime>();
        for (int i = 0; i < 10; i++)
        {
            e.Backoff();
            seen.Add(e.Rto);
        }
        Assert.Equal([Ms(600), Ms(1200), Ms(2400), Ms(4800), Ms(9600), Ms(19200), Ms(38400), S(60), S(60), S(60)], seen);
        // A new measurement replaces the backed-off RTO (RFC 6298 §5, note after (5.7)): the same 100 ms again
        // gives RTTVAR = 3/4·50 = 37.5, SRTT 100, RTO = 100 + 4·37.5 = 250 ms.
        e.AddSample(Ms(100));
        Assert.Equal(0, e.Backoffs);
        Assert.Equal(Ms(250), e.Rto);
    }

    [Fact]
    public void RtoBackoff_syn_retransmissions_at_1_3_7_15_s_then_timed_out()
    {
        var net = new TcpTestNet(TcpSettings.Default with { MaxSynRetransmissions = 3 });
        net.ToServer.Drop = _ => true;
        net.Open();
        net.RunUntil(S(100));
        Assert.Equal([S(0), S(1), S(3), S(7)], net.ToServer.Sent.Select(s => s.At));
        Assert.Equal([(S(15), TcpEvent.TimedOut), (S(15), TcpEvent.Closed)], net.Client.Events);
        Assert.Equal(3, net.ClientConn.Statistics.TimeoutRetransmissions);
    }

    [Fact]
    public void RtoBackoff_data_retransmissions_back_off_and_give_up_after_the_limit()
    {
        var net = new TcpTestNet(TcpSettings.Default with { MaxDataRetransmissions = 4 });
        net.Client.ToSend = new byte[100];
        net.ToServer.Drop = s => s.Data.Length > 0;
        net.Open();
        net.RunUntil(S(200));
        // Sent at 20 ms (after the handshake; SRTT 20 ms so RTO = 1 s minimum), then 1, 2, 4, 8 s apart.
        var times = net.ToServer.DataSegments.Select(s => s.At).ToList();
        Assert.Equal([Ms(20), Ms(1020), Ms(3020), Ms(7020), Ms(15020)], times);
        Assert.Equal((Ms(31020), TcpEvent.TimedOut), net.Client.Events[^2]);
        Assert.Equal(TcpState.Closed, net.ClientConn.State);
        Assert.Equal(5, net.ClientConn.Statistics.RetransmissionTimeouts);
    }

    // Karn's algorithm as RFC 6298 keeps it: the ACK of a retransmitted segment gives no sample, so it leaves the
    // backed-off RTO in place; the next segment sent once, and acknowledged, gives one and the RTO collapses.
    //   20 ms: 100 B sent (SRTT 20 ms from the handshake, RTO 1 s); lost at 20 ms and at the 1.02 s timeout (RTO → 2 s),
    //   3.02 s: third copy (RTO → 4 s), acknowledged at 3.04 s: no sample, Backoffs stays 2, RTO 4 s.
    //   10 s: 100 new bytes, acknowledged at 10.02 s: R = 20 ms; RTTVAR = 3/4·10 = 7.5 ms, SRTT 20 ms,
    //   RTO = max(1 s, 20 + 30 ms) = 1 s and Backoffs 0.
    [Fact]
    public void RtoBackoff_is_kept_after_an_ack_of_a_retransmission_and_cleared_by_a_valid_sample()
    {
        var net = new TcpTestNet(TcpSettings.Default with { DelayedAck = false });
        net.Client.ToSend = new byte[100];
        int drops = 0;
        net.ToServer.Drop = s => s.Data.Length > 0 && drops++ < 2; // lost twice, third copy arrives
        net.Open();
        net.RunUntil(S(5));
        Assert.Equal(2, net.ClientConn.Statistics.RetransmissionTimeouts);
        Assert.Equal(net.ClientConn.SndMax, net.ClientConn.SndUna);
        Assert.Equal(2, net.ClientConn.RttEstimator.Backoffs);
        Assert.Equal(S(4), net.ClientConn.Rto);

        net.RunUntil(S(10));
        net.ClientConn.Send(new byte[100], net.Loop.Now);
        net.RunUntil(S(11));
        Assert.Equal(0, net.ClientConn.RttEstimator.Backoffs);
        Assert.Equal(S(1), net.ClientConn.Rto);
        Assert.Equal(Ms(7.5), net.ClientConn.RttEstimator.RttVar);
    }

    // Why the backoff waits for a valid sample (Karn and Partridge 1987): the path's RTT grows from 20 ms to 1.5 s,
    // above the 1 s RTO. The app sends 100 B whenever everything is acknowledged, 5 times (A–E); no delayed ACK.
    //   30 ms    A sent, timed; timeout at 1.030 s: A again, RTO 2 s. A's first ACK arrives at 1.530 s: no sample
    //            (A was retransmitted). Had the backoff been cleared here, B would time out at 1.530 + 1 = 2.530 s,
    //            be retransmitted and never be sampled, and so would every later segment.
    //   1.530 s  B sent, timed, timer 1.530 + 2 = 3.530 s; ACK at 3.030 s: R = 1.5 s:
    //            RTTVAR = 3/4·10 + 1/4·|20 − 1500| = 377.5 ms, SRTT = 7/8·20 + 1/8·1500 = 205 ms, RTO = 205 + 1510 = 1.715 s.
    //   3.030 s  C, ACK at 4.530 s (before 3.030 + 1.715): RTTVAR 606.875, SRTT 366.875, RTO 2.794375 s;
    //            D and E follow 1.5 s apart with ever larger RTOs. One timeout in all; the SYN's sample and 4 more.
    [Fact]
    public void Karn_keeps_the_backed_off_rto_until_a_valid_sample_so_a_longer_rtt_is_learned()
    {
        var net = new TcpTestNet(TcpSettings.Default with { DelayedAck = false });
        net.Open();
        net.RunUntil(Ms(30));
        net.Delay = Ms(750);
        int sent = 0;
        void SendWhenIdle(TcpConnection c)
        {
            if (sent < 5 && c.State == TcpState.Established && c.SndUna == c.SndMax)
            {
                sent++;
                c.Send(new byte[100], net.Loop.Now);
            }
        }
        net.Client.AfterEachCall = SendWhenIdle;
        SendWhenIdle(net.ClientConn);
        net.RunUntil(S(10));

        var stats = net.ClientConn.Statistics;
        Assert.Equal(500, net.Server.Received.Count);
        var firstSends = net.ToServer.DataSegments.Select(s => s.At).ToList();
        Assert.Equal([Ms(30), Ms(1030), Ms(1530), Ms(3030), Ms(4530), Ms(6030)], firstSends);
        Assert.Equal(1, stats.RetransmissionTimeouts);
        Assert.Equal(5, stats.RttSamples);
        Assert.Equal(Ms(1500), stats.RttMax);
    }

    // RFC 6298 (5.3): "When an ACK is received that acknowledges new data, restart the retransmission timer so that
    // it will expire after RTO seconds (for the current value of RTO)." Here the ACK acknowledges everything
    // outstanding while more data waits for cwnd: (5.2) turns the timer off and (5.1) starts it again for the data
    // sent in the same input. The deadline armed at the timeout ((5.6), with the doubled RTO) must not survive.
    //
    // Timeline (10 ms each way, no rate limit, no delayed ACK, no SACK, initial window 3 segments, NewReno):
    //   0        SYN; 20 ms SYN-ACK back: R = 20 ms, SRTT 20, RTTVAR 10, RTO = max(1 s, 20 + 4·10 ms) = 1 s (2.4).
    //   20 ms    segments 0, 1, 2 sent; 0 is lost; 1 and 2 bring 2 duplicate ACKs (< 3: no fast retransmit).
    //   1.020 s  timeout (20 ms + 1 s): cwnd 1 segment, segment 0 alone again; RTO doubled to 2 s (5.5), timer
    //            at 3.020 s (5.6).
    //   1.040 s  its ACK covers segments 0–2, everything outstanding. No RTT sample (Karn: 0 was retransmitted), so
    //            the RTO stays the backed-off 2 s (RFC 6298 §5 note: only a new measurement collapses it).
    //            Slow start: cwnd 2 segments, so segments 3 and 4 go out and the timer restarts at
    //            1.040 + 2 = 3.040 s. Segment 3 is lost; 4 brings one duplicate ACK.
    //   3.040 s  timeout: segment 3 again (the stale deadline would have sent it at 3.020 s).
    [Fact]
    public void RtoTimer_restarts_when_an_ack_of_everything_outstanding_is_followed_by_new_data()
    {
        var settings = TcpSettings.Default with { DelayedAck = false, Sack = false, InitialWindowSegments = 3 };
        var net = new TcpTestNet(settings);
        net.Client.ToSend = new byte[6 * 1460];
        net.ToServer.Drop = Drops.FirstTransmissionOf(1000, 1460, 0, 3);
        net.Open();
        net.RunUntil(S(5));

        var segment3 = new SequenceNumber(1000) + 1 + 3 * 1460;
        var sends = net.ToServer.DataSegments.Where(s => s.Segment.Sequence == segment3).Select(s => s.At).ToList();
        Assert.Equal([Ms(1040), Ms(3040)], sends);
        Assert.Contains((Ms(1040), TcpTimer.Retransmission, (SimTime?)Ms(3040)), net.Client.TimerLog);
        Assert.Equal(2, net.ClientConn.Statistics.RetransmissionTimeouts);
        Assert.Equal(0, net.ClientConn.Statistics.FastRetransmissions);
    }

    [Fact]
    public void Karn_no_rtt_sample_from_a_retransmitted_segment()
    {
        var net = new TcpTestNet(TcpSettings.Default with { DelayedAck = false });
        bool dropped = false;
        net.ToServer.Drop = s => s.Data.Length > 0 && !dropped && (dropped = true);
        net.Client.ToSend = new byte[100];
        net.Open();
        net.RunUntil(S(3));
        // Only the SYN gave a sample (20 ms); the ACK of the retransmission (1.02 s after the first send) gave none.
        var stats = net.ClientConn.Statistics;
        Assert.Equal(1, stats.TimeoutRetransmissions);
        Assert.Equal(1, stats.RttSamples);
        Assert.Equal(Ms(20), net.ClientConn.RttEstimator.Srtt);

        // A fresh segment is timed again.
        net.ClientConn.Send(new byte[100], net.Loop.Now);
        net.RunFor(S(1));
        Assert.Equal(2, stats.RttSamples);
        Assert.Equal(Ms(20), stats.RttMax);
    }

    [Fact]
    public void RtoGoBackN_resends_from_snd_una_with_a_loss_window_of_one_segment()
    {
        // Ten segments are lost after the first: no duplicate ACKs, so only the timer can recover.
        var net = new TcpTestNet(TcpSettings.Default with { DelayedAck = false });
        var data = TcpTestNet.Pattern(11 * 1460);
        int n = 0;
        net.ToServer.Drop = s => s.Data.Length > 0 && n++ is >= 1 and <= 9;
        net.Transfer(data);
        net.RunUntil(S(5));
        var c = net.ClientConn;
        Assert.Equal(data, net.Server.Received);
        Assert.Equal(1, c.Statistics.RetransmissionTimeouts);
        Assert.Equal(0, c.Statistics.FastRetransmissions);
        // The timeout (1 s after the ACK of segment 1 restarted the timer at 40 ms) retransmits segment 2 alone:
        var afterTimeout = net.ToServer.DataSegments.Where(s => s.At >= Ms(1040)).ToList();
        Assert.Equal(Ms(1040), afterTimeout[0].At);
        Assert.Equal(1001u + 1460, afterTimeout[0].Segment.Sequence.Value);
        Assert.Single(afterTimeout, s => s.At == Ms(1040));
        // then slow start from 1 segment: 2 at the next ACK (ssthresh = 10 outstanding segments / 2).
        Assert.Equal(2, afterTimeout.Count(s => s.At == Ms(1060)));
        Assert.Equal(5 * 1460, c.Ssthresh);
    }
}
