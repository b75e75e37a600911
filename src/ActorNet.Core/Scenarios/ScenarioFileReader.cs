using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace ActorNet.Core.Scenarios;

/// <summary>
/// Reads a scenario file's text, or says why it cannot be a scenario file, before any of it is
/// parsed: missing, a directory, larger than <see cref="ScenarioLoader.MaxFileBytes"/>, or not text
/// (a NUL byte, or not UTF-8, the encoding HOCON files have). A binary file is refused here, so
/// its bytes never reach a message.
/// </summary>
internal static class ScenarioFileReader
{
    private const string SizeFix = "scenario files are a few kilobytes: describe large networks with generate { } (docs/SCENARIOS.md, Limits)";
    private const string NotTextFix = "give a scenario file: HOCON text in UTF-8, e.g. config/ping.conf";

    public static bool TryRead(string path, out string text, out ScenarioError? error)
    {
        text = "";
        error = null;
        // Opening a directory fails with "access denied", which sends the user the wrong way.
        if (Directory.Exists(path))
        {
            error = new ScenarioError(path, 0, 0, "is a directory, not a scenario file",
                "give the path of a scenario file, e.g. config/ping.conf");
            return false;
        }
        byte[] bytes;
        int length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            // The length, where there is one, refuses a large file without reading it; a device or
            // pipe has none, so reading also stops one byte past the limit.
            if (stream.CanSeek && stream.Length > ScenarioLoader.MaxFileBytes)
            {
                error = TooLarge(path, stream.Length);
                return false;
            }
            var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int n;
            while ((n = stream.Read(chunk)) > 0)
            {
                if (buffer.Length + n > ScenarioLoader.MaxFileBytes)
                {
                    error = TooLarge(path, size: null);
                    return false;
                }
                buffer.Write(chunk, 0, n);
            }
            (bytes, length) = (buffer.GetBuffer(), (int)buffer.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
                                      or System.Security.SecurityException)
        {
            string problem = e is FileNotFoundException or DirectoryNotFoundException
                ? "scenario file not found"
                : $"cannot read the scenario file: {e.Message}";
            error = new ScenarioError(path, 0, 0, problem, "check the path; scenario files usually live in config/<name>.conf");
            return false;
        }
        return TryDecode(path, bytes.AsSpan(0, length), out text, out error);
    }

    /// <summary>UTF-8 text without NUL, a leading byte order mark dropped (as File.ReadAllText drops it).</summary>
    private static bool TryDecode(string path, ReadOnlySpan<byte> bytes, out string text, out ScenarioError? error)
    {
        text = "";
        error = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            error = new ScenarioError(path, 1, 1, "not a text file in UTF-8: it starts with a UTF-16 byte order mark",
                "save it as UTF-8 (HOCON files are UTF-8)");
            return false;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            error = AtByte(path, bytes, nul, $"not a text file: it holds a NUL byte (offset {nul})", NotTextFix);
            return false;
        }
        char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out int read, out int written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                string bad = bytes[read].ToString("X2", CultureInfo.InvariantCulture);
                error = AtByte(path, bytes, read, $"not a text file: invalid UTF-8 (byte 0x{bad} at offset {read})",
                    "save the file as UTF-8 (HOCON files are UTF-8), or give a scenario file such as config/ping.conf");
                return false;
            }
            text = new string(chars, 0, written);
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>A problem at byte <paramref name="offset"/>, with the line and column the parser would give it.</summary>
    private static ScenarioError AtByte(string path, ReadOnlySpan<byte> bytes, int offset, string problem, string fix)
    {
        var before = bytes[..offset];
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        int line = 1 + before.Count((byte)'\n');
        // Columns count UTF-16 characters: one per UTF-8 lead byte, two for a 4-byte sequence.
        int column = 1;
        foreach (byte b in before[lineStart..])
            if ((b & 0xC0) != 0x80) column += b >= 0xF0 ? 2 : 1;
        return new ScenarioError(path, line, column, problem, fix);
    }

    /// <summary>
    /// The checks for text given directly (LoadFromText): the size limit, counted in UTF-8 bytes as
    /// a file's would be, and no NUL character.
    /// </summary>
    public static ScenarioError? CheckText(string text, string fileName)
    {
        // Every character is at least one byte: short texts need no count.
        if (text.Length * 3L > ScenarioLoader.MaxFileBytes)
        {
            long bytes = System.Text.Encoding.UTF8.GetByteCount(text);
            if (bytes > ScenarioLoader.MaxFileBytes) return TooLarge(fileName, bytes);
        }
        int nul = text.IndexOf('\0');
        if (nul < 0) return null;
        int lineStart = text.AsSpan(0, nul).LastIndexOf('\n') + 1;
        int line = 1 + text.AsSpan(0, nul).Count('\n');
        return new ScenarioError(fileName, line, nul - lineStart + 1, "not text: it holds a NUL character", NotTextFix);
    }

    private static ScenarioError TooLarge(string path, long? size)
    {
        string limit = $"the limit is 16 MiB ({ScenarioLoader.MaxFileBytes} bytes)";
        string problem = size is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"the scenario file is {s} bytes ({s / 1048576.0:0.#} MiB); {limit}")
            : $"the scenario file is larger than 16 MiB; {limit}";
        return new ScenarioError(path, 0, 0, problem, SizeFix);
    }
}
