namespace ActorNet.Core.Topology;

/// <summary>A k-ary fat-tree: the graph, and which nodes are hosts (the rest are switches).</summary>
public sealed record FatTreeTopology(TopologyGraph Graph, int K, IReadOnlyList<int> Hosts)
{
    public int SwitchCount => Graph.NodeCount - Hosts.Count;
}

/// <summary>
/// Topologies for tests and benchmarks. Deterministic: the same arguments give the same
/// links in the same order. (A System.Random(seed) rather than RandomStream: these graphs are
/// inputs built before a run, and System.Random(int) with a seed is stable across runtimes.)
/// </summary>
public static class RandomTopology
{
    /// <summary>
    /// A connected random graph: a random spanning tree (each router, in a shuffled order, joins
    /// a uniformly chosen earlier one), then distinct random extra links until there are
    /// routers * averageDegree / 2 links. Weights uniform in [minWeight, maxWeight].
    /// No parallel links. Frozen.
    /// </summary>
    public static TopologyGraph Build(int routers, int averageDegree, int seed, long minWeight, long maxWeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(routers);
        ArgumentOutOfRangeException.ThrowIfNegative(averageDegree);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minWeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWeight, minWeight);
        long possible = (long)routers * (routers - 1) / 2;
        long wanted = Math.Min(possible, Math.Max(routers - 1, (long)routers * averageDegree / 2));

        var rng = new Random(seed);
        var g = new TopologyGraph(routers);
        var present = new HashSet<long>();   // membership only, never iterated
        long Weight() => minWeight == maxWeight ? minWeight : rng.NextInt64(minWeight, maxWeight + 1);
        bool TryAdd(int a, int b)
        {
            if (a == b) return false;
            long key = (long)Math.Min(a, b) * routers + Math.Max(a, b);
            if (!present.Add(key)) return false;
            g.AddLink(a, b, Weight());
            return true;
        }

        var order = new int[routers];
        for (int i = 0; i < routers; i++) order[i] = i;
        rng.Shuffle(order);
        for (int i = 1; i < routers; i++) TryAdd(order[i], order[rng.Next(i)]);

        // Rejection sampling; near-complete graphs would be slow this way, but they are not
        // what this is for (wanted <= possible keeps it finite).
        while (g.LinkCount < wanted) TryAdd(rng.Next(routers), rng.Next(routers));
        g.Freeze();
        return g;
    }

    /// <summary>Routers 0..n-1, link i joining i and (i+1) mod n. Frozen.</summary>
    public static TopologyGraph Ring(int n, long weight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 3);
        var g = new TopologyGraph(n);
        for (int i = 0; i < n; i++) g.AddLink(i, (i + 1) % n, weight);
        g.Freeze();
        return g;
    }

    /// <summary>
    /// The k-ary fat-tree of Al-Fares et al. (SIGCOMM 2008), k even: (k/2)^2 core switches;
    /// k pods of k/2 aggregation and k/2 edge switches; k/2 hosts on each edge switch.
    /// Aggregation switch i of every pod links to core switches i*(k/2) .. i*(k/2)+k/2-1;
    /// every edge switch links to every aggregation switch of its pod.
    /// Nodes: cores first, then per pod its aggregation then edge switches, then all hosts
    /// (edge switch by edge switch). 5k^2/4 switches, k^3/4 hosts, 3k^3/4 links. Frozen.
    /// </summary>
    public static FatTreeTopology FatTree(int k, long weight = 1)
    {
        if (k < 2 || k % 2 != 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be even and at least 2");
        int half = k / 2;
        int cores = half * half;
        int switches = cores + k * k;
        int hosts = k * k * k / 4;
        var g = new TopologyGraph(switches + hosts);
        int Agg(int pod, int i) => cores + pod * k + i;
        int Edge(int pod, int j) => cores + pod * k + half + j;

        for (int pod = 0; pod < k; pod++)
            for (int i = 0; i < half; i++)
                for (int c = 0; c < half; c++)
                    g.AddLink(Agg(pod, i), i * half + c, weight);
        for (int pod = 0; pod < k; pod++)
            for (int j = 0; j < half; j++)
                for (int i = 0; i < half; i++)
                    g.AddLink(Edge(pod, j), Agg(pod, i), weight);
        var hostIds = new int[hosts];
        int h = 0;
        for (int pod = 0; pod < k; pod++)
            for (int j = 0; j < half; j++)
                for (int x = 0; x < half; x++, h++)
                {
                    hostIds[h] = switches + h;
                    g.AddLink(Edge(pod, j), hostIds[h], weight);
                }
        g.Freeze();
        return new FatTreeTopology(g, k, hostIds);
    }
}
