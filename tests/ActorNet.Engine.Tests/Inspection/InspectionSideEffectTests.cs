using ActorNet.Core.Inspection;
using ActorNet.Core.Network;
using ActorNet.Core.Time;
using ActorNet.Engine.Reference;
using ActorNet.Results;

namespace ActorNet.Engine.Tests.Inspection;

/// <summary>
/// Inspection only reads. If it changed anything a run depends on (a queue, a counter that drives a
/// decision, a random draw, a timer), the run after it would differ, and the trace digest, which covers
/// every send, enqueue, drop, transmit and delivery of every node and link, would show it.
/// </summary>
public class InspectionSideEffectTests
{
    private static readonly SimTime Pause = SimTime.FromSeconds(2);
    private static readonly SimTime End = SimTime.FromSeconds(4);

    private static NetworkModel Build() => NetworkBuilder.Build(ScenarioRuns.Load("tcp-bottleneck.conf"));

    private static string ReferenceDigest(SimTime end)
    {
        var network = Build();
        new ReferenceEngine().Run(network, end);
        return SummaryBuilder.Digest(network);
    }

    private static void InspectEveryNode(NetworkModel network, SimTime at)
    {
        foreach (var node in network.Nodes)
        {
            var state = NodeInspector.Inspect(node, at);
            _ = NodeStateText.Render(state);
            _ = NodeStateJson.Serialize(state);
        }
    }

    [Fact]
    public void A_paused_run_that_goes_on_gives_the_reference_engine_s_digest()
    {
        var network = Build();
        var run = new PausableRun(network);
        run.RunUntil(Pause);
        run.RunUntil(End);
        Assert.Equal(ReferenceDigest(End), SummaryBuilder.Digest(network));
    }

    [Fact]
    public void Running_on_after_inspecting_every_node_gives_the_same_digest_as_not_inspecting()
    {
        var network = Build();
        var run = new PausableRun(network);
        run.RunUntil(Pause);
        InspectEveryNode(network, Pause);
        InspectEveryNode(network, Pause);
        run.RunUntil(End);
        Assert.Equal(ReferenceDigest(End), SummaryBuilder.Digest(network));
    }

    [Fact]
    public void Inspecting_twice_gives_the_same_state_as_the_reference_engine_stopped_there()
    {
        var paused = Build();
        new PausableRun(paused).RunUntil(Pause);
        var stopped = Build();
        new ReferenceEngine().Run(stopped, Pause);

        foreach (var name in new[] { "h1", "r1", "r2", "h2" })
        {
            string first = NodeStateJson.Serialize(NodeInspector.Inspect(paused[name], Pause));
            Assert.Equal(first, NodeStateJson.Serialize(NodeInspector.Inspect(paused[name], Pause)));
            Assert.Equal(first, NodeStateJson.Serialize(NodeInspector.Inspect(stopped[name], Pause)));
        }
    }
}
