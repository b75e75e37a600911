using System.Numerics;

namespace ActorNet.Core.Topology;

/// <summary>One destination's column of next hops, for <see cref="DestinationNextHops"/>.</summary>
public static partial class RouteComputation
{
    /// <summary>
    /// Dijkstra from <paramref name="to"/> for distances only (no first hops: a column derives them
    /// from the distances, so the order among equal distances does not matter and a queue without
    /// a tie rule will do). The queue is a radix heap (Ahuja, Mehlhorn, Orlin, Tarjan 1990): keys
    /// popped never decrease, so an entry goes to the bucket of the highest bit in which its key
    /// differs from the last key popped, and each entry moves down at most 64 times; no sift, no
    /// decrease-key (an improved node is queued again and the stale entry skipped). A node with a
    /// single link (a host behind its router, half the nodes of a generated topology) is never
    /// queued: it is reached only through its one neighbour, so its distance is final when that
    /// neighbour is popped, and it relaxes nothing new.
    /// </summary>
    private static void DistancesTo(TopologyGraph g, int to, RadixHeap heap, long[] dist)
    {
        int[] off = g.Offsets, arcNode = g.ArcNode;
        long[] arcWeight = g.ArcWeight;
        dist.AsSpan().Fill(NextHopTable.Unreachable);
        dist[to] = 0;
        heap.Reset();
        heap.Push(to, 0);
        while (heap.TryPop(out int u, out long du))
        {
            if (du != dist[u]) continue;   // stale: improved since queued
            for (int a = off[u], end = off[u + 1]; a < end; a++)
            {
                int v = arcNode[a];
                long nd = du + arcWeight[a];
                if (nd >= dist[v]) continue;
                dist[v] = nd;
                if (off[v + 1] - off[v] != 1) heap.Push(v, nd);   // a leaf is final now
            }
        }
    }

    /// <summary>A monotone priority queue of (node, key) for non-negative keys; see <see cref="DistancesTo"/>.</summary>
    internal sealed class RadixHeap
    {
        private readonly int[][] _node = new int[65][];
        private readonly long[][] _key = new long[65][];
        private readonly int[] _count = new int[65];
        private long _last;

        public RadixHeap()
        {
            for (int b = 0; b < 65; b++) (_node[b], _key[b]) = (new int[16], new long[16]);
        }

        public void Reset()
        {
            Array.Clear(_count);
            _last = 0;
        }

        private int Bucket(long key) => key == _last ? 0 : 64 - BitOperations.LeadingZeroCount((ulong)(key ^ _last));

        public void Push(int node, long key)
        {
            int b = Bucket(key);
            int c = _count[b]++;
            if (c == _node[b].Length)
            {
                Array.Resize(ref _node[b], c * 2);
                Array.Resize(ref _key[b], c * 2);
            }
            _node[b][c] = node;
            _key[b][c] = key;
        }

        public bool TryPop(out int node, out long key)
        {
            if (_count[0] == 0)
            {
                int b = 1;
                while (b < 65 && _count[b] == 0) b++;
                if (b == 65)
                {
                    (node, key) = (-1, 0);
                    return false;
                }
                // The smallest key of the first non-empty bucket becomes the last popped; every
                // entry of that bucket then belongs to a lower one.
                int[] nodes = _node[b];
                long[] keys = _key[b];
                int n = _count[b];
                long min = long.MaxValue;
                for (int i = 0; i < n; i++) min = Math.Min(min, keys[i]);
                _last = min;
                _count[b] = 0;
                for (int i = 0; i < n; i++) Push(nodes[i], keys[i]);
            }
            int top = --_count[0];
            (node, key) = (_node[0][top], _key[0][top]);
            return true;
        }
    }

    /// <summary>What one thread reuses for every column it computes: the search's buffers and a distance row.</summary>
    internal sealed class ColumnWorkspace(TopologyGraph g)
    {
        public readonly Workspace Search = new(g);
        public readonly long[] Distance = new long[g.NodeCount];
        public readonly RadixHeap Radix = new();
        /// <summary>The search also writes next hops away from the destination; they are not needed, only somewhere to go.</summary>
        public Array? Scratch;

        /// <summary>About what one workspace holds: the search's arrays, the distance row and the scratch row.</summary>
        public static long Bytes(TopologyGraph g, int bytesPerEntry)
        {
            long n = g.NodeCount;
            bool buckets = g.UniformWeight == 0 && g.MaxWeight < BucketQueueMaxWeight;
            long search = n * (8 + 4 + 4) + (buckets ? (g.MaxWeight + 1) * 4 + 2L * g.ArcNode.Length * 4 : n * (8 + 4));
            return search + n * 8 + n * bytesPerEntry;
        }
    }

    /// <summary>
    /// Fills <paramref name="column"/>[s] with the position, in s's adjacency, of the link s leaves
    /// by towards <paramref name="to"/>, <c>T.MaxValue</c> for <paramref name="to"/> itself and for
    /// nodes that cannot reach it. The same rule as <see cref="Compute"/>: the lowest link index l
    /// = (s, v) with w(l) + dist(v, to) == dist(s, to). Distances come from one search started at
    /// <paramref name="to"/> (the same BFS, bucket queue or heap as a row), valid because links are
    /// undirected and so dist(v, to) == dist(to, v).
    /// </summary>
    internal static void ComputeColumn<T>(TopologyGraph g, int to, ColumnWorkspace ws, T[] column)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        int n = g.NodeCount;
        if (ws.Scratch is not T[] scratch) ws.Scratch = scratch = new T[n];
        long[] dist = ws.Distance;
        if (g.UniformWeight > 0) Bfs(g, to, ws.Search, scratch, dist);
        else if (ws.Search.Buckets is not null) DijkstraBuckets(g, to, ws.Search, scratch, dist);
        else DistancesTo(g, to, ws.Radix, dist);

        int[] off = g.Offsets, arcNode = g.ArcNode;
        long[] arcWeight = g.ArcWeight;
        for (int s = 0; s < n; s++)
        {
            long ds = dist[s];
            T found = T.MaxValue;
            if (s != to && ds != NextHopTable.Unreachable)
            {
                for (int a = off[s], end = off[s + 1]; a < end; a++)
                {
                    long dv = dist[arcNode[a]];
                    if (dv != NextHopTable.Unreachable && dv + arcWeight[a] == ds)
                    {
                        found = T.CreateTruncating(a - off[s]);
                        break;
                    }
                }
            }
            column[s] = found;
        }
    }
}
