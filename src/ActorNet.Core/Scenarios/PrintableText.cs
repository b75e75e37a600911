using System.Globalization;
using System.Text;

namespace ActorNet.Core.Scenarios;

/// <summary>
/// Text from a scenario file made safe to print in a message. A file may hold anything, and
/// messages quote its keys and values: an ESC sequence would clear the screen or rewrite the
/// terminal's title, a U+202E would reverse what follows, a 100,000-character value would bury
/// the message. So control, format and line/paragraph separator characters and lone surrogates
/// become \uXXXX (\n, \r, \t as such), and a text longer than <see cref="MaxLength"/> is cut in
/// the middle, saying how much was left out.
/// </summary>
internal static class PrintableText
{
    public const int MaxLength = 1000;

    public static string Of(string text)
    {
        if (NeedsNothing(text)) return text;
        var sb = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // A pair is one character; escape it only if that character is a format one (tags, U+E0001…).
                int cp = char.ConvertToUtf32(c, text[i + 1]);
                if (IsUnprintable(CharUnicodeInfo.GetUnicodeCategory(cp))) sb.Append(CultureInfo.InvariantCulture, $"\\U{cp:x8}");
                else sb.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (c == '\t') sb.Append("\\t");
            else if (char.IsSurrogate(c) || IsUnprintable(CharUnicodeInfo.GetUnicodeCategory(c)))
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else sb.Append(c);
        }
        return Shorten(sb.ToString());
    }

    private static bool NeedsNothing(string text)
    {
        if (text.Length > MaxLength) return false;
        foreach (char c in text)
            if (c < ' ' || c >= '\u007f') return false;   // only plain printable ASCII skips the work
        return true;
    }

    private static bool IsUnprintable(UnicodeCategory category) => category is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;

    /// <summary>The first 600 and last 300 characters of a long text: the start says what, the end often says why.</summary>
    private static string Shorten(string text)
    {
        if (text.Length <= MaxLength) return text;
        int head = 600, tail = 300;
        // Never split a surrogate pair (escapes are ASCII, so nothing else can be split badly).
        if (char.IsHighSurrogate(text[head - 1])) head--;
        if (char.IsLowSurrogate(text[^tail])) tail--;
        int left = text.Length - head - tail;
        return string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, head)} … ({left} characters left out) … {text.AsSpan(text.Length - tail)}");
    }
}
