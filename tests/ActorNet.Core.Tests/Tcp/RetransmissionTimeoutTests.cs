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
        e.ResetBackoff();
        Assert.Equal(Ms(300), e.Rto);
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

    [Fact]
    public void RtoBackoff_is_reset_by_an_ack_of_new_data()
    {
        var net = new TcpTestNet();
        net.Client.ToSend = new byte[100];
        int drops = 0;
        net.ToServer.Drop = s => s.Data.Length > 0 && drops++ < 2; // lost twice, third copy arrives
        net.Open();
        net.RunUntil(Ms(3100)); // timeouts at 1.02 s and 3.02 s
        Assert.Equal(2, net.ClientConn.RttEstimator.Backoffs);
        Assert.Equal(S(4), net.ClientConn.Rto);
        net.RunUntil(S(10));
        Assert.Equal(0, net.ClientConn.RttEstimator.Backoffs);
        Assert.Equal(S(1), net.ClientConn.Rto);
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
