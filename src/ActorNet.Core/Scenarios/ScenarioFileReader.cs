using System.Globalization;

namespace ActorNet.Core.Scenarios;

/// <summary>
/// Reads a scenario file's text, or says why it cannot be a scenario file, before any of it is
/// parsed: a missing file, and one larger than <see cref="ScenarioLoader.MaxFileBytes"/>.
/// </summary>
internal static class ScenarioFileReader
{
    private const string SizeFix = "scenario files are a few kilobytes: describe large networks with generate { } (docs/SCENARIOS.md, Limits)";

    public static bool TryRead(string path, out string text, out ScenarioError? error)
    {
        text = "";
        error = null;
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
            var bytes = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                if (bytes.Length + n > ScenarioLoader.MaxFileBytes)
                {
                    error = TooLarge(path, size: null);
                    return false;
                }
                bytes.Write(buffer, 0, n);
            }
            text = System.Text.Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
            if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];   // a UTF-8 byte order mark, as File.ReadAllText drops it
            return true;
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
    }

    /// <summary>The same limit for text given directly (LoadFromText), counted in UTF-8 bytes as a file's would be.</summary>
    public static ScenarioError? CheckSize(string text, string fileName)
    {
        // Every character is at least one byte: short texts need no count.
        if (text.Length * 3L <= ScenarioLoader.MaxFileBytes) return null;
        long bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        return bytes > ScenarioLoader.MaxFileBytes ? TooLarge(fileName, bytes) : null;
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
