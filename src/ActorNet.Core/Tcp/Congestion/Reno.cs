using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp.Congestion;

/// <summary>
/// Reno, RFC 5681 §3: slow start and congestion avoidance (<see cref="RenoIncrease"/>), ssthresh by
/// eq. 4 on a loss, the loss window after a timeout.
/// <para>
/// Fast retransmit / fast recovery (RFC 5681 §3.2) is split between the connection and this class:
/// <list type="bullet">
/// <item>Connection: counts duplicate ACKs and does limited transmit (step 1); on the third, retransmits
/// SND.UNA (step 3) after calling <see cref="OnFastRetransmit"/>; adds SMSS to cwnd for each further
/// duplicate ACK (step 4, the "inflation": it is the one that counts them) and sends what the inflated
/// window allows (step 5); on the first ACK of new data calls <see cref="OnRecoveryEnd"/> (step 6).</item>
/// <item>This class: ssthresh = max(FlightSize/2, 2*SMSS) (step 2, eq. 4) and cwnd = ssthresh + 3*SMSS
/// (step 3: the three duplicate ACKs mean three segments have left the network), in
/// <see cref="OnFastRetransmit"/>; the deflation cwnd = ssthresh (step 6) in <see cref="OnRecoveryEnd"/>.</item>
/// </list>
/// FlightSize is <see cref="CongestionState.BytesInFlight"/> when the hook is called; segments sent by
/// limited transmit must not be in it (§3.2 step 2, RFC 3042).
/// </para>
/// <para>
/// A connection doing SACK-based recovery instead (RFC 6675 §5) has no inflation: step (4.2) there is
/// cwnd = ssthresh, with pipe deciding what may be sent, so it sets cwnd to ssthresh after this hook
/// (TcpConnection.SackRecovery.cs). Its recovery ends at RecoveryPoint, not on the first new ACK: with
/// SACK, Reno and NewReno recover alike and differ only in <see cref="OnRecoveryEnd"/>.
/// </para>
/// </summary>
public class Reno : ICongestionControl
{
    private readonly RenoIncrease _increase = new();
    // RFC 5681 §3.1: a timeout for a segment the timer already retransmitted keeps ssthresh, or
    // back-to-back timeouts (FlightSize shrinking each time) would collapse it to 2*SMSS. Cleared when
    // new data is acknowledged: the next timeout is then for a segment the timer has not resent.
    private bool _timerRetransmitted;

    public virtual string Name => "reno";

    /// <summary>RFC 5681 §3.2 step 6: the first ACK of new data ends recovery, partial or not.</summary>
    public virtual bool KeepsRecoveryOnPartialAck => false;

    public void Start(CongestionState state, long initialWindowBytes, SimTime now)
    {
        state.CongestionWindow = initialWindowBytes;
        _increase.Reset();
        _timerRetransmitted = false;
    }

    public void OnAck(CongestionState state, long bytesAcked, SimTime now, SimTime? rttSample)
    {
        if (bytesAcked <= 0) return;
        _timerRetransmitted = false;
        _increase.OnAck(state, bytesAcked);
    }

    public void OnFastRetransmit(CongestionState state, SimTime now)
    {
        state.SlowStartThreshold = HalfFlightSize(state);                             // RFC 5681 §3.2 step 2, eq. 4
        state.CongestionWindow = state.SlowStartThreshold + 3L * state.SenderMss;      // RFC 5681 §3.2 step 3
        _increase.Reset();
    }

    /// <summary>RFC 5681 §3.2 step 6: "set cwnd to the value of ssthresh" (deflating the window).</summary>
    public virtual void OnRecoveryEnd(CongestionState state, SimTime now) =>
        state.CongestionWindow = state.SlowStartThreshold;

    public void OnRetransmissionTimeout(CongestionState state, SimTime now)
    {
        if (!_timerRetransmitted) state.SlowStartThreshold = HalfFlightSize(state);  // RFC 5681 §3.1, eq. 4
        _timerRetransmitted = true;
        state.CongestionWindow = state.SenderMss;                                     // RFC 5681 §3.1: loss window LW = 1 SMSS
        _increase.Reset();
    }

    /// <summary>RFC 5681 §3.1 eq. 4: ssthresh = max(FlightSize / 2, 2*SMSS), in whole bytes (the half rounds down).</summary>
    internal static long HalfFlightSize(CongestionState state) =>
        Math.Max(state.BytesInFlight / 2, 2L * state.SenderMss);
}
