namespace ActorNet.Core.Tcp.Congestion;

/// <summary>
/// The RFC 5681 §3.1 window increase, shared by <see cref="Reno"/> and <see cref="NewReno"/> (and
/// CUBIC's slow start, RFC 9438 §4.10). Byte counting throughout, so the growth depends on the bytes
/// acknowledged and not on how the receiver spreads them over ACKs (delayed ACKs, ACK division).
/// </summary>
internal sealed class RenoIncrease
{
    // RFC 3465 §2.1 "bytes_acked": bytes acknowledged in congestion avoidance not yet turned into cwnd.
    private long _bytesAcked;

    /// <summary>Forget the partial count: after a reduction, the count belongs to a window that no longer exists.</summary>
    public void Reset() => _bytesAcked = 0;

    /// <summary>Slow start while cwnd &lt; ssthresh, congestion avoidance otherwise (RFC 5681 §3.1 lets either run at equality).</summary>
    public void OnAck(CongestionState state, long bytesAcked)
    {
        if (state.InSlowStart) SlowStart(state, bytesAcked);
        else CongestionAvoidance(state, bytesAcked);
    }

    /// <summary>
    /// RFC 5681 §3.1 eq. 2: cwnd += min(N, SMSS), N the bytes this ACK newly acknowledges. This is
    /// appropriate byte counting with the limit L = 1 SMSS; RFC 3465 §2.2–2.3 would allow L = 2*SMSS, but
    /// RFC 5681 §3.1 recommends eq. 2 as written, so an ACK covering two segments (a delayed ACK) adds
    /// one SMSS, not two. The window is not capped at ssthresh: eq. 2 has no cap, and the next ACK
    /// switches to congestion avoidance.
    /// </summary>
    public static void SlowStart(CongestionState state, long bytesAcked) =>
        state.CongestionWindow += Math.Min(bytesAcked, state.SenderMss);

    /// <summary>
    /// RFC 5681 §3.1, the RECOMMENDED byte-counting form of congestion avoidance (RFC 3465 §2.1):
    /// add the acknowledged bytes to bytes_acked; once bytes_acked ≥ cwnd, subtract cwnd from it and add
    /// SMSS to cwnd. That is exactly +1 SMSS per cwnd's worth of acknowledged bytes, i.e. per RTT when
    /// the window is full, whatever the ACK pattern, and never more than one SMSS per ACK (§3.1: "MUST
    /// NOT be increased by more than SMSS bytes per RTT"). Eq. 3 (cwnd += SMSS*SMSS/cwnd per ACK) is the
    /// per-ACK approximation of the same line; it is not used because it grows less than 1 SMSS per RTT
    /// (cwnd rises within the round) and half as fast under delayed ACKs.
    /// </summary>
    public void CongestionAvoidance(CongestionState state, long bytesAcked)
    {
        _bytesAcked += bytesAcked;
        if (_bytesAcked >= state.CongestionWindow)
        {
            _bytesAcked -= state.CongestionWindow;
            state.CongestionWindow += state.SenderMss;
        }
    }
}
