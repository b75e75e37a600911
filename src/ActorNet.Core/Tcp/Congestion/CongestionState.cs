namespace ActorNet.Core.Tcp.Congestion;

/// <summary>
/// The congestion-control variables of one connection, in bytes (RFC 5681 §2): what a
/// <see cref="ICongestionControl"/> reads and changes. The connection owns it and sends at most
/// min(cwnd, rwnd) − FlightSize new bytes (RFC 5681 §3.1, RFC 9293 §3.8.6.2).
/// </summary>
public sealed class CongestionState
{
    public CongestionState(int senderMss) => SenderMss = senderMss;

    /// <summary>SMSS: the largest segment the sender sends (RFC 5681 §2).</summary>
    public int SenderMss { get; }
    /// <summary>cwnd.</summary>
    public long CongestionWindow { get; set; }
    /// <summary>ssthresh; "arbitrarily high" at the start (RFC 5681 §3.1).</summary>
    public long SlowStartThreshold { get; set; } = long.MaxValue;
    /// <summary>FlightSize: sent and not yet cumulatively acknowledged (RFC 5681 §2).</summary>
    public long BytesInFlight { get; set; }

    public bool InSlowStart => CongestionWindow < SlowStartThreshold;
}
