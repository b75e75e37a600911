using ActorNet.Core.Packets;

namespace ActorNet.Core.Tcp;

/// <summary>
/// The SACK scoreboard of a data sender, RFC 6675 §4: which bytes above SND.UNA the receiver has
/// reported holding (RFC 2018 §3 SACK blocks), and the routines the loss recovery of RFC 6675 §5 is
/// built from: Update(), IsLost(), SetPipe() (here <see cref="Pipe"/>) and NextSeg(). No timers, no
/// segments: the connection feeds it ACKs and asks it questions.
/// <para>
/// Positions. RFC 6675 §2 names the highest octet of a range (HighACK, HighData, HighRxt, RescueRxt);
/// this class takes one-past-the-end positions, as SND.UNA and SND.NXT are: SND.UNA = HighACK + 1,
/// <c>highDataEnd</c> = HighData + 1 (SND.MAX, the next new byte), <c>highRxtEnd</c> = HighRxt + 1
/// (SND.UNA when nothing has been retransmitted), <c>rescueRxtEnd</c> = RescueRxt + 1.
/// </para>
/// <para>
/// The ranges are kept sorted, disjoint and not touching (adjacent blocks merge), all inside
/// [SND.UNA, HighData + 1), so they are always less than 2³¹ apart and <see cref="SequenceNumber"/>'s
/// wrap-around order holds among them.
/// </para>
/// </summary>
public sealed class SackScoreboard
{
    /// <summary>DupThresh = 3 (RFC 6675 §2, RFC 5681's three duplicate ACKs).</summary>
    public const int DefaultDupThresh = 3;

    private readonly List<SackBlock> _sacked = [];

    /// <param name="senderMss">SMSS.</param>
    /// <param name="sndUna">SND.UNA when the scoreboard starts (the connection's, at ESTABLISHED).</param>
    /// <param name="dupThresh">DupThresh (RFC 6675 §2): the connection passes its duplicate-ACK threshold so that
    /// IsLost() and the DupAcks count of §5 use the same number.</param>
    public SackScoreboard(int senderMss, SequenceNumber sndUna, int dupThresh = DefaultDupThresh)
    {
        if (senderMss <= 0) throw new ArgumentOutOfRangeException(nameof(senderMss), senderMss, "SMSS must be positive");
        if (dupThresh < 1) throw new ArgumentOutOfRangeException(nameof(dupThresh), dupThresh, "DupThresh must be at least 1");
        SenderMss = senderMss;
        SndUna = sndUna;
        DupThresh = dupThresh;
    }

    /// <summary>SMSS, the unit of IsLost()'s byte test and of the segments NextSeg() returns.</summary>
    public int SenderMss { get; }

    /// <summary>DupThresh (RFC 6675 §2), for IsLost().</summary>
    public int DupThresh { get; }

    /// <summary>SND.UNA = HighACK + 1: the oldest unacknowledged byte.</summary>
    public SequenceNumber SndUna { get; private set; }

    /// <summary>The SACKed ranges above SND.UNA, lowest first, [Left, Right).</summary>
    public IReadOnlyList<SackBlock> SackedRanges => _sacked;

    /// <summary>RFC 6675 §4 Update(): "the total number of octets SACKed".</summary>
    public long SackedBytes { get; private set; }

    /// <summary>One past the highest SACKed octet, or null when nothing above SND.UNA is SACKed.</summary>
    public SequenceNumber? HighSackedEnd => _sacked.Count == 0 ? null : _sacked[^1].Right;

    /// <summary>
    /// RFC 6675 §4 Update(): take in an ACK. A cumulative ACK above SND.UNA (and not above what was sent)
    /// moves SND.UNA and trims the ranges below it; each SACK block is clipped to
    /// [SND.UNA, <paramref name="highDataEnd"/>) and merged in. Blocks wholly below SND.UNA (D-SACK,
    /// RFC 2883) or beyond what was sent, and empty blocks, add nothing. SACKed ranges are kept until
    /// cumulatively acknowledged (RFC 2018 §8: the receiver may renege).
    /// </summary>
    /// <returns>Bytes newly SACKed by this ACK. RFC 6675 §2 counts an ACK as a "duplicate acknowledgment" only if, among its other conditions, this is more than 0.</returns>
    public long Update(SequenceNumber ack, IReadOnlyList<SackBlock> sackBlocks, SequenceNumber highDataEnd)
    {
        if (ack > SndUna && ack <= highDataEnd) AdvanceTo(ack);
        long before = SackedBytes;
        long windowEnd = Offset(highDataEnd);
        for (int i = 0; i < sackBlocks.Count; i++)   // not foreach: an interface enumerator would allocate per ACK
        {
            var block = sackBlocks[i];
            int length = block.Right - block.Left;
            if (length <= 0) continue;
            long lo = Math.Max(Offset(block.Left), 0);
            long hi = Math.Min((long)Offset(block.Left) + length, windowEnd);
            if (lo < hi) Insert(lo, hi);
        }
        return SackedBytes - before;
    }

    /// <summary>
    /// Forget every SACKed range, keeping SND.UNA. RFC 6675 §5.1: after a retransmission timeout the sender
    /// SHOULD expunge SACK information (RFC 2018 §8: the receiver may have reneged) and MUST ignore it in
    /// choosing what to retransmit.
    /// </summary>
    public void Clear()
    {
        _sacked.Clear();
        SackedBytes = 0;
    }

    /// <summary>True if <paramref name="seq"/> is in a SACKed range.</summary>
    public bool IsSacked(SequenceNumber seq)
    {
        foreach (var r in _sacked)
        {
            if (seq.InRange(r.Left, r.Right)) return true;
        }
        return false;
    }

    /// <summary>
    /// The first byte at or after <paramref name="seq"/> that is not SACKed, and in <paramref name="unsackedBytes"/>
    /// how many bytes from it lie below the next SACKed range (<see cref="long.MaxValue"/> when none is above).
    /// For the resend after a timeout: RFC 6675 §5.1 asks the sender to use the SACK information that arrives
    /// during that slow start to choose what to send ("filling in" the holes), and NextSeg() is not for it.
    /// </summary>
    public SequenceNumber SkipSacked(SequenceNumber seq, out long unsackedBytes)
    {
        foreach (var r in _sacked)
        {
            if (r.Right <= seq) continue;                  // wholly below
            if (r.Left <= seq) { seq = r.Right; continue; } // inside: its end, which the next range (never touching) is above
            unsackedBytes = r.Left - seq;
            return seq;
        }
        unsackedBytes = long.MaxValue;
        return seq;
    }

    /// <summary>
    /// RFC 6675 §4 IsLost(SeqNum): true when DupThresh discontiguous SACKed sequences lie above it, or
    /// more than (DupThresh − 1) × SMSS SACKed bytes do. "Discontiguous sequences" are counted as the
    /// merged ranges above <paramref name="seq"/>; with full-sized segments the byte test already fires
    /// at three SACKed segments, contiguous or not. A byte that is SACKed, or not above SND.UNA, is not
    /// lost.
    /// </summary>
    public bool IsLost(SequenceNumber seq)
    {
        if (seq < SndUna || IsSacked(seq)) return false;
        int ranges = 0;
        long bytes = 0;
        foreach (var r in _sacked)
        {
            if (r.Left > seq) { ranges++; bytes += r.Right - r.Left; }
        }
        return LostByCounts(ranges, bytes);
    }

    /// <summary>
    /// RFC 6675 §4 SetPipe(): the bytes believed in the network. For each octet from SND.UNA up to
    /// HighData that has not been SACKed: (a) +1 if IsLost() is false (still in flight); (b) +1 if it is at
    /// or below HighRxt (its retransmission is in flight too). A byte retransmitted before being judged
    /// lost thus counts twice, as the RFC intends.
    /// </summary>
    public long Pipe(SequenceNumber highRxtEnd, SequenceNumber highDataEnd)
    {
        long pipe = 0;
        long rxtEnd = Offset(highRxtEnd);
        foreach (var hole in Holes(Offset(highDataEnd)))
        {
            if (!hole.Lost) pipe += hole.Hi - hole.Lo;                                   // (a)
            pipe += Math.Max(0, Math.Min(hole.Hi, rxtEnd) - hole.Lo);                   // (b)
        }
        return pipe;
    }

    /// <summary>
    /// RFC 6675 §4 NextSeg(): what to send next during loss recovery, or null (rule 5: nothing).
    /// <list type="number">
    /// <item>the lowest unSACKed byte S2 above HighRxt and below the highest SACKed byte with IsLost(S2);</item>
    /// <item>else new data at HighData + 1, if <paramref name="sendableNewBytes"/> (unsent data the receive window allows) is positive;</item>
    /// <item>else the lowest unSACKed byte above HighRxt and below the highest SACKed byte;</item>
    /// <item>else, once per recovery (HighACK &gt; RescueRxt, or RescueRxt undefined), a rescue: up to SMSS ending at the highest unSACKed outstanding byte.</item>
    /// </list>
    /// Rules 1 and 3 return up to SMSS bytes but stop at the next SACKed range: those bytes already arrived.
    /// </summary>
    public NextSegment? NextSeg(SequenceNumber highRxtEnd, SequenceNumber highDataEnd, long sendableNewBytes, SequenceNumber? rescueRxtEnd)
    {
        long windowEnd = Offset(highDataEnd);
        long from = Math.Max(0, Offset(highRxtEnd));      // (1.a) S2 > HighRxt
        long sackedTop = _sacked.Count == 0 ? 0 : Offset(_sacked[^1].Right);
        (long Lo, long Hi)? firstUnsacked = null;

        foreach (var hole in Holes(windowEnd))
        {
            long lo = Math.Max(hole.Lo, from);
            long hi = Math.Min(hole.Hi, sackedTop);         // (1.b) below the highest SACKed byte
            if (lo >= hi) continue;
            if (hole.Lost) return Segment(lo, hi, NextSegRule.Lost);   // (1.c), the lowest such byte
            firstUnsacked ??= (lo, hi);
        }

        if (sendableNewBytes > 0)                                       // (2)
            return new NextSegment(highDataEnd, (int)Math.Min(SenderMss, sendableNewBytes), NextSegRule.NewData);

        if (firstUnsacked is { } s3) return Segment(s3.Lo, s3.Hi, NextSegRule.Unsacked);   // (3)

        if (rescueRxtEnd is null || SndUna > rescueRxtEnd.Value)      // (4)
        {
            (long Lo, long Hi)? highest = null;
            foreach (var hole in Holes(windowEnd)) highest = (hole.Lo, hole.Hi);
            if (highest is { } h) return Segment(Math.Max(h.Lo, h.Hi - SenderMss), h.Hi, NextSegRule.Rescue);
        }
        return null;                                                    // (5)
    }

    private NextSegment Segment(long lo, long hi, NextSegRule rule) =>
        new(SndUna + lo, (int)Math.Min(SenderMss, hi - lo), rule);

    /// <summary>RFC 6675 §4 IsLost(), given what lies above the byte: DupThresh ranges, or more than (DupThresh − 1) × SMSS bytes.</summary>
    private bool LostByCounts(int rangesAbove, long bytesAbove) =>
        rangesAbove >= DupThresh || bytesAbove > (DupThresh - 1L) * SenderMss;

    /// <summary>Signed distance from SND.UNA: the ranges and the positions the sender passes are within 2³¹ of it.</summary>
    private int Offset(SequenceNumber seq) => seq - SndUna;

    private void AdvanceTo(SequenceNumber ack)
    {
        SndUna = ack;
        int keep = 0;
        SackedBytes = 0;
        for (int i = 0; i < _sacked.Count; i++)
        {
            var r = _sacked[i];
            if (r.Right <= ack) continue;                                // wholly acknowledged
            if (r.Left < ack) r = r with { Left = ack };                 // partly
            _sacked[keep++] = r;
            SackedBytes += r.Right - r.Left;
        }
        _sacked.RemoveRange(keep, _sacked.Count - keep);
    }

    /// <summary>Add [lo, hi) (offsets from SND.UNA), merging every range it overlaps or touches.</summary>
    private void Insert(long lo, long hi)
    {
        int first = 0;
        while (first < _sacked.Count && Offset(_sacked[first].Right) < lo) first++;
        int last = first;
        while (last < _sacked.Count && Offset(_sacked[last].Left) <= hi)
        {
            lo = Math.Min(lo, Offset(_sacked[last].Left));
            hi = Math.Max(hi, Offset(_sacked[last].Right));
            SackedBytes -= _sacked[last].Right - _sacked[last].Left;
            last++;
        }
        _sacked.RemoveRange(first, last - first);
        _sacked.Insert(first, new SackBlock(SndUna + lo, SndUna + hi));
        SackedBytes += hi - lo;
    }

    /// <summary>
    /// The unSACKed stretches of [SND.UNA, end), lowest first, each with IsLost() for its bytes: the same
    /// for every byte of a hole, as the same ranges lie above all of them. A struct enumerator, so that
    /// Pipe() and NextSeg(), called on every ACK during recovery, allocate nothing.
    /// </summary>
    private HoleEnumerator Holes(long end) => new(this, end);

    private struct HoleEnumerator(SackScoreboard board, long end)
    {
        private int _next;                              // the range above the next hole
        private long _lo;                               // where the next hole starts
        private long _bytesAbove = board.SackedBytes;   // SACKed bytes in ranges _next..n−1
        private bool _done;

        public (long Lo, long Hi, bool Lost) Current { get; private set; }

        public readonly HoleEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            var ranges = board._sacked;
            int n = ranges.Count;
            while (!_done)
            {
                // Hole i lies below range i, so above it are ranges i..n−1.
                int i = _next++;
                long hi = Math.Min(i < n ? board.Offset(ranges[i].Left) : end, end);
                long lo = _lo;
                bool lost = board.LostByCounts(n - i, _bytesAbove);
                if (i == n || hi >= end) _done = true;
                else
                {
                    _lo = board.Offset(ranges[i].Right);
                    _bytesAbove -= ranges[i].Right - ranges[i].Left;
                }
                if (lo < hi)
                {
                    Current = (lo, hi, lost);
                    return true;
                }
            }
            return false;
        }
    }
}
