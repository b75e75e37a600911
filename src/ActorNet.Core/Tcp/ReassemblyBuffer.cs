using ActorNet.Core.Packets;

namespace ActorNet.Core.Tcp;

/// <summary>
/// Out-of-order data held beyond RCV.NXT until the gap before it fills (RFC 9293 §3.10.7.4,
/// "seventh, process the segment text"; RFC 9293 §3.8.6.2.2 lets the receiver keep it). Pieces are
/// sorted, never overlap and never lie before RCV.NXT: a new segment is cut to the parts not held
/// yet, so duplicates and overlaps are stored once. Pieces are slices of the segments' memory.
/// Sequence order is valid because every piece lies within the receive window (&lt; 2³¹).
/// </summary>
public sealed class ReassemblyBuffer
{
    private readonly List<Piece> _pieces = [];

    private readonly record struct Piece(SequenceNumber Start, ReadOnlyMemory<byte> Data)
    {
        public SequenceNumber End => Start + Data.Length;
    }

    /// <summary>Bytes held.</summary>
    public int Bytes { get; private set; }
    public bool IsEmpty => _pieces.Count == 0;
    /// <summary>Separate pieces held (a contiguous range may be several pieces).</summary>
    public int PieceCount => _pieces.Count;

    /// <summary>
    /// Keeps the bytes of [seq, seq + data.Length) that are at or after <paramref name="rcvNxt"/> and
    /// not held yet; returns how many bytes were new (0: a complete duplicate).
    /// </summary>
    public int Insert(SequenceNumber rcvNxt, SequenceNumber seq, ReadOnlyMemory<byte> data)
    {
        if (seq < rcvNxt)
        {
            int skip = rcvNxt - seq;
            if (skip >= data.Length) return 0;
            data = data[skip..];
            seq = rcvNxt;
        }
        if (data.IsEmpty) return 0;
        var end = seq + data.Length;

        // Arrivals are mostly at the tail: search backwards for the first piece ending after seq.
        int i = _pieces.Count;
        while (i > 0 && _pieces[i - 1].End > seq) i--;

        int added = 0;
        var cursor = seq;
        while (cursor < end)
        {
            if (i < _pieces.Count && _pieces[i].Start < end)
            {
                var held = _pieces[i];
                if (held.Start > cursor)
                {
                    _pieces.Insert(i, new Piece(cursor, data.Slice(cursor - seq, held.Start - cursor)));
                    added += held.Start - cursor;
                    i++;
                }
                cursor = SequenceNumber.Max(cursor, held.End);
                i++;
            }
            else
            {
                _pieces.Insert(i, new Piece(cursor, data.Slice(cursor - seq, end - cursor)));
                added += end - cursor;
                break;
            }
        }
        Bytes += added;
        return added;
    }

    /// <summary>
    /// Removes and returns the piece that starts at <paramref name="rcvNxt"/> (empty if the gap is
    /// still open). Call repeatedly, advancing RCV.NXT by each result, to drain what became in order.
    /// </summary>
    public ReadOnlyMemory<byte> TakeAt(SequenceNumber rcvNxt)
    {
        while (_pieces.Count > 0 && _pieces[0].Start <= rcvNxt)
        {
            var p = _pieces[0];
            _pieces.RemoveAt(0);
            Bytes -= p.Data.Length;
            if (p.End > rcvNxt) return p.Data[(rcvNxt - p.Start)..];
        }
        return ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>The highest sequence number held + 1, or null when empty.</summary>
    public SequenceNumber? End => _pieces.Count == 0 ? null : _pieces[^1].End;

    /// <summary>
    /// RFC 2018 §4: up to <paramref name="max"/> SACK blocks (contiguous held ranges). The first is the
    /// range holding <paramref name="latest"/> (the segment that triggered this ACK); the rest follow
    /// from the highest down, an approximation of "most recently reported first" that needs no history.
    /// </summary>
    public void FillSackBlocks(List<SackBlock> into, SequenceNumber latest, int max)
    {
        into.Clear();
        if (_pieces.Count == 0 || max <= 0) return;
        SackBlock? first = null;
        var ranges = new List<SackBlock>();
        var start = _pieces[0].Start;
        var end = _pieces[0].End;
        for (int i = 1; i <= _pieces.Count; i++)
        {
            if (i < _pieces.Count && _pieces[i].Start == end) { end = _pieces[i].End; continue; }
            var block = new SackBlock(start, end);
            if (latest.InRange(start, end)) first = block; else ranges.Add(block);
            if (i < _pieces.Count) (start, end) = (_pieces[i].Start, _pieces[i].End);
        }
        if (first is { } f) into.Add(f);
        for (int i = ranges.Count - 1; i >= 0 && into.Count < max; i--) into.Add(ranges[i]);
    }
}
