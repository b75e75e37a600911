namespace ActorNet.Core.Tcp;

/// <summary>
/// The bounded send buffer (RFC 9293 §3.8.6.2): bytes the application handed over, from the first
/// unacknowledged one to the last queued one, addressed by stream offset (byte k of the stream
/// has sequence number ISS + 1 + k; offsets are 64-bit so they never wrap).
///
/// The bytes are a queue of immutable pieces, and a segment is a slice of a piece, not a copy
/// (TcpSegment.Data must not change while the packet is anywhere in the network, even after it is
/// acknowledged: the receiver's buffer holds the same memory until its application reads). Pieces
/// are either regions of 64 KiB chunks this buffer copies <see cref="Append"/>ed bytes into (never
/// written again once filled, never reused), or memory the application promised never to change
/// (<see cref="AppendImmutable"/>: no copy at all). Only a segment that straddles two pieces is copied.
/// </summary>
public sealed class SendBuffer
{
    // Below the 85,000-byte large-object threshold, so chunks are ordinary gen-0 garbage.
    internal const int ChunkBytes = 64 * 1024;

    private readonly record struct Piece(long Start, ReadOnlyMemory<byte> Data)
    {
        public long End => Start + Data.Length;
    }

    private Piece[] _pieces = new Piece[8];
    private int _head, _count;
    private int _cursor;            // index (from head) of the piece the last slice came from
    private byte[]? _chunk;         // the chunk Append copies into
    private int _chunkUsed;
    private bool _lastPieceIsChunkTail; // the last piece ends at _chunk[_chunkUsed]: Append extends it

    public SendBuffer(int capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBytes, 1);
        Capacity = capacityBytes;
    }

    public int Capacity { get; }
    /// <summary>Stream offset of the first byte still held (the first unacknowledged one).</summary>
    public long Start { get; private set; }
    /// <summary>Stream offset one past the last queued byte.</summary>
    public long End { get; private set; }
    public int Count => (int)(End - Start);
    public int Free => Capacity - Count;

    /// <summary>Copies as much of <paramref name="data"/> as fits; returns the bytes accepted.</summary>
    public int Append(ReadOnlySpan<byte> data)
    {
        int accepted = Math.Min(data.Length, Free);
        int done = 0;
        while (done < accepted)
        {
            if (_chunk is null || _chunkUsed == ChunkBytes)
            {
                _chunk = new byte[ChunkBytes];
                _chunkUsed = 0;
                _lastPieceIsChunkTail = false;
            }
            int n = Math.Min(accepted - done, ChunkBytes - _chunkUsed);
            data.Slice(done, n).CopyTo(_chunk.AsSpan(_chunkUsed));
            if (_lastPieceIsChunkTail)
            {
                ref var last = ref _pieces[(_head + _count - 1) % _pieces.Length];
                last = last with { Data = _chunk.AsMemory(_chunkUsed - last.Data.Length, last.Data.Length + n) };
            }
            else AddPiece(new Piece(End, _chunk.AsMemory(_chunkUsed, n)));
            _lastPieceIsChunkTail = true;
            _chunkUsed += n;
            done += n;
            End += n;
        }
        return accepted;
    }

    /// <summary>
    /// Queues as much of <paramref name="data"/> as fits without copying; the caller promises never to
    /// change that memory (a bulk sender's constant pattern, say). Returns the bytes accepted.
    /// </summary>
    public int AppendImmutable(ReadOnlyMemory<byte> data)
    {
        int accepted = Math.Min(data.Length, Free);
        if (accepted == 0) return 0;
        AddPiece(new Piece(End, data[..accepted]));
        _lastPieceIsChunkTail = false;
        End += accepted;
        return accepted;
    }

    /// <summary>The bytes [offset, offset + length): a slice of a piece, or a fresh copy across pieces.</summary>
    public ReadOnlyMemory<byte> Slice(long offset, int length)
    {
        if (offset < Start || length < 0 || offset + length > End)
            throw new ArgumentOutOfRangeException(nameof(offset), $"[{offset}, +{length}) is outside the buffer [{Start}, {End})");
        if (length == 0) return ReadOnlyMemory<byte>.Empty;
        int i = Find(offset);
        var p = PieceAt(i);
        if (offset + length <= p.End) return p.Data.Slice((int)(offset - p.Start), length);
        var copy = new byte[length];
        int done = 0;
        while (done < length)
        {
            p = PieceAt(i++);
            int from = (int)(offset + done - p.Start);
            int n = Math.Min(length - done, p.Data.Length - from);
            p.Data.Span.Slice(from, n).CopyTo(copy.AsSpan(done));
            done += n;
        }
        return copy;
    }

    /// <summary>Forget the bytes before <paramref name="offset"/> (they were acknowledged).</summary>
    public void ReleaseTo(long offset)
    {
        if (offset <= Start) return;
        if (offset > End) throw new ArgumentOutOfRangeException(nameof(offset), $"{offset} is past the end {End}");
        Start = offset;
        while (_count > 0 && _pieces[_head].End <= Start)
        {
            _pieces[_head] = default;
            _head = (_head + 1) % _pieces.Length;
            _count--;
            _cursor = Math.Max(0, _cursor - 1);
            if (_count == 0) _lastPieceIsChunkTail = false;
        }
    }

    private Piece PieceAt(int i) => _pieces[(_head + i) % _pieces.Length];

    /// <summary>The piece holding <paramref name="offset"/>: slices go forward, so start from the last one found.</summary>
    private int Find(long offset)
    {
        int i = Math.Min(_cursor, _count - 1);
        while (PieceAt(i).Start > offset) i--;
        while (PieceAt(i).End <= offset) i++;
        _cursor = i;
        return i;
    }

    private void AddPiece(Piece p)
    {
        if (_count == _pieces.Length)
        {
            var bigger = new Piece[_pieces.Length * 2];
            for (int i = 0; i < _count; i++) bigger[i] = PieceAt(i);
            _pieces = bigger;
            _head = 0;
        }
        _pieces[(_head + _count) % _pieces.Length] = p;
        _count++;
    }
}
