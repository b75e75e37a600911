using ActorNet.Core.Tcp.Congestion;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp.Harness;

/// <summary>A constant cwnd, for tests of everything but congestion control.</summary>
internal sealed class FixedWindow(int segments) : ICongestionControl
{
    public string Name => "fixed";
    public bool KeepsRecoveryOnPartialAck => true;
    public void Start(CongestionState state, long initialWindowBytes, SimTime now) => state.CongestionWindow = (long)segments * state.SenderMss;
    public void OnAck(CongestionState state, long bytesAcked, SimTime now, SimTime? rttSample) { }
    public void OnFastRetransmit(CongestionState state, SimTime now) { }
    public void OnRecoveryEnd(CongestionState state, SimTime now) => state.CongestionWindow = (long)segments * state.SenderMss;
    public void OnRetransmissionTimeout(CongestionState state, SimTime now) { }
}

/// <summary>
/// A minimal RFC 5681 Reno / RFC 6582 NewReno, test-only (branch tcpcc writes the real ones):
/// slow start by min(acked, SMSS), avoidance by SMSS²/cwnd, ssthresh = max(FlightSize/2, 2·SMSS).
/// </summary>
internal sealed class TestNewReno(bool newReno = true) : ICongestionControl
{
    public string Name => newReno ? "test-newreno" : "test-reno";
    public bool KeepsRecoveryOnPartialAck => newReno;

    public void Start(CongestionState state, long initialWindowBytes, SimTime now) => state.CongestionWindow = initialWindowBytes;

    public void OnAck(CongestionState s, long bytesAcked, SimTime now, SimTime? rttSample)
    {
        if (s.InSlowStart) s.CongestionWindow += Math.Min(bytesAcked, s.SenderMss);
        else s.CongestionWindow += Math.Max(1, (long)s.SenderMss * s.SenderMss / s.CongestionWindow);
    }

    public void OnFastRetransmit(CongestionState s, SimTime now)
    {
        s.SlowStartThreshold = Math.Max(s.BytesInFlight / 2, 2L * s.SenderMss);
        s.CongestionWindow = s.SlowStartThreshold + 3L * s.SenderMss;
    }

    public void OnRecoveryEnd(CongestionState s, SimTime now) =>
        // RFC 6582 §3.2 step 3 option (1) for NewReno; RFC 5681 §3.2 step 6 for Reno.
        s.CongestionWindow = newReno ? Math.Min(s.SlowStartThreshold, Math.Max(s.BytesInFlight, s.SenderMss) + s.SenderMss) : s.SlowStartThreshold;

    public void OnRetransmissionTimeout(CongestionState s, SimTime now)
    {
        s.SlowStartThreshold = Math.Max(s.BytesInFlight / 2, 2L * s.SenderMss);
        s.CongestionWindow = s.SenderMss;
    }
}
