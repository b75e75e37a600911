using ActorNet.Core.Tcp.Congestion;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>
/// Reno and NewReno window arithmetic (RFC 5681 §3, RFC 6582 §3.2), SMSS = 1000 bytes throughout so the
/// expected windows can be checked by hand. A "round" acknowledges one whole window, the ACK clock of a
/// sender whose window is full.
/// </summary>
public sealed class RenoTests
{
    private const int Mss = 1000;
    private static readonly SimTime T0 = SimTime.Zero;

    private static (T Cc, CongestionState State) Started<T>(long initialWindow, long ssthresh = long.MaxValue) where T : ICongestionControl, new()
    {
        var cc = new T();
        var state = new CongestionState(Mss) { SlowStartThreshold = ssthresh };
        cc.Start(state, initialWindow, T0);
        return (cc, state);
    }

    /// <summary>Acknowledge the current window in ACKs of <paramref name="bytesPerAck"/> (the last may be short).</summary>
    private static void AckOneWindow(ICongestionControl cc, CongestionState state, long bytesPerAck)
    {
        for (long left = state.CongestionWindow; left > 0; left -= bytesPerAck)
            cc.OnAck(state, Math.Min(bytesPerAck, left), T0, null);
    }

    // ---- slow start (RFC 5681 §3.1 eq. 2) -------------------------------------------------------

    [Fact]
    public void Slow_start_doubles_cwnd_every_round_trip()
    {
        // One ACK per segment, each adds min(1000, SMSS) = 1000: 4 ACKs take 4000 to 8000, 8 take it to 16000...
        var (cc, state) = Started<Reno>(4000);
        AckOneWindow(cc, state, Mss);
        Assert.Equal(8000, state.CongestionWindow);
        AckOneWindow(cc, state, Mss);
        Assert.Equal(16000, state.CongestionWindow);
        AckOneWindow(cc, state, Mss);
        Assert.Equal(32000, state.CongestionWindow);
    }

    [Fact]
    public void Slow_start_counts_a_delayed_ack_as_one_smss_because_L_is_one_smss()
    {
        // ACKs of 2000 bytes add min(2000, 1000) = 1000 each: 2 ACKs per 4000-byte round, so 4000 → 6000 → 9000.
        var (cc, state) = Started<Reno>(4000);
        AckOneWindow(cc, state, 2 * Mss);
        Assert.Equal(6000, state.CongestionWindow);
        AckOneWindow(cc, state, 2 * Mss);   // 3 ACKs of 2000
        Assert.Equal(9000, state.CongestionWindow);
    }

    [Fact]
    public void Slow_start_gains_nothing_from_ack_division()
    {
        // Ten ACKs of 100 bytes for one 1000-byte segment add 10 × min(100, SMSS) = 1000, as one ACK would.
        var (cc, state) = Started<Reno>(4000);
        for (int i = 0; i < 10; i++) cc.OnAck(state, 100, T0, null);
        Assert.Equal(5000, state.CongestionWindow);
    }

    [Fact]
    public void Slow_start_hands_over_to_congestion_avoidance_at_ssthresh()
    {
        // 4000 → 8000 in slow start reaches ssthresh = 8000; the next round is congestion avoidance: +1000.
        var (cc, state) = Started<Reno>(4000, ssthresh: 8000);
        AckOneWindow(cc, state, Mss);
        Assert.Equal(8000, state.CongestionWindow);
        Assert.False(state.InSlowStart);
        AckOneWindow(cc, state, Mss);
        Assert.Equal(9000, state.CongestionWindow);
    }

    // ---- congestion avoidance (RFC 5681 §3.1 byte counting, RFC 3465 §2.1) -----------------------

    [Fact]
    public void Congestion_avoidance_adds_one_smss_per_round_trip()
    {
        // bytes_acked reaches cwnd = 10000 on the 10th ACK: cwnd 11000, bytes_acked 0. Then 11 ACKs: 12000.
        var (cc, state) = Started<Reno>(10000, ssthresh: 10000);
        for (int i = 0; i < 9; i++) cc.OnAck(state, Mss, T0, null);
        Assert.Equal(10000, state.CongestionWindow);
        cc.OnAck(state, Mss, T0, null);
        Assert.Equal(11000, state.CongestionWindow);
        AckOneWindow(cc, state, Mss);
        Assert.Equal(12000, state.CongestionWindow);
        AckOneWindow(cc, state, Mss);
        Assert.Equal(13000, state.CongestionWindow);
    }

    [Fact]
    public void Congestion_avoidance_with_delayed_acks_still_adds_one_smss_per_window_of_bytes()
    {
        // 2000-byte ACKs: bytes_acked 2000, 4000, ..., 10000 ≥ 10000 on the 5th → 11000 (left 0).
        // Next: 12000 ≥ 11000 on the 6th ACK → 12000, 1000 bytes carried over.
        var (cc, state) = Started<Reno>(10000, ssthresh: 10000);
        for (int i = 0; i < 5; i++) cc.OnAck(state, 2 * Mss, T0, null);
        Assert.Equal(11000, state.CongestionWindow);
        for (int i = 0; i < 5; i++) cc.OnAck(state, 2 * Mss, T0, null);
        Assert.Equal(11000, state.CongestionWindow);
        cc.OnAck(state, 2 * Mss, T0, null);
        Assert.Equal(12000, state.CongestionWindow);
        // The carried 1000 plus 11 × 1000 = 12000 ≥ 12000 on the 11th ACK of the next round, not the 12th.
        for (int i = 0; i < 10; i++) cc.OnAck(state, Mss, T0, null);
        Assert.Equal(12000, state.CongestionWindow);
        cc.OnAck(state, Mss, T0, null);
        Assert.Equal(13000, state.CongestionWindow);
    }

    // ---- fast retransmit and recovery (RFC 5681 §3.2) ------------------------------------------

    [Fact]
    public void Fast_retransmit_sets_ssthresh_to_half_the_flight_and_inflates_by_three_segments()
    {
        // Eq. 4: max(20000 / 2, 2000) = 10000; step 3: cwnd = 10000 + 3 × 1000 = 13000; step 6: cwnd = 10000.
        var (cc, state) = Started<Reno>(20000, ssthresh: 20000);
        state.BytesInFlight = 20000;
        cc.OnFastRetransmit(state, T0);
        Assert.Equal(10000, state.SlowStartThreshold);
        Assert.Equal(13000, state.CongestionWindow);
        cc.OnRecoveryEnd(state, T0);
        Assert.Equal(10000, state.CongestionWindow);
    }

    [Theory]
    [InlineData(3000, 2000, 5000)]    // 3000 / 2 = 1500 < 2 × SMSS: the floor
    [InlineData(4000, 2000, 5000)]    // exactly 2 × SMSS
    [InlineData(5001, 2500, 5500)]    // the half rounds down
    [InlineData(1000, 2000, 5000)]    // a single segment in flight
    public void Fast_retransmit_with_a_small_flight_keeps_ssthresh_at_two_segments(long flight, long ssthresh, long cwnd)
    {
        var (cc, state) = Started<Reno>(8000, ssthresh: 8000);
        state.BytesInFlight = flight;
        cc.OnFastRetransmit(state, T0);
        Assert.Equal(ssthresh, state.SlowStartThreshold);
        Assert.Equal(cwnd, state.CongestionWindow);
    }

    [Fact]
    public void Fast_retransmit_uses_the_flight_not_cwnd()
    {
        // An application-limited sender: cwnd 40000 but only 6000 in flight; eq. 4 gives 3000.
        var (cc, state) = Started<Reno>(40000, ssthresh: 10000);
        state.BytesInFlight = 6000;
        cc.OnFastRetransmit(state, T0);
        Assert.Equal(3000, state.SlowStartThreshold);
        Assert.Equal(6000, state.CongestionWindow);
    }

    [Fact]
    public void Congestion_avoidance_after_recovery_starts_a_fresh_byte_count()
    {
        // 9000 bytes counted toward the old 10000 window are dropped with it: after recovery at cwnd = 5000,
        // the increase comes after 5000 new bytes, not 1000.
        var (cc, state) = Started<Reno>(10000, ssthresh: 10000);
        for (int i = 0; i < 9; i++) cc.OnAck(state, Mss, T0, null);
        state.BytesInFlight = 10000;
        cc.OnFastRetransmit(state, T0);
        cc.OnRecoveryEnd(state, T0);
        Assert.Equal(5000, state.CongestionWindow);
        for (int i = 0; i < 4; i++) cc.OnAck(state, Mss, T0, null);
        Assert.Equal(5000, state.CongestionWindow);
        cc.OnAck(state, Mss, T0, null);
        Assert.Equal(6000, state.CongestionWindow);
    }

    // ---- retransmission timeout (RFC 5681 §3.1) ------------------------------------------------

    [Fact]
    public void Timeout_sets_the_loss_window_and_slow_starts_back_to_half_the_flight()
    {
        // ssthresh = 20000 / 2 = 10000, cwnd = LW = 1000; slow start: 1000 → 2000 → 4000 → 8000 → 10000 (CA from here).
        var (cc, state) = Started<Reno>(20000, ssthresh: 20000);
        state.BytesInFlight = 20000;
        cc.OnRetransmissionTimeout(state, T0);
        Assert.Equal(10000, state.SlowStartThreshold);
        Assert.Equal(1000, state.CongestionWindow);
        long[] expected = [2000, 4000, 8000];
        foreach (long cwnd in expected)
        {
            AckOneWindow(cc, state, Mss);
            Assert.Equal(cwnd, state.CongestionWindow);
        }
        cc.OnAck(state, Mss, T0, null);
        cc.OnAck(state, Mss, T0, null);
        Assert.Equal(10000, state.CongestionWindow);
        Assert.False(state.InSlowStart);
    }

    [Fact]
    public void A_second_timeout_for_the_same_segment_keeps_ssthresh()
    {
        var (cc, state) = Started<Reno>(20000, ssthresh: 20000);
        state.BytesInFlight = 20000;
        cc.OnRetransmissionTimeout(state, T0);
        Assert.Equal(10000, state.SlowStartThreshold);

        state.BytesInFlight = 1000;                  // only the retransmission is out now
        cc.OnRetransmissionTimeout(state, T0);       // backed-off timer fires again: ssthresh held
        Assert.Equal(10000, state.SlowStartThreshold);
        Assert.Equal(1000, state.CongestionWindow);

        cc.OnAck(state, Mss, T0, null);              // new data acknowledged: the next timeout is a new loss
        state.BytesInFlight = 6000;
        cc.OnRetransmissionTimeout(state, T0);
        Assert.Equal(3000, state.SlowStartThreshold);
    }

    [Fact]
    public void Reno_ends_recovery_on_any_new_ack()
    {
        var reno = new Reno();
        Assert.Equal("reno", reno.Name);
        Assert.False(reno.KeepsRecoveryOnPartialAck);
    }

    // ---- NewReno (RFC 6582) --------------------------------------------------------------------

    [Fact]
    public void NewReno_keeps_recovery_on_partial_acks()
    {
        var newReno = new NewReno();
        Assert.Equal("newreno", newReno.Name);
        Assert.True(newReno.KeepsRecoveryOnPartialAck);
    }

    [Theory]
    [InlineData(12000, 10000)]   // more in flight than ssthresh: min picks ssthresh
    [InlineData(8500, 9500)]     // 8500 + 1000
    [InlineData(3000, 4000)]     // little outstanding after the full ACK: no burst up to ssthresh
    [InlineData(0, 2000)]        // nothing outstanding: max(0, SMSS) + SMSS
    public void NewReno_full_ack_deflates_to_min_of_ssthresh_and_flight_plus_one_segment(long flightAfterFullAck, long cwnd)
    {
        // RFC 6582 §3.2 step 3 option (1). Entry: eq. 4 on 20000 in flight gives ssthresh 10000, cwnd 13000.
        var (cc, state) = Started<NewReno>(20000, ssthresh: 20000);
        state.BytesInFlight = 20000;
        cc.OnFastRetransmit(state, T0);
        Assert.Equal(10000, state.SlowStartThreshold);
        Assert.Equal(13000, state.CongestionWindow);
        state.BytesInFlight = flightAfterFullAck;
        cc.OnRecoveryEnd(state, T0);
        Assert.Equal(cwnd, state.CongestionWindow);
    }

    [Fact]
    public void NewReno_grows_and_backs_off_exactly_as_Reno()
    {
        var (reno, renoState) = Started<Reno>(3000);
        var (newReno, newRenoState) = Started<NewReno>(3000);
        foreach (var (cc, state) in new (ICongestionControl, CongestionState)[] { (reno, renoState), (newReno, newRenoState) })
        {
            AckOneWindow(cc, state, Mss);
            AckOneWindow(cc, state, 2 * Mss);
            state.BytesInFlight = state.CongestionWindow;
            cc.OnRetransmissionTimeout(state, T0);
            for (int i = 0; i < 20; i++) cc.OnAck(state, 700, T0, null);
        }
        Assert.Equal(renoState.CongestionWindow, newRenoState.CongestionWindow);
        Assert.Equal(renoState.SlowStartThreshold, newRenoState.SlowStartThreshold);
    }
}
