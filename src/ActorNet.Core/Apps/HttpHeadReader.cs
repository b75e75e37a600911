using System.Text;

namespace ActorNet.Core.Apps;

/// <summary>
/// Collects an HTTP/1.1 message head, the start line and header fields up to the empty line (RFC 9112 §2.1),
/// from the pieces TCP hands over: the head may be split anywhere, even inside the CRLF CRLF that ends it, and
/// the piece that ends it may carry the first body bytes.
/// </summary>
public sealed class HttpHeadReader(int maxHeadBytes = 8192)
{
    private readonly List<byte> _bytes = [];

    /// <summary>The head without its final CRLF CRLF, once complete; null until then.</summary>
    public string? Head { get; private set; }
    public bool IsComplete => Head is not null;

    /// <summary>
    /// Takes the next piece; returns how many of its bytes belong to the head (the rest is body). After the head is
    /// complete it takes nothing (returns 0).
    /// </summary>
    /// <exception cref="FormatException">The head is longer than the limit (no end found): not this protocol.</exception>
    public int Feed(ReadOnlySpan<byte> piece)
    {
        if (IsComplete) return 0;
        for (int i = 0; i < piece.Length; i++)
        {
            _bytes.Add(piece[i]);
            int n = _bytes.Count;
            if (n >= 4 && _bytes[n - 4] == '\r' && _bytes[n - 3] == '\n' && _bytes[n - 2] == '\r' && _bytes[n - 1] == '\n')
            {
                // RFC 9112 §2.2: the head is US-ASCII (a superset of it is allowed; these apps send ASCII).
                Head = Encoding.ASCII.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_bytes)[..(n - 4)]);
                _bytes.Clear();
                return i + 1;
            }
            if (n >= maxHeadBytes) throw new FormatException($"no end of an HTTP head within {maxHeadBytes} bytes");
        }
        return piece.Length;
    }

    /// <summary>
    /// The value of header field <paramref name="name"/> (case-insensitive, RFC 9110 §5.1) in a head's lines (the start
    /// line first), without surrounding whitespace (RFC 9112 §5); null when absent.
    /// </summary>
    /// <exception cref="FormatException">The field appears twice with different values, or a line is not "name: value".</exception>
    public static string? Field(IReadOnlyList<string> lines, string name)
    {
        string? value = null;
        for (int i = 1; i < lines.Count; i++)
        {
            int colon = lines[i].IndexOf(':');
            // RFC 9112 §5.1: no whitespace between the field name and the colon.
            if (colon <= 0 || char.IsWhiteSpace(lines[i][colon - 1])) throw new FormatException($"not a header field: '{lines[i]}'");
            if (!lines[i].AsSpan(0, colon).Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            string v = lines[i][(colon + 1)..].Trim(' ', '\t');
            if (value is not null && value != v) throw new FormatException($"two {name} fields: '{value}' and '{v}'");
            value = v;
        }
        return value;
    }
}
