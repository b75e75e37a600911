using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp;

/// <summary>
/// Per-connection TCP configuration: plain data, shared by every connection a host or app opens.
/// The congestion-control algorithm is not here because it holds per-connection state: each
/// connection gets its own <see cref="Congestion.ICongestionControl"/> instance.
/// </summary>
public sealed record TcpSettings
{
    public static readonly TcpSettings Default = new();

    /// <summary>
    /// The MSS this end announces on its SYN and never exceeds itself (RFC 9293 §3.7.1): the host
    /// derives it from the interface MTU (1500 − 20 − 20 = 1460 for IPv4, 1440 for IPv6).
    /// </summary>
    public int Mss { get; init; } = 1460;

    /// <summary>
    /// Send buffer (bytes queued and not yet acknowledged). 256 KiB: S4's cwnd peaks near
    /// BDP + queue ≈ 137 segments ≈ 200 KB, and a smaller buffer would cap the sawtooth.
    /// </summary>
    public int SendBufferBytes { get; init; } = 256 * 1024;

    /// <summary>
    /// Receive buffer (in-order unread + out-of-order bytes); the advertised window is its free
    /// part (RFC 9293 §3.8.6.2.2). 256 KiB for the same reason as the send buffer.
    /// </summary>
    public int ReceiveBufferBytes { get; init; } = 256 * 1024;

    /// <summary>RFC 7323 §2: offer a window scale on the SYN (used only if both SYNs carry one).</summary>
    public bool WindowScaling { get; init; } = true;

    /// <summary>
    /// RFC 2018: offer SACK-permitted on the SYN. When both SYNs carried it, this end sends SACK blocks
    /// as a receiver and, as a sender, recovers from losses by RFC 6675 (a <see cref="SackScoreboard"/>
    /// per connection) instead of by duplicate ACKs alone (RFC 5681 / RFC 6582).
    /// </summary>
    public bool Sack { get; init; } = true;

    /// <summary>RFC 9293 §3.8.6.3 / RFC 1122 §4.2.3.2: delay ACKs (every second segment, or the timeout).</summary>
    public bool DelayedAck { get; init; } = true;

    /// <summary>The delayed-ACK timeout; RFC 1122 requires under 0.5 s, 200 ms is the usual value.</summary>
    public SimTime DelayedAckTimeout { get; init; } = SimTime.FromMilliseconds(200);

    /// <summary>RFC 9293 §3.7.4 Nagle's algorithm (off = TCP_NODELAY).</summary>
    public bool Nagle { get; init; } = true;

    /// <summary>RFC 6298 (2.4): RTO is at least 1 s; Linux uses 200 ms (set it here to compare).</summary>
    public SimTime MinRto { get; init; } = SimTime.FromSeconds(1);

    /// <summary>RFC 6298 (2.5): an upper bound of at least 60 s.</summary>
    public SimTime MaxRto { get; init; } = SimTime.FromSeconds(60);

    /// <summary>RFC 6298 (2.1): 1 s before the first RTT sample.</summary>
    public SimTime InitialRto { get; init; } = SimTime.FromSeconds(1);

    /// <summary>RFC 6298 (2.2) G, the clock granularity: the floor of K·RTTVAR in the RTO.</summary>
    public SimTime ClockGranularity { get; init; } = SimTime.FromMilliseconds(1);

    /// <summary>RFC 6928 IW10: the initial cwnd in segments (capped as that RFC says).</summary>
    public int InitialWindowSegments { get; init; } = 10;

    /// <summary>
    /// Maximum segment lifetime; TIME-WAIT lasts 2·MSL (RFC 9293 §3.4.2). RFC 9293 suggests 2 min;
    /// 30 s gives Linux's 60 s TIME-WAIT.
    /// </summary>
    public SimTime Msl { get; init; } = SimTime.FromSeconds(30);

    /// <summary>SYN (or SYN-ACK) retransmissions before TimedOut (Linux tcp_syn_retries).</summary>
    public int MaxSynRetransmissions { get; init; } = 6;

    /// <summary>Consecutive timeouts of the same data before TimedOut (Linux tcp_retries2; RFC 9293 §3.8.3 R2).</summary>
    public int MaxDataRetransmissions { get; init; } = 15;

    /// <summary>RFC 5681 §3.2: duplicate ACKs that trigger fast retransmit.</summary>
    public int DuplicateAckThreshold { get; init; } = 3;

    /// <summary>Every problem with these settings (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (Mss < 64 || Mss > 65495) p.Add($"mss {Mss}: must be 64..65495");
        if (SendBufferBytes < Mss) p.Add($"send buffer {SendBufferBytes} B: must hold at least one MSS");
        if (ReceiveBufferBytes < Mss) p.Add($"receive buffer {ReceiveBufferBytes} B: must hold at least one MSS");
        if (MinRto <= SimTime.Zero || MaxRto < MinRto) p.Add($"rto bounds {MinRto}..{MaxRto}: need 0 < min <= max");
        if (InitialRto < MinRto || InitialRto > MaxRto) p.Add($"initial rto {InitialRto}: must lie within {MinRto}..{MaxRto}");
        if (ClockGranularity <= SimTime.Zero) p.Add("clock granularity must be > 0");
        if (DelayedAckTimeout <= SimTime.Zero || DelayedAckTimeout >= SimTime.FromMilliseconds(500))
            p.Add($"delayed-ack timeout {DelayedAckTimeout}: RFC 1122 §4.2.3.2 requires 0 < t < 500ms");
        if (InitialWindowSegments < 1) p.Add("initial window must be at least 1 segment");
        if (Msl <= SimTime.Zero) p.Add("msl must be > 0");
        if (MaxSynRetransmissions < 0 || MaxDataRetransmissions < 0) p.Add("retry limits must be >= 0");
        if (DuplicateAckThreshold < 1) p.Add("duplicate-ack threshold must be >= 1");
        return p;
    }

    /// <summary>RFC 7323 §2.3: the smallest shift that lets the 16-bit field say the whole buffer (at most 14).</summary>
    public byte ReceiveWindowShift
    {
        get
        {
            byte shift = 0;
            while (shift < 14 && (ReceiveBufferBytes >> shift) > ushort.MaxValue) shift++;
            return shift;
        }
    }
}
