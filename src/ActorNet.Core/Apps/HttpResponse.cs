using System.Globalization;
using System.Text;

namespace ActorNet.Core.Apps;

/// <summary>
/// The response head of the HTTP server (RFC 9112 §4, §6): status line <c>HTTP/1.1 200 OK</c>, Content-Type,
/// Content-Length (the body's size, which is how the client knows the response is complete, RFC 9112 §6.3 item 6),
/// <c>Connection: close</c> (the server closes after the body), and the blank line; the body follows.
/// </summary>
public static class HttpResponse
{
    public static byte[] Head(long contentLength)
    {
        if (contentLength < 0) throw new ArgumentOutOfRangeException(nameof(contentLength), contentLength, "a body size is not negative");
        return Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {contentLength}\r\nConnection: close\r\n\r\n"));
    }

    /// <summary>
    /// The status code and Content-Length of a complete response head (<see cref="HttpHeadReader.Head"/>).
    /// The status line is <c>HTTP/1.1 SP 3DIGIT SP reason</c> (RFC 9112 §4); Content-Length must be there, once,
    /// as digits (RFC 9110 §8.6): the apps use no chunked coding, and a body ended only by the close could not be
    /// told from a truncated one.
    /// </summary>
    /// <exception cref="FormatException">The head is not such a response.</exception>
    public static (int Status, long ContentLength) Parse(string head)
    {
        var lines = head.Split("\r\n");
        string status = lines[0];
        if (status.Length < 12 || !status.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || (status.Length > 12 && status[12] != ' ')
            || !int.TryParse(status.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int code))
            throw new FormatException($"not an 'HTTP/1.1 <code> <reason>' status line: '{status}'");
        string? length = HttpHeadReader.Field(lines, "Content-Length")
            ?? throw new FormatException("a response without Content-Length");
        if (!long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out long contentLength))
            throw new FormatException($"Content-Length '{length}' is not a number of bytes");
        return (code, contentLength);
    }
}
