using System.Text;
using ActorNet.Core.Topology;
using CsCheck;

namespace ActorNet.Core.Tests.Topology;

/// <summary>RouteComputation against Floyd–Warshall plus the tie-break rule applied literally.</summary>
public class RouteComputationPropertyTests
{
    private sealed record Input(int N, (int A, int B, long W)[] Links)
    {
        public override string ToString()
        {
            var sb = new StringBuilder($"n={N}:");
            foreach (var (a, b, w) in Links) sb.Append($" {a}-{b}/{w}");
            return sb.ToString();
        }
    }

    // Few distinct weights so equal-cost paths are common. Modes: all 1 or all 3 (BFS);
    // 1..4 (bucket queue, distances wrap its 5 buckets); 10,000..40,000 (heap, above
    // BucketQueueMaxWeight). Self-loops dropped, parallel links kept.
    private static readonly Gen<Input> GenInput =
        from n in Gen.Int[1, 40]
        from mode in Gen.Int[0, 3]
        from raw in Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1], Gen.Long[1, 4]).Array[0, 3 * n]
        select new Input(n, raw.Where(l => l.Item1 != l.Item2)
            .Select(l => (l.Item1, l.Item2, mode switch { 0 => 1L, 1 => 3L, 2 => l.Item3, _ => l.Item3 * 10_000 }))
            .ToArray());

    [Fact]
    public void Next_hops_and_distances_match_Floyd_Warshall_and_the_tie_break_rule()
    {
        GenInput.Sample(input =>
        {
            var g = new TopologyGraph(input.N);
            foreach (var (a, b, w) in input.Links) g.AddLink(a, b, w);
            var one = RouteComputation.Compute(g, maxDegreeOfParallelism: 1, storeDistances: true);
            var two = RouteComputation.Compute(g, maxDegreeOfParallelism: 2);
            long[,] d = FloydWarshall(input);
            for (int s = 0; s < input.N; s++)
                for (int t = 0; t < input.N; t++)
                {
                    Assert.Equal(d[s, t], one.Distance(s, t));
                    int expected = ExpectedNextLink(input, d, s, t);
                    Assert.True(expected == one.NextLink(s, t), $"{s}->{t}: expected link {expected}, got {one.NextLink(s, t)}");
                    Assert.Equal(expected, two.NextLink(s, t));
                }
        }, iter: 600, threads: 1, print: i => i.ToString());
    }

    private static long[,] FloydWarshall(Input input)
    {
        int n = input.N;
        var d = new long[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                d[i, j] = i == j ? 0 : NextHopTable.Unreachable;
        foreach (var (a, b, w) in input.Links)
        {
            d[a, b] = Math.Min(d[a, b], w);
            d[b, a] = Math.Min(d[b, a], w);
        }
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (d[i, k] != NextHopTable.Unreachable && d[k, j] != NextHopTable.Unreachable && d[i, k] + d[k, j] < d[i, j])
                        d[i, j] = d[i, k] + d[k, j];
        return d;
    }

    // The rule, literally: the lowest-index link l = (s, v) with w(l) + dist(v, t) == dist(s, t).
    private static int ExpectedNextLink(Input input, long[,] d, int s, int t)
    {
        if (s == t || d[s, t] == NextHopTable.Unreachable) return -1;
        for (int l = 0; l < input.Links.Length; l++)
        {
            var (a, b, w) = input.Links[l];
            if (a != s && b != s) continue;
            int v = a == s ? b : a;
            if (d[v, t] != NextHopTable.Unreachable && w + d[v, t] == d[s, t]) return l;
        }
        throw new InvalidOperationException("no first hop on a shortest path: the reference is wrong");
    }
}
