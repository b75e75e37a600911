using System.Numerics;

namespace ActorNet.Core.Topology;

/// <summary>
/// All-pairs shortest-path next hops: one single-source search per router, sources in parallel.
///
/// Tie-break (the rule tests check exactly): among all shortest paths from s to t, take the one
/// whose first link has the lowest link index; NextLink(s, t) =
/// min { l : l joins s and v, w(l) + dist(v, t) == dist(s, t) }.
/// Only the first hop is chosen this way; the routers after it apply the same rule for
/// themselves, so following NextLink hop by hop walks a shortest path.
///
/// How: Dijkstra from s with labels (dist, firstHop) ordered lexicographically, firstHop being
/// the position of the first link in s's adjacency (which <see cref="TopologyGraph.Freeze"/>
/// keeps in link-index order). The heap is keyed on dist alone: weights are positive, so every
/// predecessor of u on a shortest path has a smaller dist and has relaxed u before u is popped;
/// an equal-dist relaxation only lowers firstHop. So firstHop is final when u is popped.
/// The queue is a circular bucket queue (Dial) when weights are small integers
/// (MaxWeight &lt; <see cref="BucketQueueMaxWeight"/>), else a 4-ary heap; when all weights are
/// equal the search is a BFS with the same rule.
/// Each row depends only on the graph, so the table is identical for any thread count.
/// Per thread: a handful of N-sized arrays reused for every source; no allocation per source.
/// </summary>
public static partial class RouteComputation
{
    /// <summary>Weights below this use the bucket queue: at most 64 bitmap words scanned per pop.</summary>
    public const long BucketQueueMaxWeight = 4096;

    public static NextHopTable Compute(TopologyGraph g, int maxDegreeOfParallelism = -1, bool storeDistances = false)
    {
        ArgumentNullException.ThrowIfNull(g);
        g.Freeze();
        int n = g.NodeCount;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        long[][]? distances = storeDistances ? new long[n][] : null;

        if (g.MaxDegree <= byte.MaxValue)
        {
            var rows = new byte[n][];
            Run(g, rows, distances, options);
            return new NextHopTable(g, rows, null, distances);
        }
        if (g.MaxDegree <= ushort.MaxValue)
        {
            var rows = new ushort[n][];
            Run(g, rows, distances, options);
            return new NextHopTable(g, null, rows, distances);
        }
        throw new NotSupportedException($"a node has degree {g.MaxDegree}; at most {ushort.MaxValue} are supported");
    }

    private static void Run<T>(TopologyGraph g, T[][] rows, long[][]? distances, ParallelOptions options)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        int n = g.NodeCount;
        // A fixed set of workers, each with one workspace, pulling sources from a shared
        // counter. (Parallel.For's localInit runs per task, and it replaces its tasks often:
        // that allocated hundreds of workspaces for 10,000 sources.)
        int workers = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        workers = Math.Max(1, Math.Min(workers, n));
        int next = -1;
        Parallel.For(0, workers, options, _ =>
        {
            var ws = new Workspace(g);
            for (int s = Interlocked.Increment(ref next); s < n; s = Interlocked.Increment(ref next))
            {
                // Pinned heap, uninitialized (the search fills every entry): rows live as long
                // as the table, and 80 KB distance rows sit just under the large-object
                // threshold, so on the normal heap every GC generation copied them (10,000
                // routers: ~140,000 gen-1 collections and twice the run time).
                var row = GC.AllocateUninitializedArray<T>(n, pinned: true);
                var dist = distances is null ? null : GC.AllocateUninitializedArray<long>(n, pinned: true);
                if (g.UniformWeight > 0) Bfs(g, s, ws, row, dist);
                else if (ws.Buckets is not null) DijkstraBuckets(g, s, ws, row, dist);
                else Dijkstra(g, s, ws, row, dist);
                rows[s] = row;
                if (distances is not null) distances[s] = dist!;
            }
        });
    }

    /// <summary>Buffers one thread reuses for every source it runs.</summary>
    internal sealed class Workspace
    {
        public readonly long[] Dist;
        public readonly int[] FirstHop;
        public readonly int[] HeapNode;    // also the BFS queue
        public readonly long[] HeapKey;
        public readonly int[] HeapPos;     // node -> index in the heap, while in it
        public readonly BucketStore? Buckets;

        public Workspace(TopologyGraph g)
        {
            int n = g.NodeCount;
            (Dist, FirstHop, HeapNode) = (new long[n], new int[n], new int[n]);
            bool buckets = g.UniformWeight == 0 && g.MaxWeight < BucketQueueMaxWeight;
            (HeapKey, HeapPos) = buckets ? ([], []) : (new long[n], new int[n]);
            Buckets = buckets ? new BucketStore((int)g.MaxWeight + 1, g.ArcNode.Length) : null;
        }
    }

    /// <summary>
    /// Circular buckets for Dial's algorithm: bucket d mod C holds nodes queued at distance d.
    /// With C = MaxWeight + 1 every queued distance lies in [current, current + C - 1], so a
    /// bucket never mixes two live distances. Buckets are LIFO lists threaded through Entry*;
    /// a node is queued again on each strict improvement and the stale entry is skipped
    /// (dist no longer equals the bucket's distance). Each arc queues at most once, so the
    /// entry pool is as long as the arc array. A bitmap of non-empty buckets skips empty ones.
    /// </summary>
    internal sealed class BucketStore(int c, int arcs)
    {
        public readonly int C = c;
        public readonly int[] Head = Filled(c, -1);
        public readonly ulong[] NonEmpty = new ulong[(c + 63) >> 6];
        public readonly int[] EntryNode = new int[Math.Max(arcs, 1)];
        public readonly int[] EntryNext = new int[Math.Max(arcs, 1)];

        private static int[] Filled(int length, int value)
        {
            var a = new int[length];
            a.AsSpan().Fill(value);
            return a;
        }

        /// <summary>The first non-empty bucket at or after <paramref name="from"/>, wrapping; -1 if none.</summary>
        public int NextNonEmpty(int from)
        {
            ulong[] bits = NonEmpty;
            int word = from >> 6;
            ulong w = bits[word] & (ulong.MaxValue << (from & 63));
            for (int i = 0; i <= bits.Length; i++)
            {
                if (w != 0) return (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(w);
                word = word + 1 == bits.Length ? 0 : word + 1;
                w = bits[word];
            }
            return -1;
        }
    }

    private static void DijkstraBuckets<T>(TopologyGraph g, int s, Workspace ws, T[] row, long[]? distRow)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        int[] off = g.Offsets, arcNode = g.ArcNode;
        long[] arcWeight = g.ArcWeight;
        long[] dist = ws.Dist;
        int[] fh = ws.FirstHop;
        var b = ws.Buckets!;
        int c = b.C;
        int[] head = b.Head, entryNode = b.EntryNode, entryNext = b.EntryNext;
        ulong[] nonEmpty = b.NonEmpty;
        int entries = 0;

        dist.AsSpan().Fill(long.MaxValue);
        row.AsSpan().Fill(T.MaxValue);
        distRow?.AsSpan().Fill(NextHopTable.Unreachable);
        dist[s] = 0;
        if (distRow is not null) distRow[s] = 0;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        void Queue(int v, long d)
        {
            int bucket = (int)(d % c);
            entryNode[entries] = v;
            entryNext[entries] = head[bucket];
            head[bucket] = entries++;
            nonEmpty[bucket >> 6] |= 1UL << bucket;   // ulong shifts use the low 6 bits: bucket mod 64
        }

        for (int a = off[s], end = off[s + 1]; a < end; a++)
        {
            int v = arcNode[a];
            long w = arcWeight[a];
            if (w >= dist[v]) continue;   // parallel link: the earlier one stays on a tie
            dist[v] = w;
            fh[v] = a - off[s];
            Queue(v, w);
        }

        long cur = 0;
        int at = 0;   // cur mod c
        while (true)
        {
            int next = b.NextNonEmpty(at);
            if (next < 0) break;
            cur += next >= at ? next - at : next + c - at;
            at = next;
            // Drain: relaxations from distance cur land in other buckets (weights are 1..c-1).
            int e = head[at];
            head[at] = -1;
            nonEmpty[at >> 6] &= ~(1UL << at);
            for (; e >= 0; e = entryNext[e])
            {
                int u = entryNode[e];
                if (dist[u] != cur) continue;   // stale: improved since queued
                int f = fh[u];
                row[u] = T.CreateTruncating(f);
                if (distRow is not null) distRow[u] = cur;
                for (int a = off[u], end = off[u + 1]; a < end; a++)
                {
                    int v = arcNode[a];
                    long nd = cur + arcWeight[a];
                    long dv = dist[v];
                    if (nd < dv)
                    {
                        dist[v] = nd;
                        fh[v] = f;
                        Queue(v, nd);
                    }
                    else if (nd == dv && f < fh[v])
                    {
                        fh[v] = f;
                    }
                }
            }
        }
    }

    private static void Dijkstra<T>(TopologyGraph g, int s, Workspace ws, T[] row, long[]? distRow)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        int[] off = g.Offsets, arcNode = g.ArcNode;
        long[] arcWeight = g.ArcWeight;
        long[] dist = ws.Dist;
        int[] fh = ws.FirstHop;
        var heap = new Heap(ws.HeapNode, ws.HeapKey, ws.HeapPos);

        dist.AsSpan().Fill(long.MaxValue);
        row.AsSpan().Fill(T.MaxValue);
        distRow?.AsSpan().Fill(NextHopTable.Unreachable);
        dist[s] = 0;
        if (distRow is not null) distRow[s] = 0;

        // s's own links: the first hop is the link's position; arcs ascend, so on an equal
        // weight (parallel links) the earlier one stays.
        for (int a = off[s], end = off[s + 1]; a < end; a++)
        {
            int v = arcNode[a];
            long w = arcWeight[a];
            if (w >= dist[v]) continue;
            bool queued = dist[v] != long.MaxValue;
            dist[v] = w;
            fh[v] = a - off[s];
            if (queued) heap.Decrease(v, w); else heap.Push(v, w);
        }

        while (heap.Count > 0)
        {
            int u = heap.Pop();
            long du = dist[u];
            int f = fh[u];
            row[u] = T.CreateTruncating(f);
            if (distRow is not null) distRow[u] = du;
            for (int a = off[u], end = off[u + 1]; a < end; a++)
            {
                int v = arcNode[a];
                long nd = du + arcWeight[a];
                long dv = dist[v];
                if (nd < dv)
                {
                    dist[v] = nd;
                    fh[v] = f;
                    if (dv == long.MaxValue) heap.Push(v, nd); else heap.Decrease(v, nd);
                }
                else if (nd == dv && f < fh[v])
                {
                    fh[v] = f;   // v is still queued: a popped v has dist <= du < nd
                }
            }
        }
    }

    private static void Bfs<T>(TopologyGraph g, int s, Workspace ws, T[] row, long[]? distRow)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        int[] off = g.Offsets, arcNode = g.ArcNode;
        long weight = g.UniformWeight;
        long[] level = ws.Dist;
        int[] fh = ws.FirstHop, queue = ws.HeapNode;
        int head = 0, tail = 0;

        level.AsSpan().Fill(-1);
        row.AsSpan().Fill(T.MaxValue);
        distRow?.AsSpan().Fill(NextHopTable.Unreachable);
        level[s] = 0;
        if (distRow is not null) distRow[s] = 0;

        for (int a = off[s], end = off[s + 1]; a < end; a++)
        {
            int v = arcNode[a];
            if (level[v] >= 0) continue;   // parallel link: the earlier one stays
            level[v] = 1;
            fh[v] = a - off[s];
            queue[tail++] = v;
        }

        // Every level-L node is dequeued before any level-(L+1) node, so a node's first hop
        // has seen all its predecessors when it is dequeued.
        while (head < tail)
        {
            int u = queue[head++];
            long next = level[u] + 1;
            int f = fh[u];
            row[u] = T.CreateTruncating(f);
            if (distRow is not null) distRow[u] = level[u] * weight;
            for (int a = off[u], end = off[u + 1]; a < end; a++)
            {
                int v = arcNode[a];
                long lv = level[v];
                if (lv < 0)
                {
                    level[v] = next;
                    fh[v] = f;
                    queue[tail++] = v;
                }
                else if (lv == next && f < fh[v])
                {
                    fh[v] = f;
                }
            }
        }
    }

    /// <summary>4-ary min-heap of nodes keyed by distance, with positions for decrease-key.</summary>
    private ref struct Heap(int[] node, long[] key, int[] pos)
    {
        private readonly int[] _node = node;
        private readonly long[] _key = key;
        private readonly int[] _pos = pos;
        public int Count;

        public void Push(int v, long k)
        {
            int i = Count++;
            SiftUp(i, v, k);
        }

        public void Decrease(int v, long k) => SiftUp(_pos[v], v, k);

        public int Pop()
        {
            int top = _node[0];
            int last = --Count;
            if (last > 0) SiftDown(_node[last], _key[last], last);
            return top;
        }

        private void SiftUp(int i, int v, long k)
        {
            while (i > 0)
            {
                int parent = (i - 1) >> 2;
                long pk = _key[parent];
                if (pk <= k) break;
                int pv = _node[parent];
                _node[i] = pv;
                _key[i] = pk;
                _pos[pv] = i;
                i = parent;
            }
            _node[i] = v;
            _key[i] = k;
            _pos[v] = i;
        }

        // Places (v, k) starting at the root of a heap of size n.
        private void SiftDown(int v, long k, int n)
        {
            int i = 0;
            while (true)
            {
                int c = (i << 2) + 1;
                if (c >= n) break;
                int best = c;
                long bk = _key[c];
                int stop = Math.Min(c + 4, n);
                for (int j = c + 1; j < stop; j++)
                {
                    long jk = _key[j];
                    if (jk < bk) { bk = jk; best = j; }
                }
                if (bk >= k) break;
                int bv = _node[best];
                _node[i] = bv;
                _key[i] = bk;
                _pos[bv] = i;
                i = best;
            }
            _node[i] = v;
            _key[i] = k;
            _pos[v] = i;
        }
    }
}
