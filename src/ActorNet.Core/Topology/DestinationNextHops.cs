using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;

namespace ActorNet.Core.Topology;

/// <summary>
/// Shortest-path next hops computed on demand, one destination at a time (as ns-3's nix-vector
/// routing computes a route per flow): the first time any node asks for the way to <c>to</c>, one
/// search from <c>to</c> gives every node's distance to it (links are undirected, so the
/// distance from <c>to</c> is the distance to it), and one pass over the arcs turns that into
/// every node's next hop towards <c>to</c>, a "column" of <see cref="NextHopTable"/>. Only the
/// destinations traffic uses are ever computed: 1,000 flows over 200,000 nodes cost 1,000
/// searches and 200 MB, where the all-pairs table would cost 200,000 searches and 40 GB.
///
/// The next hop is the one <see cref="RouteComputation"/> picks, exactly: the lowest link index
/// among the links (s, v) with w + dist(v, to) == dist(s, to), i.e. the first such arc in s's
/// adjacency, which <see cref="TopologyGraph.Freeze"/> keeps in link-index order.
///
/// Thread-safe and deterministic: a column depends only on the graph and its destination, so it
/// does not matter which thread computes it or when. Two threads asking for the same new column
/// wait for one computation (a lock per stripe of destinations); different columns are computed
/// in parallel. A finished column is published once and read without locking.
/// </summary>
public sealed class DestinationNextHops
{
    private const int LockStripes = 64;

    private readonly TopologyGraph _graph;
    private readonly byte[]?[]? _columns8;
    private readonly ushort[]?[]? _columns16;
    private readonly object[] _stripes;
    private readonly ConcurrentBag<RouteComputation.ColumnWorkspace> _workspaces = [];
    private int _computed;
    private long _computeTicks;

    public DestinationNextHops(TopologyGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        graph.Freeze();
        _graph = graph;
        int n = graph.NodeCount;
        if (graph.MaxDegree <= byte.MaxValue) _columns8 = new byte[]?[n];
        else if (graph.MaxDegree <= ushort.MaxValue) _columns16 = new ushort[]?[n];
        else throw new NotSupportedException($"a node has degree {graph.MaxDegree}; at most {ushort.MaxValue} are supported");
        _stripes = new object[LockStripes];
        for (int i = 0; i < _stripes.Length; i++) _stripes[i] = new object();
    }

    public TopologyGraph Graph => _graph;
    public int NodeCount => _graph.NodeCount;

    /// <summary>Bytes per stored next hop: 1 or 2.</summary>
    public int BytesPerEntry => _columns8 is not null ? 1 : 2;

    /// <summary>Destinations whose column has been computed so far.</summary>
    public int ColumnsComputed => Volatile.Read(ref _computed);

    /// <summary>Time spent computing columns, summed over threads.</summary>
    public TimeSpan ComputeTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _computeTicks));

    /// <summary>
    /// Bytes held: the column index (8 bytes a node), the computed columns (24-byte header each)
    /// and the search workspaces kept for reuse, not counting the graph.
    /// </summary>
    public long MemoryBytes
    {
        get
        {
            const long header = 24;
            long n = NodeCount;
            long columns = header + n * 8 + ColumnsComputed * (header + n * BytesPerEntry);
            return columns + _workspaces.Count * RouteComputation.ColumnWorkspace.Bytes(_graph, BytesPerEntry);
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

    /// <summary>
    /// Computes the columns of <paramref name="destinations"/> now, in parallel, so that a run
    /// does not stop for them when its first packets ask (the answers are the same either way).
    /// </summary>
    public void Prepare(IEnumerable<int> destinations, int maxDegreeOfParallelism = -1)
    {
        var todo = destinations.Distinct().Where(t => !IsComputed(t)).ToArray();
        // One search per core: Parallel.ForEach's default has no limit, and the thread pool then
        // adds threads (each with a workspace of ~40 bytes a node) that only take turns on the cores.
        int workers = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = workers }, t =>
        {
            if (_columns8 is not null) Column(_columns8, t);
            else Column(_columns16!, t);
        });
    }

    private bool IsComputed(int to)
    {
        if ((uint)to >= (uint)NodeCount) throw new ArgumentOutOfRangeException(nameof(to));
        return _columns8 is not null ? Volatile.Read(ref _columns8[to]) is not null : Volatile.Read(ref _columns16![to]) is not null;
    }

    private int Position(int from, int to)
    {
        if ((uint)from >= (uint)NodeCount) throw new ArgumentOutOfRangeException(nameof(from));
        if (_columns8 is not null)
        {
            byte p = (Volatile.Read(ref _columns8[to]) ?? Column(_columns8, to))[from];
            return p == byte.MaxValue ? -1 : p;
        }
        ushort q = (Volatile.Read(ref _columns16![to]) ?? Column(_columns16, to))[from];
        return q == ushort.MaxValue ? -1 : q;
    }

    private T[] Column<T>(T[]?[] columns, int to)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        if ((uint)to >= (uint)NodeCount) throw new ArgumentOutOfRangeException(nameof(to));
        lock (_stripes[to % LockStripes])
        {
            if (Volatile.Read(ref columns[to]) is { } done) return done;
            long start = Stopwatch.GetTimestamp();
            if (!_workspaces.TryTake(out var ws)) ws = new RouteComputation.ColumnWorkspace(_graph);
            // Pinned, like the all-pairs rows: columns live as long as the routes, and on the
            // normal heap every gen-2 collection would move them.
            var column = GC.AllocateUninitializedArray<T>(NodeCount, pinned: true);
            RouteComputation.ComputeColumn(_graph, to, ws, column);
            _workspaces.Add(ws);
            Volatile.Write(ref columns[to], column);
            Interlocked.Increment(ref _computed);
            Interlocked.Add(ref _computeTicks, Stopwatch.GetTimestamp() - start);
            return column;
        }
    }
}
