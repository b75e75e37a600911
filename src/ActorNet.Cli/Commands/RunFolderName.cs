using System.Globalization;

namespace ActorNet.Cli.Commands;

/// <summary>The run folder when --out is not given.</summary>
internal static class RunFolderName
{
    /// <summary>
    /// &lt;root&gt;/&lt;scenario&gt;-seed&lt;N&gt;-&lt;UTC time&gt;, or with -2, -3, … if that is taken: two runs
    /// started in the same second each get a folder of their own instead of one refusing the other.
    /// </summary>
    public static string Default(string root, string scenario, ulong seed, DateTime utc)
    {
        string first = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"{scenario}-seed{seed}-{utc:yyyyMMdd-HHmmss}"));
        string name = first;
        for (int n = 2; Directory.Exists(name) || File.Exists(name); n++) name = string.Create(CultureInfo.InvariantCulture, $"{first}-{n}");
        return name;
    }
}
