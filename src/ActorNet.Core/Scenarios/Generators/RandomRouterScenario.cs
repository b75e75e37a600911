using ActorNet.Core.Addressing;
using ActorNet.Core.Time;
using ActorNet.Core.Topology;
using ActorNet.Core.Units;

namespace ActorNet.Core.Scenarios.Generators;

/// <summary>
/// A generated scenario: a random connected graph of routers (<see cref="RandomTopology"/>,
/// average degree 4, delays of 1–10 ms in whole ms) with one host hN behind each router rN, every
/// link a /30 from 10.0.0.0/8. Used by benchmarks and scale tests; apps are the caller's.
/// </summary>
public static class RandomRouterScenario
{
    public static Scenario Build(int routers, int seed, IReadOnlyList<AppSpec>? apps = null, SimTime? stopAt = null, DataRate? rate = null)
    {
        if (routers < 2 || routers > 1_000_000) throw new ArgumentOutOfRangeException(nameof(routers), "2 to 1,000,000 routers");
        var graph = RandomTopology.Build(routers, averageDegree: 4, seed: seed, minWeight: 1, maxWeight: 10);
        var here = new SourceSpan("generated", 0, 0);
        var nodes = new List<NodeSpec>(2 * routers);
        for (int r = 0; r < routers; r++)
        {
            nodes.Add(new NodeSpec($"r{r}", NodeKind.Router, here));
            nodes.Add(new NodeSpec($"h{r}", NodeKind.Host, here));
        }
        var links = new List<LinkSpec>(graph.LinkCount + routers);
        uint next = 10u << 24;
        var linkRate = rate ?? DataRate.FromMbps(1000);
        LinkSpec Link(string a, string b, long delayMs)
        {
            var subnet = new Ipv4Prefix(new Ipv4Address(next), 30);
            next += 4;
            return new LinkSpec
            {
                Name = a + "-" + b,
                NodeA = a,
                NodeB = b,
                Subnet = subnet,
                AddressA = new Ipv4Address(subnet.Network.Value + 1),
                AddressB = new Ipv4Address(subnet.Network.Value + 2),
                Rate = linkRate,
                Delay = SimTime.FromMilliseconds(delayMs),
                At = here,
            };
        }
        for (int l = 0; l < graph.LinkCount; l++)
        {
            var t = graph.GetLink(l);
            links.Add(Link($"r{t.A}", $"r{t.B}", t.Weight));
        }
        for (int r = 0; r < routers; r++) links.Add(Link($"r{r}", $"h{r}", 1));
        return new Scenario
        {
            Name = $"random-{routers}",
            SourceFile = "generated",
            SourceText = "",
            Seed = (ulong)seed,
            StopAt = stopAt ?? SimTime.FromSeconds(10),
            Nodes = nodes.OrderBy(n => n.Name, StringComparer.Ordinal).ToList(),
            Links = links,
            Routing = RoutingSpec.Default,
            Routes = [],
            Apps = apps ?? [],
        };
    }

    /// <summary>The address of host hN (side B of its access link).</summary>
    public static IpAddress HostAddress(Scenario s, int router) =>
        s.Links.Single(l => l.NodeB == $"h{router}").AddressB;
}
