using ActorNet.Core.Topology;

namespace ActorNet.Core.Tests.Topology;

public class RouteComputationTests
{
    private static TopologyGraph Graph(int n, params (int A, int B, long W)[] links)
    {
        var g = new TopologyGraph(n);
        foreach (var (a, b, w) in links) g.AddLink(a, b, w);
        return g;
    }

    [Fact]
    public void Line_routes_along_the_line()
    {
        // 0 -l0- 1 -l1- 2 -l2- 3, weights 1, 2, 3
        var t = RouteComputation.Compute(Graph(4, (0, 1, 1), (1, 2, 2), (2, 3, 3)), storeDistances: true);
        Assert.Equal(0, t.NextLink(0, 3));
        Assert.Equal(1, t.NextLink(1, 3));
        Assert.Equal(2, t.NextLink(2, 3));
        Assert.Equal(2, t.NextLink(3, 0));
        Assert.Equal(0, t.NextLink(1, 0));
        Assert.Equal(1, t.NextNode(0, 3));
        Assert.Equal(6, t.Distance(0, 3));
        Assert.Equal(5, t.Distance(3, 1));
    }

    [Fact]
    public void Same_node_has_no_next_hop_and_distance_zero()
    {
        var t = RouteComputation.Compute(Graph(2, (0, 1, 4)), storeDistances: true);
        Assert.Equal(-1, t.NextLink(1, 1));
        Assert.Equal(-1, t.NextNode(1, 1));
        Assert.Equal(0, t.Distance(1, 1));
    }

    [Fact]
    public void Equal_cost_paths_take_the_first_hop_with_the_lowest_link_index()
    {
        //      1
        //  l1 / \ l2          all weight 1; 0 to 3 is two hops either way.
        //    0   3            From 0: link 1 (via 1) < link 3 (via 2), so link 1.
        //  l3 \ / l0          From 3: link 0 (via 2) < link 2 (via 1), so link 0.
        //      2
        var g = Graph(4, (2, 3, 1), (0, 1, 1), (1, 3, 1), (0, 2, 1));
        var t = RouteComputation.Compute(g);
        Assert.Equal(1, t.NextLink(0, 3));
        Assert.Equal(0, t.NextLink(3, 0));
    }

    [Fact]
    public void Tie_break_is_on_the_first_hop_only_not_on_later_links()
    {
        // 0 to 3, cost 3 both ways: via l0 (0-1) then l5 (1-3, weight 2),
        // or via l1 (0-2, weight 2) then l2 (2-3). The first hop decides: l0, although
        // the other path's links (1, 2) are lower than l5.
        var g = Graph(4, (0, 1, 1), (0, 2, 2), (2, 3, 1), (1, 2, 9), (0, 3, 10), (1, 3, 2));
        var t = RouteComputation.Compute(g, storeDistances: true);
        Assert.Equal(0, t.NextLink(0, 3));
        Assert.Equal(3, t.Distance(0, 3));
    }

    [Fact]
    public void Tie_break_holds_with_weights_as_well_as_hop_counts()
    {
        // Same diamond as above with weight 5: the weighted search, not the BFS, must agree.
        var g = Graph(4, (2, 3, 5), (0, 1, 5), (1, 3, 5), (0, 2, 5), (0, 3, 11));
        var h = Graph(4, (2, 3, 5), (0, 1, 4), (1, 3, 6), (0, 2, 5), (0, 3, 11));
        Assert.Equal(1, RouteComputation.Compute(g).NextLink(0, 3));
        Assert.Equal(1, RouteComputation.Compute(h).NextLink(0, 3));   // 4 + 6 = 5 + 5
        Assert.Equal(0, RouteComputation.Compute(h).NextLink(3, 0));
    }

    [Fact]
    public void Tie_break_holds_with_heap_sized_weights()
    {
        // The diamond again with weights at or above BucketQueueMaxWeight: the 4-ary heap path.
        long k = RouteComputation.BucketQueueMaxWeight;
        var g = Graph(4, (2, 3, 5 * k), (0, 1, 4 * k), (1, 3, 6 * k), (0, 2, 5 * k), (0, 3, 11 * k));
        var t = RouteComputation.Compute(g, storeDistances: true);
        Assert.Equal(1, t.NextLink(0, 3));
        Assert.Equal(0, t.NextLink(3, 0));
        Assert.Equal(10 * k, t.Distance(0, 3));
    }

    [Fact]
    public void Disconnected_parts_have_no_route()
    {
        // {0, 1} and {2, 3}, and 4 alone
        var t = RouteComputation.Compute(Graph(5, (0, 1, 1), (2, 3, 1)), storeDistances: true);
        Assert.Equal(-1, t.NextLink(0, 2));
        Assert.Equal(-1, t.NextLink(3, 1));
        Assert.Equal(-1, t.NextLink(4, 0));
        Assert.Equal(-1, t.NextLink(0, 4));
        Assert.Equal(-1, t.NextNode(0, 4));
        Assert.Equal(NextHopTable.Unreachable, t.Distance(0, 2));
        Assert.Equal(1, t.NextLink(2, 3));
    }

    [Fact]
    public void Parallel_links_take_the_cheapest_then_the_lowest_index()
    {
        var g = Graph(3, (0, 1, 5), (0, 1, 2), (0, 1, 2), (1, 2, 1));
        var t = RouteComputation.Compute(g, storeDistances: true);
        Assert.Equal(1, t.NextLink(0, 1));
        Assert.Equal(1, t.NextLink(1, 0));
        Assert.Equal(1, t.NextLink(0, 2));
        Assert.Equal(3, t.Distance(0, 2));
    }

    [Fact]
    public void Parallel_links_of_equal_weight_take_the_lowest_index_with_hop_counts()
    {
        var g = Graph(3, (1, 2, 1), (0, 1, 1), (0, 1, 1));
        var t = RouteComputation.Compute(g);
        Assert.Equal(1, t.NextLink(0, 2));
        Assert.Equal(1, t.NextLink(1, 0));
    }

    [Fact]
    public void A_longer_path_wins_when_its_weights_sum_lower()
    {
        // Direct 0-1 costs 10; 0-2-3-1 costs 3.
        var g = Graph(4, (0, 1, 10), (0, 2, 1), (2, 3, 1), (3, 1, 1));
        var t = RouteComputation.Compute(g, storeDistances: true);
        Assert.Equal(1, t.NextLink(0, 1));
        Assert.Equal(3, t.NextLink(1, 0));
        Assert.Equal(3, t.Distance(0, 1));
    }

    [Fact]
    public void Degrees_over_255_switch_to_two_byte_entries()
    {
        // Star: hub 0 with 300 leaves, link i joins 0 and i+1; leaves reach each other via 0.
        var g = new TopologyGraph(301);
        for (int i = 1; i <= 300; i++) g.AddLink(0, i, 1);
        var t = RouteComputation.Compute(g);
        Assert.Equal(2, t.BytesPerEntry);
        Assert.Equal(299, t.NextLink(0, 300));
        Assert.Equal(300, t.NextNode(0, 300));
        Assert.Equal(4, t.NextLink(5, 300));
        Assert.Equal(-1, t.NextLink(0, 0));
    }

    [Fact]
    public void Degrees_up_to_255_use_one_byte_entries()
    {
        var g = new TopologyGraph(256);
        for (int i = 1; i <= 255; i++) g.AddLink(0, i, 1);
        var t = RouteComputation.Compute(g);
        Assert.Equal(1, t.BytesPerEntry);
        Assert.Equal(254, t.NextLink(0, 255));   // position 254: the last below the 255 marker
        Assert.Equal(-1, t.NextLink(0, 0));
    }

    [Fact]
    public void Distance_without_storeDistances_throws()
    {
        var t = RouteComputation.Compute(Graph(2, (0, 1, 1)));
        Assert.False(t.HasDistances);
        Assert.Throws<InvalidOperationException>(() => t.Distance(0, 1));
    }

    [Fact]
    public void MemoryBytes_counts_one_byte_per_entry_and_eight_per_distance()
    {
        var g = RandomTopology.Build(100, 4, seed: 1, 1, 10);
        long without = RouteComputation.Compute(g).MemoryBytes;
        long with = RouteComputation.Compute(g, storeDistances: true).MemoryBytes;
        Assert.InRange(without, 100 * 100, 100 * 100 + 100 * 40);
        Assert.InRange(with - without, 100 * 100 * 8, 100 * 100 * 8 + 100 * 40);
    }

    [Fact]
    public void Empty_graph_gives_an_empty_table()
    {
        var t = RouteComputation.Compute(new TopologyGraph(0));
        Assert.Equal(0, t.NodeCount);
    }

    [Theory]
    [InlineData(1, 1)]             // weights 1: the BFS path
    [InlineData(1, 1000)]          // the bucket queue
    [InlineData(5000, 1_000_000)]  // the heap
    public void Same_table_with_one_and_two_threads(long minWeight, long maxWeight)
    {
        var g = RandomTopology.Build(400, 4, seed: 11, minWeight, maxWeight);
        var one = RouteComputation.Compute(g, maxDegreeOfParallelism: 1, storeDistances: true);
        var two = RouteComputation.Compute(g, maxDegreeOfParallelism: 2, storeDistances: true);
        var all = RouteComputation.Compute(g);
        for (int s = 0; s < g.NodeCount; s++)
            for (int d = 0; d < g.NodeCount; d++)
            {
                int link = one.NextLink(s, d);
                if (link != two.NextLink(s, d) || link != all.NextLink(s, d) || one.Distance(s, d) != two.Distance(s, d))
                    Assert.Fail($"{s}->{d}: 1 thread link {link}, 2 threads {two.NextLink(s, d)}, default {all.NextLink(s, d)}");
            }
    }

    [Fact]
    public void Following_next_hops_walks_a_shortest_path()
    {
        var g = RandomTopology.Build(300, 3, seed: 5, 1, 50);
        var t = RouteComputation.Compute(g, storeDistances: true);
        for (int s = 0; s < g.NodeCount; s += 7)
            for (int d = 0; d < g.NodeCount; d += 3)
            {
                long walked = 0;
                int at = s, hops = 0;
                while (at != d)
                {
                    var link = g.GetLink(t.NextLink(at, d));
                    walked += link.Weight;
                    at = link.Other(at);
                    Assert.True(++hops < g.NodeCount, $"loop from {s} to {d}");
                }
                Assert.Equal(t.Distance(s, d), walked);
            }
    }
}
