using System.Text;
using ActorNet.Core.Topology;
using CsCheck;

namespace ActorNet.Core.Tests.Topology;

/// <summary>
/// On-demand next hops (one destination at a time) against the all-pairs table they replace on
/// large topologies: the same link for every (from, to), on every kind of search (BFS, bucket
/// queue, heap), with parallel links, equal-cost paths and unreachable parts, whichever thread
/// asks first.
/// </summary>
public class DestinationNextHopsPropertyTests
{
    private sealed record Input(int N, (int A, int B, long W)[] Links)
    {
        public override string ToString()
        {
            var sb = new StringBuilder($"n={N}:");
            foreach (var (a, b, w) in Links) sb.Append($" {a}-{b}/{w}");
            return sb.ToString();
        }

        public TopologyGraph Graph()
        {
            var g = new TopologyGraph(N);
            foreach (var (a, b, w) in Links) g.AddLink(a, b, w);
            g.Freeze();
            return g;
        }
    }

    // As RouteComputationPropertyTests: few distinct weights so ties are common; modes all 1,
    // all 3 (BFS), 1..4 (bucket queue), 10,000..40,000 (heap). Parallel links kept.
    private static readonly Gen<Input> GenInput =
        from n in Gen.Int[1, 40]
        from mode in Gen.Int[0, 3]
        from raw in Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1], Gen.Long[1, 4]).Array[0, 3 * n]
        select new Input(n, raw.Where(l => l.Item1 != l.Item2)
            .Select(l => (l.Item1, l.Item2, mode switch { 0 => 1L, 1 => 3L, 2 => l.Item3, _ => l.Item3 * 10_000 }))
            .ToArray());

    [Fact]
    public void Every_next_hop_equals_the_all_pairs_table()
    {
        GenInput.Sample(input =>
        {
            var g = input.Graph();
            var all = RouteComputation.Compute(g, maxDegreeOfParallelism: 1);
            var onDemand = new DestinationNextHops(g);
            for (int t = 0; t < input.N; t++)
                for (int s = 0; s < input.N; s++)
                {
                    Assert.True(all.NextLink(s, t) == onDemand.NextLink(s, t),
                        $"{s}->{t}: all-pairs link {all.NextLink(s, t)}, on demand {onDemand.NextLink(s, t)}");
                    Assert.Equal(all.NextNode(s, t), onDemand.NextNode(s, t));
                }
            Assert.Equal(input.N, onDemand.ColumnsComputed);
        }, iter: 600, threads: 1, print: i => i.ToString());
    }

    [Fact]
    public void Threads_asking_at_once_get_the_all_pairs_answers_and_each_column_is_computed_once()
    {
        var g = RandomTopology.Build(routers: 400, averageDegree: 4, seed: 7, minWeight: 1_000, maxWeight: 5_000_000);
        var all = RouteComputation.Compute(g);
        var onDemand = new DestinationNextHops(g);
        var errors = 0;
        // Four threads walk the same (from, to) pairs in different orders, so first requests for
        // one column collide.
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            var random = new Random(worker);
            for (int i = 0; i < 20_000; i++)
            {
                int s = random.Next(400), t = random.Next(60);
                if (onDemand.NextLink(s, t) != all.NextLink(s, t)) Interlocked.Increment(ref errors);
            }
        });
        Assert.Equal(0, errors);
        Assert.Equal(60, onDemand.ColumnsComputed);
    }

    [Fact]
    public void Prepared_destinations_are_computed_before_anyone_asks()
    {
        var g = RandomTopology.Build(routers: 200, averageDegree: 4, seed: 3, minWeight: 1, maxWeight: 10);
        var onDemand = new DestinationNextHops(g);
        onDemand.Prepare([5, 9, 5, 120], maxDegreeOfParallelism: 2);
        Assert.Equal(3, onDemand.ColumnsComputed);
        var all = RouteComputation.Compute(g);
        for (int s = 0; s < 200; s++) Assert.Equal(all.NextLink(s, 120), onDemand.NextLink(s, 120));
        Assert.Equal(3, onDemand.ColumnsComputed);
    }

    [Fact]
    public void A_node_of_degree_above_255_uses_two_byte_columns_and_the_same_next_hops()
    {
        // A star of 300 leaves plus a ring through the leaves: the hub has degree 300.
        var g = new TopologyGraph(301);
        for (int i = 1; i <= 300; i++) g.AddLink(0, i, 3);
        for (int i = 1; i <= 300; i++) g.AddLink(i, i % 300 + 1, 2);
        g.Freeze();
        var all = RouteComputation.Compute(g);
        var onDemand = new DestinationNextHops(g);
        Assert.Equal(2, onDemand.BytesPerEntry);
        foreach (int t in new[] { 0, 1, 150, 299, 300 })
            for (int s = 0; s <= 300; s++)
                Assert.Equal(all.NextLink(s, t), onDemand.NextLink(s, t));
    }
}
