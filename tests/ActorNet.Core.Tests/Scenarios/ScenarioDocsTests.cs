using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>The examples in docs/SCENARIOS.md must load, so the user documentation cannot drift.</summary>
public class ScenarioDocsTests
{
    [Fact]
    public void Documented_example_loads_without_errors()
    {
        string doc = ReadDoc();
        int start = doc.IndexOf("```hocon\n", StringComparison.Ordinal) + "```hocon\n".Length;
        int end = doc.IndexOf("```", start, StringComparison.Ordinal);
        var r = ScenarioLoader.LoadFromText(doc[start..end], "ping.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal("ping", r.Scenario.Name);
        Assert.Equal(3, r.Scenario.Nodes.Count);
        Assert.Equal(2, r.Scenario.Links.Count);
        Assert.Equal(5, r.Scenario.Apps.Count);
    }

    [Fact]
    public void Documented_tcp_example_loads_with_the_merged_settings_its_comments_give()
    {
        string doc = ReadDoc();
        int start = doc.IndexOf("```hocon\n# h1 —[100 Mbit/s, 1 ms]— r1 —[10 Mbit/s, 20 ms]— h2; a 1 MiB", StringComparison.Ordinal);
        Assert.True(start >= 0, "the tcp example is gone from docs/SCENARIOS.md");
        start += "```hocon\n".Length;
        int end = doc.IndexOf("```", start, StringComparison.Ordinal);
        var r = ScenarioLoader.LoadFromText(doc[start..end], "tcp.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var apps = r.Scenario.Apps;
        var twoHundred = SimTime.FromMilliseconds(200);
        Assert.Equal(new TcpSpec { CongestionControl = "cubic", MinRto = twoHundred }, ((TcpSinkAppSpec)apps[0]).Tcp);
        Assert.Equal(new TcpSpec { CongestionControl = "cubic", MinRto = twoHundred, ReceiveBufferBytes = 65536, WindowScaling = false },
            ((TcpSinkAppSpec)apps[1]).Tcp);
        Assert.Equal(new TcpSpec { CongestionControl = "newreno", MinRto = twoHundred }, ((TcpBulkAppSpec)apps[2]).Tcp);
        Assert.Equal(1_048_576, ((TcpBulkAppSpec)apps[2]).Bytes);
        Assert.Null(((TcpBulkAppSpec)apps[3]).Bytes);
    }

    private static string ReadDoc()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorNet.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir.FullName, "docs", "SCENARIOS.md"));
    }
}
