using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp.Congestion;

/// <summary>
/// One congestion-control algorithm (the Linux tcp_congestion_ops / ns-3 TcpCongestionOps split):
/// it decides how cwnd grows on ACKs and what ssthresh becomes on a loss. Loss detection and
/// recovery (fast retransmit, partial ACKs, SACK) stay in the connection, which calls these hooks.
/// Adding an algorithm means adding one class that implements this and registering its name in
/// CongestionControlFactory (docs/SCENARIOS.md, "Adding a congestion-control algorithm").
/// </summary>
public interface ICongestionControl
{
    /// <summary>The name used in scenario files and summaries: "reno", "newreno", "cubic".</summary>
    string Name { get; }

    /// <summary>
    /// True (NewReno, RFC 6582 §3.2; CUBIC): a partial ACK keeps fast recovery going until everything
    /// outstanding at its start is acknowledged. False (Reno, RFC 5681 §3.2 step 6): the first ACK of
    /// new data ends recovery. Only for recovery by duplicate ACKs: with SACK the connection follows
    /// RFC 6675 §5, whose recovery always lasts until RecoveryPoint is acknowledged.
    /// </summary>
    bool KeepsRecoveryOnPartialAck { get; }

    /// <summary>Called once, when the connection is established: sets the initial cwnd (RFC 5681 §3.1, RFC 6928).</summary>
    void Start(CongestionState state, long initialWindowBytes, SimTime now);

    /// <summary>
    /// New data was cumulatively acknowledged outside fast recovery: grow cwnd (slow start or
    /// congestion avoidance). <paramref name="rttSample"/> is the RTT measured by this ACK, if any.
    /// </summary>
    void OnAck(CongestionState state, long bytesAcked, SimTime now, SimTime? rttSample);

    /// <summary>
    /// Loss detected by duplicate ACKs or SACK (entering fast recovery): set ssthresh (RFC 5681 eq. 4,
    /// or CUBIC's β) and cwnd as the algorithm's recovery start requires. With SACK (RFC 6675 §5 step 4.2)
    /// the connection then lowers cwnd to ssthresh, dropping Reno's 3·SMSS inflation. Reads
    /// <see cref="CongestionState.BytesInFlight"/> as FlightSize at the loss, without segments sent by
    /// limited transmit (RFC 5681 §3.2 step 2).
    /// </summary>
    void OnFastRetransmit(CongestionState state, SimTime now);

    /// <summary>
    /// Fast recovery ended with a full ACK: deflate cwnd (RFC 6582 §3.2 step 3, RFC 5681 §3.2 step 6).
    /// <see cref="CongestionState.BytesInFlight"/> must already be what is outstanding after that ACK.
    /// </summary>
    void OnRecoveryEnd(CongestionState state, SimTime now);

    /// <summary>
    /// The retransmission timer expired: ssthresh by RFC 5681 eq. 4 (or the algorithm's rule), cwnd = 1 SMSS
    /// (loss window). Call it before rewinding SND.NXT, with <see cref="CongestionState.BytesInFlight"/>
    /// still the FlightSize at the timeout.
    /// </summary>
    void OnRetransmissionTimeout(CongestionState state, SimTime now);
}
