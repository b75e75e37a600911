using ActorNet.Core.Sockets;

namespace ActorNet.Core.Apps;

/// <summary>
/// The sending half of a pattern-bytes app on one connection (tcp-bulk, http-server): one send
/// request out at a time, chunks of the immutable pattern handed over without copies, and what the
/// send buffer did not take offered again when the socket says writable.
/// </summary>
public sealed class PatternSender(byte[] pattern)
{
    /// <summary>Bytes the send buffer has taken so far.</summary>
    public long Given { get; private set; }
    public bool RequestOut { get; private set; }

    /// <summary>Offers the next chunk of at most <paramref name="left"/> bytes, unless a request is out or nothing is left.</summary>
    public void Offer(IAppContext ctx, int socket, long left)
    {
        if (RequestOut || left <= 0) return;
        RequestOut = true;
        ctx.SendTcp(socket, PatternBytes.Contiguous(pattern, Given, (int)Math.Min(TcpBulkSenderApp.ChunkBytes, left)), immutable: true);
    }

    /// <summary>The answer to the request: returns the bytes taken (as pattern slices, for a hash) and whether all were (offer more now; else wait for writable).</summary>
    public bool Accepted(TcpSendAccepted a, Action<ReadOnlyMemory<byte>>? taken = null)
    {
        RequestOut = false;
        if (taken is not null)
            foreach (var part in PatternBytes.Slice(pattern, Given, a.Bytes)) taken(part);
        Given += a.Bytes;
        return a.Bytes == a.Offered;
    }
}
