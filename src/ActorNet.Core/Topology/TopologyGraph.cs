namespace ActorNet.Core.Topology;

/// <summary>One undirected link of a <see cref="TopologyGraph"/>: endpoints and a positive cost.</summary>
public readonly record struct TopologyLink(int A, int B, long Weight)
{
    /// <summary>The endpoint that is not <paramref name="node"/>.</summary>
    public int Other(int node) => node == A ? B : node == B ? A
        : throw new ArgumentException($"node {node} is not an endpoint of link {A}-{B}", nameof(node));
}

/// <summary>
/// Routers 0..N-1 joined by undirected weighted links (parallel links allowed, self-loops not).
/// Add links, then <see cref="Freeze"/>: that builds the adjacency in CSR form
/// (compressed sparse rows: <c>offsets[n]..offsets[n+1]</c> index the arcs leaving node n)
/// and makes the graph immutable. Within a node's adjacency the arcs are in link-index order,
/// which is what lets <see cref="RouteComputation"/> break ties by the lowest link index
/// while storing only the position in the adjacency.
/// </summary>
public sealed class TopologyGraph
{
    private readonly List<TopologyLink> _links = [];
    private readonly int[] _degree;
    private int[]? _offsets;
    private int[]? _arcNode;
    private int[]? _arcLink;
    private long[]? _arcWeight;

    public TopologyGraph(int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        NodeCount = nodeCount;
        _degree = new int[nodeCount];
    }

    public int NodeCount { get; }
    public int LinkCount => _links.Count;
    public bool IsFrozen => _offsets is not null;

    /// <summary>The largest number of link ends at one node.</summary>
    public int MaxDegree { get; private set; }

    /// <summary>After <see cref="Freeze"/>: the weight every link has, or 0 if they differ (or no links).</summary>
    public long UniformWeight { get; private set; }

    /// <summary>The largest link weight, 0 if there are no links.</summary>
    public long MaxWeight { get; private set; }

    /// <summary>Adds an undirected link and returns its index (0, 1, 2… in the order added).</summary>
    public int AddLink(int a, int b, long weight)
    {
        if (IsFrozen) throw new InvalidOperationException("the graph is frozen; add links before Freeze()");
        if ((uint)a >= (uint)NodeCount || (uint)b >= (uint)NodeCount)
            throw new ArgumentOutOfRangeException(nameof(a), $"link {a}-{b}: nodes are 0..{NodeCount - 1}");
        if (a == b) throw new ArgumentException($"link {a}-{b}: self-loops are never on a shortest path", nameof(b));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weight);
        _links.Add(new TopologyLink(a, b, weight));
        MaxWeight = Math.Max(MaxWeight, weight);
        MaxDegree = Math.Max(MaxDegree, Math.Max(++_degree[a], ++_degree[b]));
        return _links.Count - 1;
    }

    public TopologyLink GetLink(int index) => _links[index];

    public int Degree(int node) => _degree[node];

    /// <summary>
    /// Builds the CSR adjacency; idempotent. Throws if the weights could overflow a path length:
    /// a shortest path is simple, so its length is at most the sum of all weights, and one more
    /// relaxation adds at most one weight; half of long.MaxValue leaves room for both.
    /// </summary>
    public void Freeze()
    {
        if (IsFrozen) return;
        long total = 0;
        foreach (var l in _links)
        {
            total += l.Weight;
            if (total > long.MaxValue / 2)
                throw new InvalidOperationException("the sum of link weights exceeds long.MaxValue / 2; path lengths could overflow");
        }

        int n = NodeCount;
        var offsets = new int[n + 1];
        for (int v = 0; v < n; v++) offsets[v + 1] = offsets[v] + _degree[v];
        int arcs = offsets[n];
        var arcNode = new int[arcs];
        var arcLink = new int[arcs];
        var arcWeight = new long[arcs];
        var fill = offsets.AsSpan(0, n).ToArray();
        // Links in index order, so each node's arcs come out sorted by link index.
        for (int i = 0; i < _links.Count; i++)
        {
            var (a, b, w) = _links[i];
            int pa = fill[a]++, pb = fill[b]++;
            (arcNode[pa], arcLink[pa], arcWeight[pa]) = (b, i, w);
            (arcNode[pb], arcLink[pb], arcWeight[pb]) = (a, i, w);
        }

        long uniform = _links.Count == 0 ? 0 : _links[0].Weight;
        foreach (var l in _links)
            if (l.Weight != uniform) { uniform = 0; break; }
        UniformWeight = uniform;

        (_arcNode, _arcLink, _arcWeight) = (arcNode, arcLink, arcWeight);
        _offsets = offsets;   // last: IsFrozen reads it
    }

    /// <summary>After <see cref="Freeze"/>: the link indices at <paramref name="node"/>, ascending.</summary>
    public ReadOnlySpan<int> AdjacentLinks(int node)
    {
        var o = Offsets;
        return ArcLink.AsSpan(o[node], o[node + 1] - o[node]);
    }

    /// <summary>After <see cref="Freeze"/>: the far ends of the links at <paramref name="node"/>, in the same order.</summary>
    public ReadOnlySpan<int> AdjacentNodes(int node)
    {
        var o = Offsets;
        return ArcNode.AsSpan(o[node], o[node + 1] - o[node]);
    }

    internal int[] Offsets => _offsets ?? throw NotFrozen();
    internal int[] ArcNode => _arcNode ?? throw NotFrozen();
    internal int[] ArcLink => _arcLink ?? throw NotFrozen();
    internal long[] ArcWeight => _arcWeight ?? throw NotFrozen();

    private static InvalidOperationException NotFrozen() => new("call Freeze() first");
}
