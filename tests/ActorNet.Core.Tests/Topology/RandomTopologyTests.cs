using ActorNet.Core.Topology;

namespace ActorNet.Core.Tests.Topology;

public class RandomTopologyTests
{
    // Al-Fares et al.: (k/2)^2 core + k pods x (k/2 aggregation + k/2 edge) = 5k^2/4 switches;
    // k/2 hosts per edge switch = k^3/4 hosts; links: hosts k^3/4, edge-aggregation k*(k/2)^2,
    // aggregation-core k*(k/2)*(k/2), so 3k^3/4 in all.
    [Theory]
    [InlineData(4, 20, 16, 48)]
    [InlineData(8, 80, 128, 384)]
    public void FatTree_has_the_textbook_counts(int k, int switches, int hosts, int links)
    {
        var ft = RandomTopology.FatTree(k);
        Assert.Equal(switches, ft.SwitchCount);
        Assert.Equal(hosts, ft.Hosts.Count);
        Assert.Equal(switches + hosts, ft.Graph.NodeCount);
        Assert.Equal(links, ft.Graph.LinkCount);
        Assert.True(ft.Graph.IsFrozen);
        // Hosts have one link; every switch has k ports.
        var isHost = new bool[ft.Graph.NodeCount];
        foreach (int h in ft.Hosts) isHost[h] = true;
        for (int v = 0; v < ft.Graph.NodeCount; v++)
            Assert.Equal(isHost[v] ? 1 : k, ft.Graph.Degree(v));
    }

    [Fact]
    public void FatTree_hosts_in_different_pods_are_six_hops_apart()
    {
        // host - edge - aggregation - core - aggregation - edge - host
        var ft = RandomTopology.FatTree(4);
        var table = RouteComputation.Compute(ft.Graph, storeDistances: true);
        Assert.Equal(6, table.Distance(ft.Hosts[0], ft.Hosts[^1]));
        Assert.Equal(2, table.Distance(ft.Hosts[0], ft.Hosts[1]));   // same edge switch
        Assert.Equal(4, table.Distance(ft.Hosts[0], ft.Hosts[2]));   // same pod
    }

    [Fact]
    public void FatTree_rejects_odd_k()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomTopology.FatTree(3));
    }

    [Fact]
    public void Ring_links_each_router_to_the_next()
    {
        var g = RandomTopology.Ring(5, weight: 3);
        Assert.Equal(5, g.LinkCount);
        Assert.Equal(new TopologyLink(4, 0, 3), g.GetLink(4));
        var table = RouteComputation.Compute(g, storeDistances: true);
        Assert.Equal(6, table.Distance(0, 2));
        Assert.Equal(6, table.Distance(0, 3));   // the other way round
    }

    [Fact]
    public void Build_is_connected_with_the_asked_link_count_and_weights()
    {
        var g = RandomTopology.Build(routers: 500, averageDegree: 4, seed: 7, minWeight: 10, maxWeight: 20);
        Assert.Equal(1000, g.LinkCount);
        var seen = new HashSet<(int, int)>();
        for (int i = 0; i < g.LinkCount; i++)
        {
            var l = g.GetLink(i);
            Assert.InRange(l.Weight, 10, 20);
            Assert.True(seen.Add((Math.Min(l.A, l.B), Math.Max(l.A, l.B))), $"parallel link {l}");
        }
        var table = RouteComputation.Compute(g);
        for (int t = 1; t < g.NodeCount; t++) Assert.NotEqual(-1, table.NextLink(0, t));
    }

    [Fact]
    public void Build_is_deterministic_for_a_seed()
    {
        var a = RandomTopology.Build(200, 4, seed: 3, 1, 100);
        var b = RandomTopology.Build(200, 4, seed: 3, 1, 100);
        var c = RandomTopology.Build(200, 4, seed: 4, 1, 100);
        Assert.Equal(Links(a), Links(b));
        Assert.NotEqual(Links(a), Links(c));
    }

    [Fact]
    public void Build_with_a_low_degree_is_a_spanning_tree()
    {
        var g = RandomTopology.Build(50, 1, seed: 1, 1, 1);
        Assert.Equal(49, g.LinkCount);
        var table = RouteComputation.Compute(g);
        for (int t = 1; t < 50; t++) Assert.NotEqual(-1, table.NextLink(0, t));
    }

    private static TopologyLink[] Links(TopologyGraph g) =>
        Enumerable.Range(0, g.LinkCount).Select(g.GetLink).ToArray();
}
