namespace ActorNet.Core.Tcp;

/// <summary>
/// The bounded send buffer (RFC 9293 §3.8.6.2): bytes the application handed over, from the first
/// unacknowledged one to the last queued one, addressed by stream offset (byte k of the stream
/// has sequence number ISS + 1 + k; offsets are 64-bit so they never wrap).
///
/// Bytes live in append-only chunks that are never written again once filled and never reused:
/// a segment is a slice of a chunk, not a copy (TcpSegment.Data must not change while the packet
/// is anywhere in the network, even after it is acknowledged). Only a segment that straddles two
/// chunks is copied, about once per 44 full segments with 64 KiB chunks.
/// </summary>
public sealed class SendBuffer
{
    // Below the 85,000-byte large-object threshold, so chunks are ordinary gen-0 garbage.
    internal const int ChunkBytes = 64 * 1024;

    private byte[][] _chunks = new byte[4][];
    private int _head;        // index of the chunk holding Start
    private int _count;       // chunks in use
    private long _chunk0Offset; // stream offset of _chunks[_head][0]

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
            int inChunk = (int)((End - _chunk0Offset) % ChunkBytes);
            if (inChunk == 0 && (End - _chunk0Offset) / ChunkBytes == _count) AddChunk();
            var chunk = _chunks[(_head + _count - 1) % _chunks.Length];
            int n = Math.Min(accepted - done, ChunkBytes - inChunk);
            data.Slice(done, n).CopyTo(chunk.AsSpan(inChunk));
            done += n;
            End += n;
        }
        return accepted;
    }

    /// <summary>The bytes [offset, offset + length): a slice of a chunk, or a fresh copy across a chunk boundary.</summary>
    public ReadOnlyMemory<byte> Slice(long offset, int length)
    {
        if (offset < Start || length < 0 || offset + length > End)
            throw new ArgumentOutOfRangeException(nameof(offset), $"[{offset}, +{length}) is outside the buffer [{Start}, {End})");
        if (length == 0) return ReadOnlyMemory<byte>.Empty;
        long rel = offset - _chunk0Offset;
        int first = (int)(rel / ChunkBytes), at = (int)(rel % ChunkBytes);
        if (at + length <= ChunkBytes) return new ReadOnlyMemory<byte>(ChunkAt(first), at, length);
        var copy = new byte[length];
        int done = 0;
        while (done < length)
        {
            int n = Math.Min(length - done, ChunkBytes - at);
            ChunkAt(first).AsSpan(at, n).CopyTo(copy.AsSpan(done));
            done += n;
            first++;
            at = 0;
        }
        return copy;
    }

    /// <summary>Forget the bytes before <paramref name="offset"/> (they were acknowledged).</summary>
    public void ReleaseTo(long offset)
    {
        if (offset <= Start) return;
        if (offset > End) throw new ArgumentOutOfRangeException(nameof(offset), $"{offset} is past the end {End}");
        Start = offset;
        while (_count > 0 && Start - _chunk0Offset >= ChunkBytes)
        {
            _chunks[_head] = null!; // dropped, never reused: segments in the network may still point into it
            _head = (_head + 1) % _chunks.Length;
            _count--;
            _chunk0Offset += ChunkBytes;
        }
    }

    private byte[] ChunkAt(int i) => _chunks[(_head + i) % _chunks.Length];

    private void AddChunk()
    {
        if (_count == _chunks.Length)
        {
            var bigger = new byte[_chunks.Length * 2][];
            for (int i = 0; i < _count; i++) bigger[i] = ChunkAt(i);
            _chunks = bigger;
            _head = 0;
        }
        _chunks[(_head + _count) % _chunks.Length] = new byte[ChunkBytes];
        _count++;
    }
}
