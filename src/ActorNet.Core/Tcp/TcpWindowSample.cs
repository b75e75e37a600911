using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp;

/// <summary>
/// The windows of one connection at <see cref="At"/>, reported when any of them changed during an
/// input (the host writes these as cwnd.csv). All in bytes; rwnd values are scaled, not raw fields.
/// </summary>
/// <param name="Cwnd">Congestion window (RFC 5681 §2).</param>
/// <param name="Ssthresh">Slow-start threshold (long.MaxValue until the first loss).</param>
/// <param name="SndWnd">The peer's advertised window SND.WND.</param>
/// <param name="RcvWnd">This end's receive window RCV.WND.</param>
/// <param name="BytesInFlight">SND.NXT − SND.UNA.</param>
public readonly record struct TcpWindowSample(SimTime At, long Cwnd, long Ssthresh, long SndWnd, long RcvWnd, long BytesInFlight);

/// <summary>Receives <see cref="TcpWindowSample"/>s (optional; a null observer costs nothing).</summary>
public interface ITcpWindowObserver
{
    void OnWindows(in TcpWindowSample sample);
}
