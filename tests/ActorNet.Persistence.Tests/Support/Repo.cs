using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;

namespace ActorNet.Persistence.Tests.Support;

internal static class Repo
{
    /// <summary>The repository root: the first folder above the test binaries that holds ActorNet.sln.</summary>
    public static string Root { get; } = Find();

    public static string Config(string name) => Path.Combine(Root, "config", name);

    /// <summary>Every scenario file in config/, by file name.</summary>
    public static IEnumerable<string> Configs() =>
        Directory.GetFiles(Path.Combine(Root, "config"), "*.conf").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>
    /// A config cut short, so every test stays quick: 3 s of virtual time, 300 ms for the two big generated
    /// topologies (thousands of nodes and flows).
    /// </summary>
    public static Scenario Short(string config)
    {
        var result = ScenarioLoader.Load(Config(config));
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var s = result.Scenario!;
        var cut = config is "fat-tree.conf" or "random-1000.conf" ? SimTime.FromMilliseconds(300) : SimTime.FromSeconds(3);
        return s.StopAt > cut ? s with { StopAt = cut } : s;
    }

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "ActorNet.sln"))) return d.FullName;
        throw new InvalidOperationException("ActorNet.sln not found above " + AppContext.BaseDirectory);
    }
}
