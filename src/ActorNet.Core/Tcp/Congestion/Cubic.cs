using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp.Congestion;

/// <summary>
/// CUBIC, RFC 9438 §4. cwnd stays in whole bytes in <see cref="CongestionState"/>; the curve and the
/// Reno-friendly estimate are evaluated in segments (cwnd / SMSS) as doubles, as the RFC writes them.
/// Time is <see cref="SimTime"/>, so runs are deterministic.
/// <para>
/// What is implemented: RFC 5681 slow start (§4.10 allows it where HyStart++ is not used); the window
/// increase function and target (§4.2); the Reno-friendly region (§4.3); concave and convex growth
/// (§4.4, §4.5); multiplicative decrease (§4.6); fast convergence (§4.7, on unless the constructor turns
/// it off); timeouts (§4.8). Not implemented: HyStart++, spurious-loss undo (§4.9, the interface has no
/// hook for it), and excluding application-limited time from t (§4.2: the connection does not report it).
/// </para>
/// <para>
/// Fast recovery itself is unchanged (§4.2: CUBIC "does not make any changes" to it): cwnd is reduced
/// to ssthresh on entry (§4.6, no 3*SMSS inflation), the connection does NewReno's partial-ACK handling
/// or, with SACK, RFC 6675 (whose cwnd = ssthresh at step 4.2 is then what this hook already set),
/// and <see cref="OnRecoveryEnd"/> deflates as <see cref="NewReno"/> does.
/// </para>
/// </summary>
public sealed class Cubic : ICongestionControl
{
    /// <summary>β_cubic = 0.7 (RFC 9438 §4.6: SHOULD).</summary>
    public const double Beta = 0.7;

    /// <summary>α_cubic = 3(1 − β_cubic)/(1 + β_cubic) ≈ 0.529 (RFC 9438 §4.3).</summary>
    public const double Alpha = 3 * (1 - Beta) / (1 + Beta);

    private readonly bool _fastConvergence;

    // RFC 9438 §4.1.2 variables, windows in segments.
    private double _wMax;
    private double? _cwndPrior;        // unknown until the first congestion event or first stage
    private SimTime? _tEpoch;          // null: no congestion avoidance stage under way
    private CubicCurve _curve;
    private double _wEst;
    // §4.8 / §4.10: the next stage has no earlier W_max to climb back to (the first stage, or the first
    // after a timeout); it starts with K = 0 and W_max = cwnd_epoch.
    private bool _probeFromEpoch;
    // Growth below one byte, carried to the next ACK so that cwnd in whole bytes loses nothing.
    private double _pendingBytes;
    private SimTime? _smoothedRtt;
    private bool _timerRetransmitted;   // as in Reno: RFC 5681 §3.1, repeated timeouts keep ssthresh

    /// <param name="fastConvergence">RFC 9438 §4.7: SHOULD be on where flows share a bottleneck and off for a single flow alone on a path.</param>
    public Cubic(bool fastConvergence = true) => _fastConvergence = fastConvergence;

    public string Name => "cubic";

    /// <summary>CUBIC is used with NewReno (RFC 6582) or SACK (RFC 6675) recovery (RFC 9438 §4.2).</summary>
    public bool KeepsRecoveryOnPartialAck => true;

    /// <summary>W_max in segments (0 before any congestion avoidance stage or loss).</summary>
    public double WMax => _wMax;

    /// <summary>The curve of the current congestion avoidance stage, or null outside one.</summary>
    public CubicCurve? Curve => _tEpoch is null ? null : _curve;

    /// <summary>W_est in segments, the Reno-friendly estimate of the current stage (RFC 9438 §4.3).</summary>
    public double RenoFriendlyWindow => _wEst;

    /// <summary>The RFC 6298 smoothed RTT used for W_cubic(t + RTT), from the samples passed to <see cref="OnAck"/>.</summary>
    public SimTime? SmoothedRtt => _smoothedRtt;

    public void Start(CongestionState state, long initialWindowBytes, SimTime now)
    {
        state.CongestionWindow = initialWindowBytes;
        _wMax = 0;
        _cwndPrior = null;
        _tEpoch = null;
        _probeFromEpoch = true;
        _pendingBytes = 0;
        _smoothedRtt = null;
        _timerRetransmitted = false;
    }

    public void OnAck(CongestionState state, long bytesAcked, SimTime now, SimTime? rttSample)
    {
        if (bytesAcked <= 0) return;
        _timerRetransmitted = false;
        if (rttSample is { } r) UpdateSmoothedRtt(r);
        if (state.InSlowStart)
        {
            RenoIncrease.SlowStart(state, bytesAcked);   // §4.10
            return;
        }
        SimTime tEpoch = _tEpoch ?? StartStage(state, now);

        double smss = state.SenderMss;
        double cwnd = state.CongestionWindow / smss;
        double segmentsAcked = bytesAcked / smss;      // §4.1.2: fractional for a partial segment

        // §4.3 eq. 4, with α_cubic raised to 1 once W_est has reached cwnd_prior (Reno's own rate).
        double alpha = _wEst >= _cwndPrior ? 1.0 : Alpha;
        _wEst += alpha * segmentsAcked / cwnd;

        double t = (now - tEpoch).TotalSeconds;
        if (_curve.At(t) < _wEst)
        {
            // §4.3: the Reno-friendly region, cwnd = W_est. Only ever raised here: when the cubic target
            // has already carried cwnd past W_est, setting it down would be a decrease without a loss.
            long reno = (long)(_wEst * smss);
            if (reno > state.CongestionWindow)
            {
                state.CongestionWindow = reno;
                _pendingBytes = 0;
            }
            return;
        }

        // §4.2: the target one RTT ahead, kept within [cwnd, 1.5 cwnd] so growth never reverses and stays
        // below slow start's rate.
        // In bytes: (target − cwnd)/cwnd × segments_acked is the same ratio, and at the clamps the byte
        // form is exact (a 1000-byte ACK at cwnd 10100 adds 5050 × 1000 / 10100 = 500), where the segment form gives 499.99….
        double rtt = _smoothedRtt?.TotalSeconds ?? 0;
        double cwndBytes = state.CongestionWindow;
        double targetBytes = Math.Clamp(_curve.At(t + rtt) * smss, cwndBytes, 1.5 * cwndBytes);
        // §4.4 (concave, cwnd < W_max) and §4.5 (convex) grow alike: (target − cwnd)/cwnd per new ACK,
        // here per segment acknowledged, so that an RTT of ACKs moves cwnd the same way whether the
        // receiver acknowledges every segment or every other one (delayed ACKs, RFC 5681 §4.2).
        _pendingBytes += (targetBytes - cwndBytes) * bytesAcked / cwndBytes;
        long whole = (long)_pendingBytes;
        state.CongestionWindow += whole;
        _pendingBytes -= whole;
    }

    public void OnFastRetransmit(CongestionState state, SimTime now)
    {
        double cwnd = state.CongestionWindow / (double)state.SenderMss;
        // §4.7, before the reduction: a loss below the last W_max means the available share shrank, so
        // plateau earlier and leave room to a newcomer.
        _wMax = _fastConvergence && cwnd < _wMax ? cwnd * (1 + Beta) / 2 : cwnd;
        _cwndPrior = cwnd;                                        // §4.6: "save cwnd"
        state.SlowStartThreshold = ReducedThreshold(state);       // §4.6 Figure 5
        state.CongestionWindow = state.SlowStartThreshold;        // §4.6: reduction on loss, at least 2 SMSS
        _tEpoch = null;                                           // the next ACK in congestion avoidance starts a stage
        _probeFromEpoch = false;
        _pendingBytes = 0;
    }

    /// <summary>As <see cref="NewReno.OnRecoveryEnd"/>: RFC 6582 §3.2 step 3 option (1).</summary>
    public void OnRecoveryEnd(CongestionState state, SimTime now) => NewReno.Deflate(state);

    public void OnRetransmissionTimeout(CongestionState state, SimTime now)
    {
        // §4.8: ssthresh as in §4.6, cwnd as Reno (RFC 5681 §3.1 loss window); the stage after it starts
        // with K = 0 and W_max = cwnd_epoch.
        if (!_timerRetransmitted)
        {
            _cwndPrior = state.CongestionWindow / (double)state.SenderMss;   // §4.1.2: cwnd when ssthresh was last set
            state.SlowStartThreshold = ReducedThreshold(state);
        }
        _timerRetransmitted = true;
        state.CongestionWindow = state.SenderMss;
        _tEpoch = null;
        _probeFromEpoch = true;
        _pendingBytes = 0;
    }

    /// <summary>
    /// RFC 9438 §4.6 Figure 5: ssthresh = max(flight_size * β_cubic, 2 SMSS). flight_size, not cwnd:
    /// the RFC allows cwnd only with other measures that stop cwnd growing while the sender is not using
    /// it, and this interface cannot see that. Integer 7/10 so the result is exact in bytes.
    /// </summary>
    private static long ReducedThreshold(CongestionState state) =>
        Math.Max(state.BytesInFlight * 7 / 10, 2L * state.SenderMss);

    /// <summary>RFC 9438 §4.2: t_epoch, cwnd_epoch, K; §4.3: W_est = cwnd_epoch; §4.8 / §4.10: K = 0 when there is no W_max to return to.</summary>
    private SimTime StartStage(CongestionState state, SimTime now)
    {
        double cwndEpoch = state.CongestionWindow / (double)state.SenderMss;
        if (_probeFromEpoch)
        {
            _wMax = cwndEpoch;
            _cwndPrior ??= cwndEpoch;   // §4.10: leaving the first slow start sets cwnd_prior = cwnd
            _probeFromEpoch = false;
        }
        _tEpoch = now;
        _curve = new CubicCurve(_wMax, cwndEpoch);
        _wEst = cwndEpoch;
        _pendingBytes = 0;
        return now;
    }

    /// <summary>RFC 6298 (2.2) first sample SRTT = R; (2.3) then SRTT = 7/8 SRTT + 1/8 R, in integer nanoseconds.</summary>
    private void UpdateSmoothedRtt(SimTime sample) =>
        _smoothedRtt = _smoothedRtt is { } s ? new SimTime(s.Nanoseconds + (sample.Nanoseconds - s.Nanoseconds) / 8) : sample;
}
