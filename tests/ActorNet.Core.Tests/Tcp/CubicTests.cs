using ActorNet.Core.Tcp.Congestion;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>
/// CUBIC (RFC 9438 §4) against its formulas, evaluated here independently: K by RFC 8312's form
/// ∛(W_max(1 − β)/C) with Math.Pow, W(t) = C(t − K)³ + W_max. SMSS = 1000 bytes, so a window of
/// 100 segments is 100000 bytes.
/// </summary>
public sealed class CubicTests
{
    private const int Mss = 1000;
    private const double C = 0.4, Beta = 0.7;
    private static readonly double Alpha = 3 * (1 - Beta) / (1 + Beta);

    private static double ExpectedK(double wMax) => Math.Pow(wMax * (1 - Beta) / C, 1.0 / 3);
    private static double ExpectedW(double t, double k, double wMax) => C * Math.Pow(t - k, 3) + wMax;
    private static SimTime Ms(long ms) => SimTime.FromMilliseconds(ms);

    /// <summary>A CUBIC sender that has just taken a fast retransmit at cwnd = flight = <paramref name="segments"/> × SMSS.</summary>
    private static (Cubic Cc, CongestionState State) AfterLossAt(long segments, bool fastConvergence = true)
    {
        var cc = new Cubic(fastConvergence);
        var state = new CongestionState(Mss);
        cc.Start(state, segments * Mss, SimTime.Zero);
        state.BytesInFlight = segments * Mss;
        cc.OnFastRetransmit(state, SimTime.Zero);
        return (cc, state);
    }

    // ---- the curve itself (§4.2 eq. 1 and 2) ---------------------------------------------------

    [Fact]
    public void Curve_after_a_loss_at_100_segments_follows_the_rfc_formula()
    {
        // W_max = 100, cwnd_epoch = β·W_max = 70: K = ∛(100 × 0.3 / 0.4) = ∛75 ≈ 4.2172 s.
        var curve = new CubicCurve(100, 70);
        double k = ExpectedK(100);
        Assert.Equal(4.2171633265, k, 1e-9);
        Assert.Equal(k, curve.K, 1e-12);
        foreach (double t in new[] { 0.0, 0.5, 1, 2, 3, 4, k, 5, 6, 8 })
            Assert.Equal(ExpectedW(t, k, 100), curve.At(t), 1e-9);
        Assert.Equal(70, curve.At(0), 1e-9);      // starts at cwnd_epoch
        Assert.Equal(100, curve.At(k), 1e-12);    // plateau at W_max after K
        Assert.True(curve.At(2) - curve.At(1) > curve.At(4) - curve.At(3));   // concave before K
        Assert.True(curve.At(8) - curve.At(7) > curve.At(6) - curve.At(5));   // convex after
    }

    [Fact]
    public void Loss_sets_w_max_ssthresh_and_cwnd_by_beta()
    {
        // §4.6: ssthresh = cwnd = 100000 × 0.7 = 70000 bytes; W_max = 100 segments; the first ACK in
        // congestion avoidance starts a stage with K = ∛75.
        var (cc, state) = AfterLossAt(100);
        Assert.Equal(100, cc.WMax);
        Assert.Equal(70000, state.SlowStartThreshold);
        Assert.Equal(70000, state.CongestionWindow);
        Assert.Null(cc.Curve);
        cc.OnAck(state, Mss, Ms(10), Ms(100));
        var curve = Assert.IsType<CubicCurve>(cc.Curve);
        Assert.Equal(ExpectedK(100), curve.K, 1e-9);
        Assert.Equal(100, curve.WMax);
    }

    [Fact]
    public void Loss_reduces_from_the_flight_size_with_a_floor_of_two_segments()
    {
        // §4.6 uses flight_size: cwnd 100 segments but 50 in flight gives ssthresh 35000; W_max still
        // remembers cwnd (100). And 2 segments in flight give 1400, raised to 2 SMSS.
        var cc = new Cubic();
        var state = new CongestionState(Mss);
        cc.Start(state, 100 * Mss, SimTime.Zero);
        state.BytesInFlight = 50 * Mss;
        cc.OnFastRetransmit(state, SimTime.Zero);
        Assert.Equal(35000, state.SlowStartThreshold);
        Assert.Equal(35000, state.CongestionWindow);
        Assert.Equal(100, cc.WMax);

        state.BytesInFlight = 2 * Mss;
        cc.OnFastRetransmit(state, SimTime.Zero);
        Assert.Equal(2000, state.SlowStartThreshold);
        Assert.Equal(2000, state.CongestionWindow);
    }

    // ---- growth after a loss (§4.2, §4.4, §4.5) --------------------------------------------------

    [Fact]
    public void Each_ack_moves_cwnd_toward_w_of_t_plus_rtt()
    {
        // Stage starts at 1 s (t_epoch), RTT 100 ms, one 1000-byte ACK at each t below.
        var (cc, state) = AfterLossAt(100);
        SimTime epoch = SimTime.FromSeconds(1);
        double k = ExpectedK(100);

        // t = 0: W_est = cwnd_epoch = 70 plus eq. 4's α/70, while W_cubic(0) = 70: the Reno-friendly region
        // (§4.3), cwnd = ⌊W_est × 1000⌋ = 70007.
        cc.OnAck(state, Mss, epoch, Ms(100));
        double wEst = 70 + Alpha / 70;
        Assert.Equal((long)(wEst * Mss), state.CongestionWindow);

        // After that W_cubic climbs ≈ 2.1 segments per RTT against W_est's 0.53: the concave region (§4.4).
        // Each ACK adds (target − cwnd)/cwnd of a segment, target = W(t + RTT) within [cwnd, 1.5 cwnd];
        // whole bytes, the fraction carried to the next ACK.
        double cwnd = state.CongestionWindow, pending = 0;
        foreach (double t in new[] { 0.05, 0.1, 0.5, 1.0, 2.0 })
        {
            cc.OnAck(state, Mss, epoch + SimTime.FromMicroseconds((long)(t * 1e6)), Ms(100));
            wEst += Alpha / (cwnd / Mss);
            Assert.True(ExpectedW(t, k, 100) >= wEst);
            double target = Math.Clamp(ExpectedW(t + 0.1, k, 100) * Mss, cwnd, 1.5 * cwnd);
            pending += (target - cwnd) * Mss / cwnd;
            double whole = Math.Floor(pending);
            pending -= whole;
            cwnd += whole;
            // ±1 byte: K here comes from Math.Pow, in the code from Math.Cbrt; the last bit may differ.
            Assert.InRange(state.CongestionWindow, (long)cwnd - 1, (long)cwnd + 1);
        }
    }

    [Fact]
    public void Window_follows_the_cubic_curve_until_the_reno_friendly_estimate_overtakes_it()
    {
        // An ACK clock: every 100 ms RTT the whole window is acknowledged, one ACK per segment spread
        // evenly over the round. Up to K + 1 s, cwnd at the end of a round stays on the curve: never above
        // the target W(t + RTT) (each ACK closes only part of the gap to it), and less than a quarter of a
        // segment below W(t) (aiming one RTT ahead makes up for the lag).
        var (cc, state) = AfterLossAt(100);
        double k = ExpectedK(100);
        SimTime rtt = Ms(100), now = SimTime.Zero;
        for (int round = 1; round <= 70; round++)
        {
            long acks = state.CongestionWindow / Mss;
            for (long i = 0; i < acks; i++)
                cc.OnAck(state, Mss, now + new SimTime(rtt.Nanoseconds * i / acks), rtt);
            now += rtt;
            double t = now.TotalSeconds, segments = state.CongestionWindow / (double)Mss;
            if (t <= k + 1)
                Assert.InRange(segments, ExpectedW(t, k, 100) - 0.25, ExpectedW(t + 0.1, k, 100));
        }
        // By 7 s the convex curve grows 0.4 segments per RTT, while W_est, at α = 1 since it passed
        // cwnd_prior = 100, grows 1 per RTT: the Reno-friendly region, cwnd = W_est (§4.3).
        Assert.True(ExpectedW(now.TotalSeconds, k, 100) < cc.RenoFriendlyWindow);
        Assert.Equal((long)(cc.RenoFriendlyWindow * Mss), state.CongestionWindow);
        Assert.InRange(state.CongestionWindow, 110 * Mss, 115 * Mss);
    }

    [Fact]
    public void Growth_per_rtt_is_capped_at_half_the_window()
    {
        // §4.2: target ≤ 1.5 cwnd. A first stage (no loss yet) has K = 0; 100 s in, W(t + RTT) is
        // 0.4 × 100³ segments over W_max, so a 1000-byte ACK adds exactly (1.5 − 1) × 1000 = 500 bytes.
        var cc = new Cubic();
        var state = new CongestionState(Mss) { SlowStartThreshold = 10 * Mss };
        cc.Start(state, 10 * Mss, SimTime.Zero);
        cc.OnAck(state, Mss, SimTime.Zero, Ms(100));     // starts the stage at t = 0, cwnd_epoch = 10 (then W_est: 10100)
        Assert.Equal(10100, state.CongestionWindow);
        cc.OnAck(state, Mss, SimTime.FromSeconds(100), Ms(100));
        Assert.Equal(10600, state.CongestionWindow);
        cc.OnAck(state, 2 * Mss, SimTime.FromSeconds(100), Ms(100));   // two segments: 2 × 500
        Assert.Equal(11600, state.CongestionWindow);
    }

    // ---- Reno-friendly region (§4.3) -----------------------------------------------------------

    [Fact]
    public void Reno_friendly_estimate_takes_over_when_it_is_larger()
    {
        // A small window on a short path: loss at 10 segments, so K = ∛7.5 ≈ 1.96 s and W_cubic barely
        // moves in the first 100 ms, while W_est gains α ≈ 0.53 segments per 10 ms round. cwnd must then
        // be W_est, computed here from eq. 4 (α → 1 once W_est ≥ cwnd_prior = 10).
        var (cc, state) = AfterLossAt(10);
        double k = ExpectedK(10);
        double wEst = 7, cwnd = 7;
        SimTime rtt = Ms(10), now = SimTime.Zero;
        bool alphaWasOne = false;
        for (int round = 0; round < 10; round++)
        {
            long acks = state.CongestionWindow / Mss;
            for (long i = 0; i < acks; i++)
            {
                SimTime at = now + new SimTime(rtt.Nanoseconds * i / acks);
                cc.OnAck(state, Mss, at, rtt);
                double alpha = wEst >= 10 ? 1 : Alpha;
                alphaWasOne |= alpha == 1;
                wEst += alpha * 1 / cwnd;
                Assert.True(ExpectedW(at.TotalSeconds, k, 10) < wEst);   // the region test of §4.3
                cwnd = Math.Max(cwnd, Math.Floor(wEst * Mss) / Mss);
                Assert.Equal((long)Math.Round(cwnd * Mss), state.CongestionWindow);
            }
            now += rtt;
        }
        Assert.Equal(wEst, cc.RenoFriendlyWindow, 1e-9);
        Assert.True(alphaWasOne);
        // About 6 rounds at α ≈ 0.53 reach 10 segments, then about one segment per round.
        Assert.InRange(state.CongestionWindow, 13 * Mss, 14 * Mss);
        Assert.True(ExpectedW(now.TotalSeconds, k, 10) < 8);
    }

    // ---- fast convergence (§4.7) ---------------------------------------------------------------

    [Fact]
    public void Fast_convergence_lowers_w_max_when_a_loss_comes_below_the_last_one()
    {
        // Loss at 100, then at 80 < W_max: W_max = 80 × (1 + 0.7) / 2 = 68, ssthresh = 56000, and the
        // next stage climbs from 56 to 68: K = ∛((68 − 56)/0.4) = ∛30.
        var (cc, state) = AfterLossAt(100);
        state.CongestionWindow = state.BytesInFlight = 80 * Mss;
        cc.OnFastRetransmit(state, SimTime.Zero);
        Assert.Equal(68, cc.WMax, 1e-12);
        Assert.Equal(56000, state.SlowStartThreshold);
        cc.OnAck(state, Mss, Ms(1), null);
        var curve = Assert.IsType<CubicCurve>(cc.Curve);
        Assert.Equal(Math.Pow(30, 1.0 / 3), curve.K, 1e-9);
        Assert.Equal(56, curve.At(0), 1e-9);
    }

    [Fact]
    public void Without_fast_convergence_w_max_is_the_window_at_the_loss()
    {
        var (cc, state) = AfterLossAt(100, fastConvergence: false);
        state.CongestionWindow = state.BytesInFlight = 80 * Mss;
        cc.OnFastRetransmit(state, SimTime.Zero);
        Assert.Equal(80, cc.WMax);
    }

    [Fact]
    public void A_loss_above_the_last_w_max_raises_it()
    {
        var (cc, state) = AfterLossAt(100);
        state.CongestionWindow = state.BytesInFlight = 120 * Mss;
        cc.OnFastRetransmit(state, SimTime.Zero);
        Assert.Equal(120, cc.WMax);
    }

    // ---- timeout (§4.8) and slow start (§4.10) -------------------------------------------------

    [Fact]
    public void Timeout_sets_ssthresh_by_beta_and_the_next_stage_starts_flat()
    {
        // ssthresh = 100000 × 0.7, cwnd = 1 SMSS; slow start 1 → 2 → ... → 64 → 128 segments, and the
        // first congestion-avoidance ACK starts a stage with K = 0 and W_max = cwnd_epoch.
        var cc = new Cubic();
        var state = new CongestionState(Mss);
        cc.Start(state, 100 * Mss, SimTime.Zero);
        state.BytesInFlight = 100 * Mss;
        cc.OnRetransmissionTimeout(state, SimTime.Zero);
        Assert.Equal(70000, state.SlowStartThreshold);
        Assert.Equal(1000, state.CongestionWindow);
        while (state.InSlowStart) cc.OnAck(state, Mss, Ms(5), Ms(10));
        Assert.Equal(70000, state.CongestionWindow);
        cc.OnAck(state, Mss, Ms(6), Ms(10));
        var curve = Assert.IsType<CubicCurve>(cc.Curve);
        Assert.Equal(0, curve.K);
        Assert.Equal(70, curve.WMax);
    }

    [Fact]
    public void A_second_timeout_for_the_same_segment_keeps_ssthresh()
    {
        var cc = new Cubic();
        var state = new CongestionState(Mss);
        cc.Start(state, 100 * Mss, SimTime.Zero);
        state.BytesInFlight = 100 * Mss;
        cc.OnRetransmissionTimeout(state, SimTime.Zero);
        state.BytesInFlight = Mss;
        cc.OnRetransmissionTimeout(state, SimTime.Zero);
        Assert.Equal(70000, state.SlowStartThreshold);
    }

    [Fact]
    public void Slow_start_is_rfc_5681_slow_start()
    {
        var cc = new Cubic();
        var state = new CongestionState(Mss);
        cc.Start(state, 4 * Mss, SimTime.Zero);
        for (int i = 0; i < 4; i++) cc.OnAck(state, Mss, Ms(i), null);
        Assert.Equal(8000, state.CongestionWindow);
        cc.OnAck(state, 2 * Mss, Ms(5), null);    // min(N, SMSS)
        Assert.Equal(9000, state.CongestionWindow);
        Assert.Null(cc.Curve);
    }

    [Fact]
    public void Recovery_end_deflates_as_NewReno_does()
    {
        var (cc, state) = AfterLossAt(100);
        state.BytesInFlight = 20 * Mss;
        cc.OnRecoveryEnd(state, Ms(50));
        Assert.Equal(21000, state.CongestionWindow);   // min(70000, 20000 + 1000)
        Assert.True(cc.KeepsRecoveryOnPartialAck);
    }

    [Fact]
    public void Smoothed_rtt_follows_rfc_6298()
    {
        // (2.2) SRTT = 100 ms; (2.3) SRTT = 7/8 × 100 + 1/8 × 200 = 112.5 ms.
        var cc = new Cubic();
        var state = new CongestionState(Mss);
        cc.Start(state, 4 * Mss, SimTime.Zero);
        cc.OnAck(state, Mss, Ms(100), Ms(100));
        Assert.Equal(Ms(100), cc.SmoothedRtt);
        cc.OnAck(state, Mss, Ms(300), Ms(200));
        Assert.Equal(SimTime.FromMicroseconds(112_500), cc.SmoothedRtt);
    }
}
