using System.Globalization;
using System.Text;
using ActorNet.Core.Addressing;

namespace ActorNet.Core.Apps;

/// <summary>
/// The request of the HTTP apps, real HTTP/1.1 (RFC 9112): <c>GET /&lt;bytes&gt; HTTP/1.1</c>, where the path is
/// the size of the response asked for, a Host header (RFC 9112 §3.2: every HTTP/1.1 request MUST have one), and
/// <c>Connection: close</c> (RFC 9112 §9.6: one request per connection, as the client and server do).
/// </summary>
public static class HttpRequest
{
    /// <summary>The request bytes. Host is the server's address (an IPv6 one in brackets, RFC 3986 §3.2.2), with the port unless it is 80.</summary>
    public static byte[] For(long responseBytes, IpAddress server, ushort port)
    {
        if (responseBytes < 0) throw new ArgumentOutOfRangeException(nameof(responseBytes), responseBytes, "a response size is not negative");
        string host = server.IsV4 ? server.ToString() : $"[{server}]";
        if (port != 80) host += string.Create(CultureInfo.InvariantCulture, $":{port}");
        return Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"GET /{responseBytes} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
    }

    /// <summary>
    /// The size asked for by a complete request head (<see cref="HttpHeadReader.Head"/>): request line
    /// <c>GET /&lt;digits&gt; HTTP/1.1</c> (RFC 9112 §3) and a Host field among the header fields.
    /// </summary>
    /// <exception cref="FormatException">The head is not such a request.</exception>
    public static long Parse(string head)
    {
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts[0] != "GET" || !parts[1].StartsWith('/') || parts[2] != "HTTP/1.1"
            || !long.TryParse(parts[1].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
            throw new FormatException($"not a 'GET /<bytes> HTTP/1.1' request line: '{lines[0]}'");
        if (HttpHeadReader.Field(lines, "Host") is null)
            throw new FormatException("an HTTP/1.1 request without a Host header field (RFC 9112 §3.2)");
        return n;
    }
}
