using ActorNet.Core.Apps;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Scenarios.Generators;
using ActorNet.Core.Time;
using ActorNet.Core.Topology;

namespace ActorNet.Engine.Tests;

/// <summary>Computed routes on random graphs: every host reaches every other, over a shortest path.</summary>
public class RandomTopologyRoutingTests
{
    [Theory]
    [InlineData(12, 1)]
    [InlineData(25, 2)]
    public void Every_ping_between_random_hosts_is_answered_at_shortest_path_rtt(int routers, int seed)
    {
        var here = new SourceSpan("test", 1, 1);
        var random = new System.Random(seed);
        var baseScenario = RandomRouterScenario.Build(routers, seed);
        var pairs = Enumerable.Range(0, 20).Select(_ => (From: random.Next(routers), To: random.Next(routers))).Where(p => p.From != p.To).ToList();
        var apps = pairs.Select((p, i) => (AppSpec)new PingAppSpec
        {
            Name = $"ping-{i}", Node = $"h{p.From}", Target = RandomRouterScenario.HostAddress(baseScenario, p.To),
            Count = 1, Start = SimTime.FromMilliseconds(10 * i), At = here,
        }).ToList();
        var scenario = baseScenario with { Apps = apps, StopAt = SimTime.FromSeconds(5) };

        // Reference distances between routers by Floyd–Warshall over the delays (ms).
        var graph = RandomTopology.Build(routers, averageDegree: 4, seed: seed, minWeight: 1, maxWeight: 10);
        var d = new long[routers, routers];
        for (int i = 0; i < routers; i++) for (int j = 0; j < routers; j++) d[i, j] = i == j ? 0 : long.MaxValue / 4;
        for (int l = 0; l < graph.LinkCount; l++)
        {
            var t = graph.GetLink(l);
            d[t.A, t.B] = Math.Min(d[t.A, t.B], t.Weight);
            d[t.B, t.A] = Math.Min(d[t.B, t.A], t.Weight);
        }
        for (int k = 0; k < routers; k++) for (int i = 0; i < routers; i++) for (int j = 0; j < routers; j++)
            d[i, j] = Math.Min(d[i, j], d[i, k] + d[k, j]);

        var (_, summary) = ScenarioRuns.RunReference(scenario);
        foreach (var (report, (from, to)) in summary.Apps.Cast<PingReport>().Zip(pairs))
        {
            var reply = Assert.Single(report.Replies);
            // Propagation: 2 × (1 ms access + shortest router path + 1 ms access). Serialization of
            // 84 B at 1 Gbit/s adds 672 ns per link crossed: far below 1 ms, so only a shortest
            // path (in delay) fits in this window.
            long propagation = 2 * (2 + d[from, to]) * 1_000_000;
            Assert.InRange(reply.RttNs, propagation, propagation + 2 * (routers + 2) * 672);
        }
    }
}
