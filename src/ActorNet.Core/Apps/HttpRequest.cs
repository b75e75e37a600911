using System.Globalization;
using System.Text;

namespace ActorNet.Core.Apps;

/// <summary>
/// The request line of the HTTP-like apps: "GET /&lt;bytes&gt; HTTP/1.0\r\n\r\n" (RFC 1945 §5.1 shape),
/// where the path is the size of the response asked for.
/// </summary>
public static class HttpRequest
{
    public static byte[] For(long responseBytes) =>
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"GET /{responseBytes} HTTP/1.0\r\n\r\n"));

    /// <summary>The size asked for once the request is complete (its blank line arrived); null while incomplete.</summary>
    /// <exception cref="FormatException">The bytes are not such a request.</exception>
    public static long? TryParse(ReadOnlySpan<byte> received)
    {
        var text = Encoding.ASCII.GetString(received);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return null;
        var parts = text[..end].Split(' ');
        if (parts.Length != 3 || parts[0] != "GET" || !parts[1].StartsWith('/') || parts[2] != "HTTP/1.0"
            || !long.TryParse(parts[1].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
            throw new FormatException($"not a GET /<bytes> HTTP/1.0 request: '{text[..end]}'");
        return n;
    }
}
