using ActorNet.Core.Network;

namespace ActorNet.Engine.Actors.Placement;

/// <summary>
/// Which worker thread each node and link actor runs on (docs/ARCHITECTURE.md, "Thread affinity").
/// An entity always runs on the same thread, so its state, its mailbox and the packets it keeps stay in
/// that core's cache; only messages between parts cross cores. Measured on fat100 (issue 11): with one shared
/// run queue every actor ran on whichever thread was free, and two threads spent 2.5× the CPU time of one
/// on the same events (mailbox enqueue 6.6×, mailbox dequeue 10×, a router's own packet handling 3× as many
/// samples), because each entity's cache lines moved between the cores at nearly every message.
/// <para>
/// The parts come from recursive bisection by greedy graph growing, balanced by weight (a node weighs 1 + its
/// interfaces: a router forwards per interface), so each part is a connected region of the topology where the
/// topology allows (ns-3's MPI and Unison partitions are regions too) and the links cut are few. A link runs in
/// the part of one of its ends, the lighter part so far. The placement depends only on the topology, never
/// on timing, and results do not depend on it at all (every entity handles its events in key order).
/// </para>
/// </summary>
public sealed class EntityPlacement
{
    private EntityPlacement(int parts, int[] nodePart, int[] linkPart)
    {
        Parts = parts;
        NodePart = nodePart;
        LinkPart = linkPart;
    }

    public int Parts { get; }

    /// <summary>The part of each node, by node id.</summary>
    public IReadOnlyList<int> NodePart { get; }

    /// <summary>The part of each link, by link index (channels 2l and 2l + 1).</summary>
    public IReadOnlyList<int> LinkPart { get; }

    public static EntityPlacement For(NetworkModel network, int parts)
    {
        int links = network.Channels.Count / 2;
        var ends = new (int A, int B)[links];
        for (int l = 0; l < links; l++) ends[l] = (network.Channels[2 * l + 1].ToNode, network.Channels[2 * l].ToNode);
        var weights = network.Nodes.Select(n => 1 + n.Interfaces.Length).ToArray();
        return Compute(weights, ends, parts);
    }

    /// <summary>Splits nodes (with <paramref name="weights"/>) joined by <paramref name="links"/> into <paramref name="parts"/> regions.</summary>
    public static EntityPlacement Compute(IReadOnlyList<int> weights, IReadOnlyList<(int A, int B)> links, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        int n = weights.Count;
        var nodePart = new int[n];
        var linkPart = new int[links.Count];
        if (parts == 1 || n == 0) return new EntityPlacement(1, nodePart, linkPart);

        var neighbours = Neighbours(n, links);
        Bisect(Enumerable.Range(0, n).ToList(), 0, parts, weights, neighbours, nodePart, new int[n]);

        var load = new long[parts];
        for (int i = 0; i < n; i++) load[nodePart[i]] += weights[i];
        for (int l = 0; l < links.Count; l++)
        {
            int a = nodePart[links[l].A], b = nodePart[links[l].B];
            int part = a == b || load[a] <= load[b] ? a : b;
            linkPart[l] = part;
            load[part]++;
        }
        return new EntityPlacement(parts, nodePart, linkPart);
    }

    private static List<int>[] Neighbours(int n, IReadOnlyList<(int A, int B)> links)
    {
        var neighbours = new List<int>[n];
        for (int i = 0; i < n; i++) neighbours[i] = [];
        foreach (var (a, b) in links)
        {
            neighbours[a].Add(b);
            neighbours[b].Add(a);
        }
        return neighbours;
    }

    /// <summary>
    /// Recursive bisection by greedy graph growing: two regions grow breadth-first from the two ends of a long
    /// path through the nodes (a pseudo-peripheral pair), the one lighter for its share taking the next node, until
    /// every node is taken; then each region is split the same way for its parts.
    /// </summary>
    private static void Bisect(List<int> nodes, int firstPart, int parts, IReadOnlyList<int> weights, List<int>[] neighbours, int[] nodePart, int[] region)
    {
        foreach (int v in nodes) nodePart[v] = firstPart;
        if (parts == 1 || nodes.Count < 2) return;
        int leftParts = parts / 2;
        // region[v]: 1 = in this split, not taken; 2 = left; 3 = right; anything else: outside.
        foreach (int v in nodes) region[v] = 1;
        int far = Farthest(nodes[0], neighbours, region);
        int other = Farthest(far, neighbours, region);
        var left = new List<int>();
        var right = new List<int>();
        var frontier = new[] { new Queue<int>(), new Queue<int>() };
        long[] taken = [0, 0];
        long[] share = [leftParts, parts - leftParts];
        int next = 0;   // the lowest node of this split that may still be free (seeds when a frontier runs dry)
        Take(far, 0);
        if (other != far) Take(other, 1);
        while (left.Count + right.Count < nodes.Count)
        {
            // The side further below its share takes the next node: taken[0] / share[0] <= taken[1] / share[1].
            int side = taken[0] * share[1] <= taken[1] * share[0] ? 0 : 1;
            int v = -1;
            while (frontier[side].TryDequeue(out int f))
                if (region[f] == 1)
                {
                    v = f;
                    break;
                }
            if (v < 0)
            {
                while (region[nodes[next]] != 1) next++;
                v = nodes[next];
            }
            Take(v, side);
        }
        foreach (int v in nodes) region[v] = 0;
        Bisect(left, firstPart, leftParts, weights, neighbours, nodePart, region);
        Bisect(right, firstPart + leftParts, parts - leftParts, weights, neighbours, nodePart, region);

        void Take(int v, int side)
        {
            region[v] = 2 + side;
            (side == 0 ? left : right).Add(v);
            taken[side] += weights[v];
            foreach (int u in neighbours[v])
                if (region[u] == 1) frontier[side].Enqueue(u);
        }
    }

    /// <summary>The last node a breadth-first search from <paramref name="root"/> reaches within the split (region 1).</summary>
    private static int Farthest(int root, List<int>[] neighbours, int[] region)
    {
        var queue = new Queue<int>();
        var seen = new HashSet<int> { root };
        queue.Enqueue(root);
        int last = root;
        while (queue.TryDequeue(out int node))
        {
            last = node;
            foreach (int next in neighbours[node])
                if (region[next] == 1 && seen.Add(next)) queue.Enqueue(next);
        }
        return last;
    }
}
