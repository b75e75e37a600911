using System.Numerics;

namespace ActorNet.Core.Topology;

/// <summary>One destination's column of next hops, for <see cref="DestinationNextHops"/>.</summary>
public static partial class RouteComputation
{
    /// <summary>
    /// Dijkstra from <paramref name="to"/> for distances only (no first hops: a column derives them
    /// from the distances). A node with a single link (a host behind its router, half the nodes of a
    /// generated topology) is never queued: it is reached only through its one neighbour, so its
    /// distance is final when that neighbour is popped, and it relaxes nothing new. That halves the
    /// heap on such topologies, and the heap is most of a column's time.
    /// </summary>
    private static void DistancesTo(TopologyGraph g, int to, Workspace ws, long[] dist)
    {
        int[] off = g.Offsets, arcNode = g.ArcNode;
        long[] arcWeight = g.ArcWeight;
        var heap = new Heap(ws.HeapNode, ws.HeapKey, ws.HeapPos);
        dist.AsSpan().Fill(NextHopTable.Unreachable);
        dist[to] = 0;
        heap.Push(to, 0);
        while (heap.Count > 0)
        {
            int u = heap.Pop();
            long du = dist[u];
            for (int a = off[u], end = off[u + 1]; a < end; a++)
            {
                int v = arcNode[a];
                long nd = du + arcWeight[a];
                long dv = dist[v];
                if (nd >= dv) continue;
                dist[v] = nd;
                if (off[v + 1] - off[v] == 1) continue;   // a leaf: final now, nothing to relax from it
                if (dv == NextHopTable.Unreachable) heap.Push(v, nd); else heap.Decrease(v, nd);
            }
        }
    }

    /// <summary>What one thread reuses for every column it computes: the search's buffers and a distance row.</summary>
    internal sealed class ColumnWorkspace(TopologyGraph g)
    {
        public readonly Workspace Search = new(g);
        public readonly long[] Distance = new long[g.NodeCount];
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
        else DistancesTo(g, to, ws.Search, dist);

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
