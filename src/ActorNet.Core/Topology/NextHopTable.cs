namespace ActorNet.Core.Topology;

/// <summary>
/// All-pairs next hops from <see cref="RouteComputation.Compute"/>: for each (from, to) the link
/// to leave <c>from</c> by on a shortest path to <c>to</c>.
/// Stored as the position within <c>from</c>'s adjacency, one byte per entry when no degree
/// exceeds 255 (255 marks "none") and two bytes otherwise (10,000 routers: 100 MB or 200 MB); the link index is
/// looked up on read. Distances (8 bytes an entry, 800 MB for 10,000 routers) only on request.
/// One array per source row, so no array is near the 2^31-element limit.
/// </summary>
public sealed class NextHopTable
{
    /// <summary>What <see cref="Distance"/> returns when there is no path.</summary>
    public const long Unreachable = long.MaxValue;

    private readonly TopologyGraph _graph;
    private readonly byte[][]? _rows8;
    private readonly ushort[][]? _rows16;
    private readonly long[][]? _distances;

    internal NextHopTable(TopologyGraph graph, byte[][]? rows8, ushort[][]? rows16, long[][]? distances)
    {
        _graph = graph;
        (_rows8, _rows16, _distances) = (rows8, rows16, distances);
    }

    public TopologyGraph Graph => _graph;
    public int NodeCount => _graph.NodeCount;
    public bool HasDistances => _distances is not null;

    /// <summary>Bytes per stored next hop: 1 or 2.</summary>
    public int BytesPerEntry => _rows8 is not null ? 1 : 2;

    /// <summary>
    /// Bytes held by the table's own arrays (next hops, distances if stored, and a 24-byte
    /// header per array on 64-bit .NET), not counting the graph.
    /// </summary>
    public long MemoryBytes
    {
        get
        {
            const long header = 24;
            long n = NodeCount;
            long rows = header + n * 8 + n * (header + n * BytesPerEntry);
            long dist = _distances is null ? 0 : header + n * 8 + n * (header + n * 8);
            return rows + dist;
        }
    }

    /// <summary>The link index to leave <paramref name="from"/> by, or -1 if <paramref name="to"/> is <paramref name="from"/> or unreachable.</summary>
    public int NextLink(int from, int to)
    {
        int pos = Position(from, to);
        return pos < 0 ? -1 : _graph.ArcLink[_graph.Offsets[from] + pos];
    }

    /// <summary>The neighbour reached by <see cref="NextLink"/>, or -1.</summary>
    public int NextNode(int from, int to)
    {
        int pos = Position(from, to);
        return pos < 0 ? -1 : _graph.ArcNode[_graph.Offsets[from] + pos];
    }

    /// <summary>Shortest-path length (sum of weights); 0 to itself, <see cref="Unreachable"/> if no path.</summary>
    public long Distance(int from, int to)
    {
        if (_distances is null)
            throw new InvalidOperationException("distances were not stored; compute with storeDistances: true");
        return _distances[from][to];
    }

    private int Position(int from, int to)
    {
        if (_rows8 is not null)
        {
            byte p = _rows8[from][to];
            return p == byte.MaxValue ? -1 : p;
        }
        ushort q = _rows16![from][to];
        return q == ushort.MaxValue ? -1 : q;
    }
}
