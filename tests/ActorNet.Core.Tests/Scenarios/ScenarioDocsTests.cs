using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>The complete example in docs/SCENARIOS.md must load, so the user documentation cannot drift.</summary>
public class ScenarioDocsTests
{
    [Fact]
    public void Documented_example_loads_without_errors()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorNet.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        string doc = File.ReadAllText(Path.Combine(dir.FullName, "docs", "SCENARIOS.md"));
        int start = doc.IndexOf("```hocon\n", StringComparison.Ordinal) + "```hocon\n".Length;
        int end = doc.IndexOf("```", start, StringComparison.Ordinal);
        var r = ScenarioLoader.LoadFromText(doc[start..end], "ping.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal("ping", r.Scenario.Name);
        Assert.Equal(3, r.Scenario.Nodes.Count);
        Assert.Equal(2, r.Scenario.Links.Count);
        Assert.Equal(5, r.Scenario.Apps.Count);
    }
}
