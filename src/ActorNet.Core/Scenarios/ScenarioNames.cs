using System.Globalization;
using System.Text;

namespace ActorNet.Core.Scenarios;

/// <summary>
/// What a name in a scenario may be (docs/SCENARIOS.md, "Names"). Names reach file paths: the
/// scenario name the default run folder runs/&lt;name&gt;-seed&lt;N&gt;-&lt;time&gt;, node names the pcap files
/// pcap/&lt;node&gt;-eth&lt;i&gt;.pcap. So a name holds only characters no file system reads as a path
/// ('/', '\', ':', "..", a leading '.') and no terminal reads as a command (control characters),
/// and is short enough that every file name made from it stays far under the usual 255-byte limit.
/// </summary>
internal static class ScenarioNames
{
    public const int MaxLength = 64;

    /// <summary>
    /// A traffic name prefixes the names of the apps it makes: "-sink-65534" and "-ping-19999" are
    /// the longest tails (udp-pairs has at most 65535 flows, ping-all at most 20,000 pings).
    /// </summary>
    public const int MaxTrafficNameLength = MaxLength - 11;

    public const string ScenarioRule = "letters, digits, '-', '_' and '.', not starting with '.', at most 64 characters";
    public const string EntityRule = "letters, digits, '-' and '_', at most 64 characters";

    /// <summary>Why <paramref name="name"/> cannot be the scenario's name, or null if it can.</summary>
    public static string? ScenarioNameProblem(string name) => Problem(name, allowDot: true, MaxLength);

    /// <summary>
    /// Why <paramref name="name"/> cannot name a node, link or app (or, with a shorter
    /// <paramref name="maxLength"/>, a traffic entry), or null. No '.': a node name is also a key
    /// under nodes, where HOCON reads a dot as a path, and a target, where 10.0.1.2 is an address.
    /// </summary>
    public static string? EntityNameProblem(string name, int maxLength = MaxLength) => Problem(name, allowDot: false, maxLength);

    private static string? Problem(string name, bool allowDot, int maxLength)
    {
        if (name.Length == 0) return "it is empty";
        if (name.Length > maxLength) return $"it is {name.Length} characters long; at most {maxLength}";
        foreach (char c in name)
        {
            if (IsAllowed(c, allowDot)) continue;
            string why = c is '/' or '\\' ? " (a name cannot be a path)" : "";
            return $"it contains '{Shown(c)}'{why}";
        }
        if (name[0] == '.') return "it starts with '.' (a hidden file, or '..' the folder above)";
        return null;
    }

    private static bool IsAllowed(char c, bool allowDot) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (allowDot && c == '.');

    /// <summary>
    /// The default scenario name: the file name without ".conf", with every character outside the
    /// rule (and a leading '.') turned into '_', cut to <see cref="MaxLength"/>.
    /// </summary>
    public static string FromFileName(string file)
    {
        string n = Path.GetFileName(file);
        if (n.EndsWith(".conf", StringComparison.Ordinal) && n.Length > 5) n = n[..^5];
        var sb = new StringBuilder(Math.Min(n.Length, MaxLength));
        foreach (char c in n)
        {
            if (sb.Length == MaxLength) break;
            sb.Append(IsAllowed(c, allowDot: sb.Length > 0) ? c : '_');
        }
        return sb.Length == 0 ? "scenario" : sb.ToString();
    }

    /// <summary>A name as messages show it: long ones cut, so a 100,000-character name is not printed whole.</summary>
    public static string Shown(string name) => name.Length <= 40 ? name : string.Concat(name.AsSpan(0, 32), "…");

    private static string Shown(char c) => char.IsControl(c) || char.IsSurrogate(c) || (char.IsWhiteSpace(c) && c != ' ')
        ? $"\\u{((int)c).ToString("x4", CultureInfo.InvariantCulture)}"
        : c.ToString();
}
