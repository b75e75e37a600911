using ActorNet.Core.Sockets;

namespace ActorNet.Core.Apps;

/// <summary>
/// The sending half of a pattern-bytes app on one connection (tcp-bulk, http-server): one send
/// request out at a time, chunks of the immutable pattern handed over without copies, and what the
/// send buffer did not take offered again when the socket says writable.
/// <para>
/// An optional <paramref name="prefix"/> goes before the pattern (http-server's response head): it
/// is offered together with the first pattern bytes in one request, so that TCP can put them in one
/// segment (a head sent alone would be a small segment of its own; servers write head and body
/// together for the same reason). The pattern's stream offset 0 follows the prefix.
/// </para>
/// </summary>
public sealed class PatternSender(byte[] pattern, ReadOnlyMemory<byte> prefix = default)
{
    /// <summary>Bytes the send buffer has taken so far (the prefix's included).</summary>
    public long Given { get; private set; }
    public bool RequestOut { get; private set; }

    /// <summary>Pattern bytes the send buffer has taken so far.</summary>
    public long PatternGiven => Math.Max(0, Given - prefix.Length);

    /// <summary>Offers the next chunk of at most <paramref name="left"/> bytes (prefix included), unless a request is out or nothing is left.</summary>
    public void Offer(IAppContext ctx, int socket, long left)
    {
        if (RequestOut || left <= 0) return;
        RequestOut = true;
        int chunk = (int)Math.Min(TcpBulkSenderApp.ChunkBytes, left);
        if (Given < prefix.Length)
        {
            // The rest of the prefix and the pattern's first bytes, copied once into a buffer nobody changes.
            var rest = prefix[(int)Given..];
            int fromPrefix = Math.Min(rest.Length, chunk);
            var first = new byte[chunk];
            rest[..fromPrefix].CopyTo(first);
            if (chunk > fromPrefix) PatternBytes.Contiguous(pattern, 0, chunk - fromPrefix).CopyTo(first.AsMemory(fromPrefix));
            ctx.SendTcp(socket, first, immutable: true);
            return;
        }
        ctx.SendTcp(socket, PatternBytes.Contiguous(pattern, Given - prefix.Length, chunk), immutable: true);
    }

    /// <summary>The answer to the request: returns the bytes taken (as slices, for a hash) and whether all were (offer more now; else wait for writable).</summary>
    public bool Accepted(TcpSendAccepted a, Action<ReadOnlyMemory<byte>>? taken = null)
    {
        RequestOut = false;
        if (taken is not null)
        {
            long start = Given, end = Given + a.Bytes;
            if (start < prefix.Length) taken(prefix[(int)start..(int)Math.Min(end, prefix.Length)]);
            long from = Math.Max(start, prefix.Length);
            foreach (var part in PatternBytes.Slice(pattern, from - prefix.Length, end - from)) taken(part);
        }
        Given += a.Bytes;
        return a.Bytes == a.Offered;
    }
}
