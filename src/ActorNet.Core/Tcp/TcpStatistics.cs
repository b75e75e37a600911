using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp;

/// <summary>
/// Counters of one connection, updated in place as it runs (read them at any time; the host
/// writes them to the run summary). Bytes are data bytes only (no headers, no SYN/FIN).
/// </summary>
public sealed class TcpStatistics
{
    /// <summary>Data bytes put on the wire, retransmissions included.</summary>
    public long BytesSent { get; internal set; }
    /// <summary>Data bytes retransmitted (fast or timeout).</summary>
    public long BytesRetransmitted { get; internal set; }
    /// <summary>Data bytes the peer cumulatively acknowledged.</summary>
    public long BytesAcked { get; internal set; }
    /// <summary>Data bytes received in order (readable or read).</summary>
    public long BytesReceived { get; internal set; }
    /// <summary>Data bytes the application read.</summary>
    public long BytesDelivered { get; internal set; }

    public long SegmentsSent { get; internal set; }
    public long SegmentsReceived { get; internal set; }

    /// <summary>
    /// Segments retransmitted during fast recovery: fast retransmit and NewReno partial ACKs (RFC 5681 §3.2,
    /// RFC 6582), or with SACK every retransmission of RFC 6675 recovery (step 4.3 and NextSeg() rules 1, 3, 4).
    /// </summary>
    public long FastRetransmissions { get; internal set; }
    /// <summary>Segments retransmitted because of a retransmission timeout (the first and the go-back-N ones after it).</summary>
    public long TimeoutRetransmissions { get; internal set; }
    /// <summary>Times the retransmission timer expired (RFC 6298 §5.4).</summary>
    public long RetransmissionTimeouts { get; internal set; }
    /// <summary>Fast-recovery episodes entered (RFC 5681 / RFC 6582, or RFC 6675 loss recovery with SACK).</summary>
    public long FastRecoveries { get; internal set; }
    /// <summary>Zero-window probes sent (RFC 9293 §3.8.6.1).</summary>
    public long WindowProbes { get; internal set; }
    /// <summary>Segments whose data was already received (old or already held out of order), discarded.</summary>
    public long DuplicateSegments { get; internal set; }
    /// <summary>Segments that arrived out of order (beyond RCV.NXT) with new data.</summary>
    public long OutOfOrderSegments { get; internal set; }
    /// <summary>Duplicate ACKs received, by RFC 5681 §2's definition also with SACK (RFC 6675 §2 counts its DupAcks differently).</summary>
    public long DuplicateAcksReceived { get; internal set; }

    public long RttSamples { get; private set; }
    public SimTime RttMin { get; private set; } = SimTime.MaxValue;
    public SimTime RttMax { get; private set; }
    private long _rttSumNs;
    /// <summary>Mean of the RTT samples (integer ns), or zero without samples.</summary>
    public SimTime RttMean => RttSamples == 0 ? SimTime.Zero : new SimTime(_rttSumNs / RttSamples);

    internal void AddRtt(SimTime r)
    {
        RttSamples++;
        _rttSumNs += r.Nanoseconds;
        RttMin = SimTime.Min(RttMin, r);
        RttMax = SimTime.Max(RttMax, r);
    }
}
