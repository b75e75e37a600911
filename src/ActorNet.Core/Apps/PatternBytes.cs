using ActorNet.Core.Randomness;

namespace ActorNet.Core.Apps;

/// <summary>
/// The bytes a bulk sender sends: stream offset o carries pattern[o mod L], with L a prime
/// (1,048,573) and the pattern drawn from the app's seeded stream, so a misplaced byte almost surely
/// changes the receiver's SHA-256 (a period of 256 or 2²⁰ would hide some shifts).
/// </summary>
public static class PatternBytes
{
    public const int Length = 1_048_573;

    public static byte[] For(RandomStream random)
    {
        var pattern = new byte[Length + TcpBulkSenderApp.ChunkBytes];   // the tail repeats the head: any chunk is one slice
        for (int i = 0; i < Length; i += 8)
        {
            ulong r = random.NextUInt64();
            for (int k = 0; k < 8 && i + k < Length; k++) pattern[i + k] = (byte)(r >> (8 * k));
        }
        Array.Copy(pattern, 0, pattern, Length, TcpBulkSenderApp.ChunkBytes);
        return pattern;
    }

    /// <summary>Stream bytes [offset, offset + count) as one slice (count ≤ the chunk size).</summary>
    public static ReadOnlyMemory<byte> Contiguous(byte[] pattern, long offset, int count)
    {
        if (count > TcpBulkSenderApp.ChunkBytes) throw new ArgumentOutOfRangeException(nameof(count));
        return pattern.AsMemory((int)(offset % Length), count);
    }

    /// <summary>Stream bytes [offset, offset + count) (any count), as slices.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Slice(byte[] pattern, long offset, long count)
    {
        while (count > 0)
        {
            int n = (int)Math.Min(count, TcpBulkSenderApp.ChunkBytes);
            yield return Contiguous(pattern, offset, n);
            offset += n;
            count -= n;
        }
    }
}
