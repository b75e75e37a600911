using System.Text.Json.Nodes;
using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;
using ActorNet.Core.Inspection;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Engine.Reference;

namespace ActorNet.Cli.Tests.Journal;

/// <summary>
/// actornet inspect --at T shows a node after every event before T of the journaled run (at 2 s from the journal's
/// snapshot, at 1.25 s re-executed). The same state, independently: S4 (tcp-bottleneck) built again and run on the
/// reference engine with the stop time T (the engine handles the events before its stop time), then NodeInspector. The run being inspected was on
/// the actor engine, for 3 s.
/// </summary>
public sealed class InspectTests : IClassFixture<InspectTests.BottleneckRun>
{
    /// <summary>One journaled run of tcp-bottleneck to 3 s, in a database of its own.</summary>
    public sealed class BottleneckRun : IDisposable
    {
        private readonly TempDir _dir = new();

        public BottleneckRun()
        {
            Database = _dir.PathOf("journal.db");
            Result = Actornet.Run("run", RepoRoot.Config("tcp-bottleneck.conf"), "--until", "3s", "--out", _dir.PathOf("run"), "--db", Database, "--quiet");
        }

        public string Database { get; }
        internal CliResult Result { get; }
        public void Dispose() => _dir.Dispose();
    }

    private readonly BottleneckRun _run;

    public InspectTests(BottleneckRun run)
    {
        _run = run;
        Assert.True(run.Result.ExitCode == CliApp.Ok, run.Result.ToString());
    }

    [Theory]
    [InlineData("h1", "2s", 2_000_000_000L)]
    [InlineData("r1", "2s", 2_000_000_000L)]
    [InlineData("h2", "1250ms", 1_250_000_000L)]
    public void Inspect_at_a_time_equals_the_reference_engine_stopped_just_after_it(string node, string at, long atNs)
    {
        var r = Actornet.Run("inspect", "last", "--at", at, "--node", node, "--json", "--db", _run.Database);

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        var expected = JsonNode.Parse(ReferenceState(node, new SimTime(atNs)));
        var actual = JsonNode.Parse(r.Stdout);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"inspect:\n{r.Stdout}\nreference engine:\n{expected}");
        // Not a node before its first event: the transfer started at 10 ms and crosses every node.
        Assert.Equal(atNs, actual!["node"]!["at_ns"]!.GetValue<long>());
        Assert.True(actual["node"]!["counters"]!["events_handled"]!.GetValue<long>() > 100, r.Stdout);
    }

    private static string ReferenceState(string node, SimTime at)
    {
        var loaded = ScenarioLoader.Load(RepoRoot.Config("tcp-bottleneck.conf"));
        Assert.True(loaded.Ok);
        var network = NetworkBuilder.Build(loaded.Scenario! with { StopAt = SimTime.FromSeconds(3) });
        new ReferenceEngine().Run(network, at);
        return NodeStateJson.Serialize(NodeInspector.Inspect(network[node], at));
    }
}
