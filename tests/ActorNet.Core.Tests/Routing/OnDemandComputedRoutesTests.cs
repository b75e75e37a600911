using ActorNet.Core.Addressing;
using ActorNet.Core.Routing;
using ActorNet.Core.Topology;

namespace ActorNet.Core.Tests.Routing;

/// <summary>
/// Computed routes on a large topology (no distance matrix: a subnet is reached through its link's
/// A side) answer the same with on-demand next hops as with the all-pairs table they replace.
/// </summary>
public sealed class OnDemandComputedRoutesTests
{
    private static (IpPrefix[] Subnets, (int A, int IfA, int B, int IfB)[] Ends) Addressing(TopologyGraph g)
    {
        var subnets = new IpPrefix[g.LinkCount];
        var ends = new (int, int, int, int)[g.LinkCount];
        var interfaces = new int[g.NodeCount];
        for (int l = 0; l < g.LinkCount; l++)
        {
            var link = g.GetLink(l);
            subnets[l] = new Ipv4Prefix(new Ipv4Address((10u << 24) + 4u * (uint)l), 30);
            ends[l] = (link.A, interfaces[link.A]++, link.B, interfaces[link.B]++);
        }
        return (subnets, ends);
    }

    [Theory]
    [InlineData(1, 1)]              // BFS
    [InlineData(1, 10)]             // bucket queue
    [InlineData(1_000, 5_000_000)]  // heap
    public void Every_node_leaves_by_the_same_interface_for_every_subnet(long minWeight, long maxWeight)
    {
        var g = RandomTopology.Build(routers: 300, averageDegree: 3, seed: 11, minWeight, maxWeight);
        var (subnets, ends) = Addressing(g);
        var allPairs = new ComputedRoutes(subnets, ends, RouteComputation.Compute(g));
        var onDemand = new ComputedRoutes(subnets, ends, new DestinationNextHops(g));
        for (int node = 0; node < g.NodeCount; node++)
            foreach (var subnet in subnets)
            {
                var address = new Ipv4Address(subnet.V4.Network.Value + 2);
                bool a = allPairs.TryLookup(node, address, out int ifA, out int lenA);
                bool b = onDemand.TryLookup(node, address, out int ifB, out int lenB);
                Assert.True((a, ifA, lenA) == (b, ifB, lenB), $"node {node} to {address}: all-pairs {(a, ifA, lenA)}, on demand {(b, ifB, lenB)}");
            }
    }

    [Fact]
    public void Prepare_computes_the_way_to_each_destinations_link_A_side_once()
    {
        var g = RandomTopology.Build(routers: 100, averageDegree: 4, seed: 2, minWeight: 1, maxWeight: 10);
        var (subnets, ends) = Addressing(g);
        var onDemand = new DestinationNextHops(g);
        var routes = new ComputedRoutes(subnets, ends, onDemand);
        var one = new Ipv4Address(subnets[3].V4.Network.Value + 2);
        var sameLink = new Ipv4Address(subnets[3].V4.Network.Value + 1);
        var nowhere = new Ipv4Address(192, 168, 0, 1);
        routes.Prepare([one, sameLink, nowhere]);
        Assert.Equal(1, onDemand.ColumnsComputed);
        routes.TryLookup(ends[3].A == 0 ? 1 : 0, one, out _, out _);
        Assert.Equal(1, onDemand.ColumnsComputed);
    }
}
