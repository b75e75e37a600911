using ActorNet.Core.Addressing;
using ActorNet.Core.Time;
using ActorNet.Core.Topology;
using ActorNet.Core.Units;

namespace ActorNet.Core.Scenarios.Generators;

public enum GeneratedTopologyKind
{
    FatTree,
    Random,
    Chain,
    Ring,
}

/// <summary>
/// What the <c>generate</c> section of a scenario asks for (docs/SCENARIOS.md, "Generated
/// topologies"), already checked by the validator: the builder trusts it.
/// </summary>
public sealed record TopologyParameters
{
    public required GeneratedTopologyKind Kind { get; init; }
    /// <summary>Fat-tree: k, even, 2..48.</summary>
    public int K { get; init; }
    /// <summary>Random, chain, ring: number of routers.</summary>
    public int Routers { get; init; }
    /// <summary>Random: average degree of the router graph.</summary>
    public int Degree { get; init; } = 4;
    /// <summary>Random: the seed of the graph (System.Random, see <see cref="RandomTopology"/>).</summary>
    public int TopologySeed { get; init; }
    /// <summary>Random, chain, ring: hosts behind each router.</summary>
    public int HostsPerRouter { get; init; } = 1;
    public required DataRate Rate { get; init; }
    /// <summary>Delay of router–router links, or (random) the lower end of the range.</summary>
    public required SimTime MinDelay { get; init; }
    /// <summary>Equal to <see cref="MinDelay"/> for a fixed delay; random delays are uniform in whole ns in [MinDelay, MaxDelay].</summary>
    public required SimTime MaxDelay { get; init; }
    public required DataRate HostRate { get; init; }
    public required SimTime HostDelay { get; init; }
    public QueueLimit Queue { get; init; } = QueueLimit.Default;
    /// <summary>Each link takes the next /30 of the pool, in link order.</summary>
    public Ipv4Prefix AddressPool { get; init; } = new(new Ipv4Address(10, 0, 0, 0), 8);
}

/// <summary>A generated host and the address of its (first) interface, in generation order.</summary>
public readonly record struct GeneratedHost(string Name, IpAddress Address);

public sealed record GeneratedTopology(IReadOnlyList<NodeSpec> Nodes, IReadOnlyList<LinkSpec> Links, IReadOnlyList<GeneratedHost> Hosts);

/// <summary>
/// Expands a <see cref="TopologyParameters"/> into ordinary nodes and links, so the engines and
/// the validator see the same <see cref="Scenario"/> model as for a hand-written file.
/// Deterministic: the same parameters give the same names, links, order and addresses.
/// Addresses: link i gets the i-th /30 of the pool; side a is .1, side b is .2. Host links put
/// the router (or edge switch) on side a and the host on side b.
/// </summary>
public static class TopologyGenerator
{
    /// <summary>The number of links the parameters make (to size the address pool before building).</summary>
    public static long LinkCount(TopologyParameters p) => p.Kind switch
    {
        // 3k³/4: k³/4 of each kind (core–agg, agg–edge, edge–host).
        GeneratedTopologyKind.FatTree => 3L * p.K * p.K * p.K / 4,
        GeneratedTopologyKind.Random => RandomRouterLinks(p.Routers, p.Degree) + (long)p.Routers * p.HostsPerRouter,
        GeneratedTopologyKind.Chain => p.Routers - 1 + (long)p.Routers * p.HostsPerRouter,
        GeneratedTopologyKind.Ring => p.Routers + (long)p.Routers * p.HostsPerRouter,
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    /// <summary>As <see cref="RandomTopology.Build"/> counts them: a spanning tree at least, n·degree/2 if more.</summary>
    public static long RandomRouterLinks(int routers, int degree)
    {
        long possible = (long)routers * (routers - 1) / 2;
        return Math.Min(possible, Math.Max(routers - 1, (long)routers * degree / 2));
    }

    /// <summary>How many /30 subnets a pool holds (2^(30 − length)); 0 for a pool longer than /30.</summary>
    public static long PoolCapacity(Ipv4Prefix pool) => pool.Length > 30 ? 0 : 1L << (30 - pool.Length);

    public static GeneratedTopology Build(TopologyParameters p, SourceSpan at)
    {
        var b = new Builder(p, at);
        switch (p.Kind)
        {
            case GeneratedTopologyKind.FatTree: b.FatTree(); break;
            case GeneratedTopologyKind.Random: b.Random(); break;
            case GeneratedTopologyKind.Chain: b.ChainOrRing(ring: false); break;
            case GeneratedTopologyKind.Ring: b.ChainOrRing(ring: true); break;
            default: throw new ArgumentOutOfRangeException(nameof(p));
        }
        return new GeneratedTopology(b.Nodes, b.Links, b.Hosts);
    }

    private sealed class Builder(TopologyParameters p, SourceSpan at)
    {
        public List<NodeSpec> Nodes { get; } = [];
        public List<LinkSpec> Links { get; } = [];
        public List<GeneratedHost> Hosts { get; } = [];

        private void Node(string name, NodeKind kind) => Nodes.Add(new NodeSpec(name, kind, at));

        private LinkSpec Link(string a, string b, DataRate rate, SimTime delay)
        {
            long capacity = PoolCapacity(p.AddressPool);
            if (Links.Count >= capacity)
                throw new InvalidOperationException($"address pool {p.AddressPool} holds {capacity} /30 subnets; check LinkCount first");
            uint network = p.AddressPool.Network.Value + 4u * (uint)Links.Count;
            var link = new LinkSpec
            {
                Name = a + "-" + b,
                NodeA = a,
                NodeB = b,
                Subnet = new Ipv4Prefix(new Ipv4Address(network), 30),
                AddressA = new Ipv4Address(network + 1),
                AddressB = new Ipv4Address(network + 2),
                Rate = rate,
                Delay = delay,
                QueueA = p.Queue,
                QueueB = p.Queue,
                At = at,
            };
            Links.Add(link);
            return link;
        }

        private void HostLink(string router, string host)
        {
            Node(host, NodeKind.Host);
            var link = Link(router, host, p.HostRate, p.HostDelay);
            Hosts.Add(new GeneratedHost(host, link.AddressB));
        }

        /// <summary>
        /// Al-Fares et al. (SIGCOMM 2008), wired as <see cref="RandomTopology.FatTree"/>: aggregation
        /// switch i of each pod to cores i·k/2 .. i·k/2 + k/2 − 1, every edge switch to every
        /// aggregation switch of its pod, k/2 hosts per edge switch.
        /// </summary>
        public void FatTree()
        {
            int k = p.K, half = k / 2;
            for (int c = 0; c < half * half; c++) Node($"core-{c}", NodeKind.Router);
            for (int pod = 0; pod < k; pod++)
            {
                for (int i = 0; i < half; i++) Node($"agg-{pod}-{i}", NodeKind.Router);
                for (int j = 0; j < half; j++) Node($"edge-{pod}-{j}", NodeKind.Router);
            }
            for (int pod = 0; pod < k; pod++)
                for (int i = 0; i < half; i++)
                    for (int c = 0; c < half; c++)
                        Link($"agg-{pod}-{i}", $"core-{i * half + c}", p.Rate, p.MinDelay);
            for (int pod = 0; pod < k; pod++)
                for (int j = 0; j < half; j++)
                    for (int i = 0; i < half; i++)
                        Link($"edge-{pod}-{j}", $"agg-{pod}-{i}", p.Rate, p.MinDelay);
            for (int pod = 0; pod < k; pod++)
                for (int j = 0; j < half; j++)
                    for (int x = 0; x < half; x++)
                        HostLink($"edge-{pod}-{j}", $"host-{pod}-{j}-{x}");
        }

        /// <summary>Routers r0..r(n−1) as <see cref="RandomTopology.Build"/> links them; link weights are the delays in ns.</summary>
        public void Random()
        {
            var graph = RandomTopology.Build(p.Routers, p.Degree, p.TopologySeed, p.MinDelay.Nanoseconds, p.MaxDelay.Nanoseconds);
            for (int r = 0; r < p.Routers; r++) Node($"r{r}", NodeKind.Router);
            for (int l = 0; l < graph.LinkCount; l++)
            {
                var t = graph.GetLink(l);
                Link($"r{t.A}", $"r{t.B}", p.Rate, SimTime.FromNanoseconds(t.Weight));
            }
            AddRouterHosts();
        }

        /// <summary>r0 — r1 — … — r(n−1), and for a ring r(n−1) — r0.</summary>
        public void ChainOrRing(bool ring)
        {
            for (int r = 0; r < p.Routers; r++) Node($"r{r}", NodeKind.Router);
            for (int r = 0; r + 1 < p.Routers; r++) Link($"r{r}", $"r{r + 1}", p.Rate, p.MinDelay);
            if (ring) Link($"r{p.Routers - 1}", "r0", p.Rate, p.MinDelay);
            AddRouterHosts();
        }

        /// <summary>Host hN behind router rN; with several per router, hN-0, hN-1, ….</summary>
        private void AddRouterHosts()
        {
            for (int r = 0; r < p.Routers; r++)
                for (int x = 0; x < p.HostsPerRouter; x++)
                    HostLink($"r{r}", p.HostsPerRouter == 1 ? $"h{r}" : $"h{r}-{x}");
        }
    }
}
