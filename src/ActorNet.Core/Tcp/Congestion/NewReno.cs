using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp.Congestion;

/// <summary>
/// NewReno, RFC 6582: <see cref="Reno"/>'s window growth and loss response, but fast recovery survives
/// partial ACKs and ends only with a full ACK (everything outstanding when it began, up to "recover").
/// <para>
/// The connection keeps "recover" (§3.2 steps 1, 2 and 4) and handles partial ACKs (§3.2 step 3:
/// retransmit the first unacknowledged segment, deflate cwnd by the bytes acknowledged, add back SMSS
/// if at least SMSS was acknowledged); it calls <see cref="OnRecoveryEnd"/> on the full ACK, after
/// updating <see cref="CongestionState.BytesInFlight"/> for it.
/// </para>
/// </summary>
public sealed class NewReno : Reno
{
    public override string Name => "newreno";

    /// <summary>RFC 6582 §3.2 step 3: a partial ACK keeps the sender in fast recovery.</summary>
    public override bool KeepsRecoveryOnPartialAck => true;

    /// <summary>
    /// RFC 6582 §3.2 step 3, full acknowledgments, option (1): cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS),
    /// FlightSize being what is outstanding now. Option (2), cwnd = ssthresh, would let a sender with
    /// little left in flight send a burst of up to ssthresh at once, and the RFC then asks for a separate
    /// burst limit; option (1) needs none, and slow start (cwnd &lt; ssthresh) takes cwnd back up as ACKs return.
    /// </summary>
    public override void OnRecoveryEnd(CongestionState state, SimTime now) => Deflate(state);

    /// <summary>RFC 6582 §3.2 step 3 option (1); shared with CUBIC, which does not change fast recovery (RFC 9438 §4.2).</summary>
    internal static void Deflate(CongestionState state) =>
        state.CongestionWindow = Math.Min(state.SlowStartThreshold, Math.Max(state.BytesInFlight, state.SenderMss) + state.SenderMss);
}
