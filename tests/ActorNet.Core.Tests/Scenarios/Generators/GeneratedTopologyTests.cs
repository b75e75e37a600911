using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Tests.Scenarios.Generators;

/// <summary>
/// The <c>generate</c> section, loaded through <see cref="ScenarioLoader"/> so the tests see what
/// the engines see: the shapes and counts of each topology, addresses, and how generated and
/// hand-written parts combine.
/// </summary>
public class GeneratedTopologyTests
{
    internal static Scenario Load(string generate, string extra = "", string head = "stop-at = 1s")
    {
        var r = ScenarioLoader.LoadFromText($"{head}\ngenerate {{\n{generate}\n}}\n{extra}\n", "gen.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Scenario;
    }

    /// <summary>Hop counts from <paramref name="from"/> to every node (breadth-first over the links).</summary>
    private static Dictionary<string, int> Hops(Scenario s, string from)
    {
        var adjacent = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var n in s.Nodes) adjacent[n.Name] = [];
        foreach (var l in s.Links)
        {
            adjacent[l.NodeA].Add(l.NodeB);
            adjacent[l.NodeB].Add(l.NodeA);
        }
        var hops = new Dictionary<string, int>(StringComparer.Ordinal) { [from] = 0 };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            foreach (var m in adjacent[n])
                if (hops.TryAdd(m, hops[n] + 1)) queue.Enqueue(m);
        }
        return hops;
    }

    private static int Count(Scenario s, NodeKind kind) => s.Nodes.Count(n => n.Kind == kind);

    // Al-Fares et al.: (k/2)² core + k pods × (k/2 aggregation + k/2 edge) = 5k²/4 switches;
    // k/2 hosts per edge switch = k³/4 hosts; links core–agg k·(k/2)², agg–edge k·(k/2)², edge–host k³/4 = 3k³/4.
    [Theory]
    [InlineData(4, 20, 16, 48)]
    [InlineData(8, 80, 128, 384)]
    public void Fat_tree_has_the_textbook_counts(int k, int routers, int hosts, int links)
    {
        var s = Load($"topology = fat-tree, k = {k}, rate = 10Gbit/s, delay = 10us");
        Assert.Equal(routers, Count(s, NodeKind.Router));
        Assert.Equal(hosts, Count(s, NodeKind.Host));
        Assert.Equal(links, s.Links.Count);
        Assert.Equal(k * k / 4, s.Nodes.Count(n => n.Name.StartsWith("core-", StringComparison.Ordinal)));
        Assert.Equal(k * k / 2, s.Nodes.Count(n => n.Name.StartsWith("agg-", StringComparison.Ordinal)));
        Assert.Equal(k * k / 2, s.Nodes.Count(n => n.Name.StartsWith("edge-", StringComparison.Ordinal)));
        Assert.All(s.Links, l => Assert.Equal(DataRate.FromMbps(10_000), l.Rate));
        Assert.All(s.Links, l => Assert.Equal(SimTime.FromMicroseconds(10), l.Delay));
        // Every switch uses exactly k ports (core: k pods; agg: k/2 up, k/2 down; edge: k/2 up, k/2 hosts).
        foreach (var n in s.Nodes.Where(n => n.Kind == NodeKind.Router))
            Assert.Equal(k, s.Links.Count(l => l.NodeA == n.Name || l.NodeB == n.Name));
    }

    /// <summary>
    /// By construction: hosts on one edge switch are 2 hops apart (host–edge–host), in one pod 4
    /// (host–edge–agg–edge–host), in different pods 6 (… agg–core–agg …).
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void Every_fat_tree_host_reaches_every_other_in_2_4_or_6_hops(int k)
    {
        var s = Load($"topology = fat-tree, k = {k}, rate = 1Gbit/s, delay = 10us");
        var hosts = s.Nodes.Where(n => n.Kind == NodeKind.Host).Select(n => n.Name).ToList();
        foreach (var from in hosts)
        {
            var hops = Hops(s, from);
            var (pod, edge) = PodAndEdge(from);
            foreach (var to in hosts.Where(h => h != from))
            {
                var (pod2, edge2) = PodAndEdge(to);
                int expected = pod != pod2 ? 6 : edge != edge2 ? 4 : 2;
                Assert.Equal(expected, hops[to]);
            }
        }

        static (string Pod, string Edge) PodAndEdge(string host)
        {
            var parts = host.Split('-');   // host-<pod>-<edge>-<i>
            return (parts[1], parts[2]);
        }
    }

    [Fact]
    public void Fat_tree_names_follow_pods_and_edges()
    {
        var s = Load("topology = fat-tree, k = 4, rate = 1Gbit/s, delay = 10us");
        var names = s.Nodes.Select(n => n.Name).ToHashSet();
        Assert.Contains("core-3", names);
        Assert.Contains("agg-3-1", names);
        Assert.Contains("edge-0-1", names);
        Assert.Contains("host-3-1-1", names);
        Assert.DoesNotContain("core-4", names);
        var hostLink = s.Links.Single(l => l.NodeB == "host-2-1-0");
        Assert.Equal("edge-2-1", hostLink.NodeA);
    }

    [Fact]
    public void Host_links_take_host_rate_and_host_delay_and_every_link_the_queue()
    {
        var s = Load("topology = fat-tree, k = 4, rate = 10Gbit/s, delay = 10us, host-rate = 1Gbit/s, host-delay = 2us, queue = 50p");
        foreach (var l in s.Links)
        {
            bool toHost = l.NodeB.StartsWith("host-", StringComparison.Ordinal);
            Assert.Equal(toHost ? DataRate.FromMbps(1000) : DataRate.FromMbps(10_000), l.Rate);
            Assert.Equal(toHost ? SimTime.FromMicroseconds(2) : SimTime.FromMicroseconds(10), l.Delay);
            Assert.Equal(new QueueLimit(50, 0), l.QueueA);
            Assert.Equal(new QueueLimit(50, 0), l.QueueB);
        }
    }

    [Fact]
    public void Each_link_takes_the_next_slash_30_of_the_pool_and_no_address_repeats()
    {
        var s = Load("topology = fat-tree, k = 8, rate = 1Gbit/s, delay = 10us, address-pool = 172.16.0.0/12");
        var pool = IpPrefix.Parse("172.16.0.0/12");
        for (int i = 0; i < s.Links.Count; i++)
        {
            var l = s.Links[i];
            uint network = pool.Network.V4.Value + 4u * (uint)i;
            Assert.Equal((IpPrefix)new Ipv4Prefix(new Ipv4Address(network), 30), l.Subnet);
            Assert.Equal((IpAddress)new Ipv4Address(network + 1), l.AddressA);
            Assert.Equal((IpAddress)new Ipv4Address(network + 2), l.AddressB);
        }
        var all = s.Links.SelectMany(l => new[] { l.AddressA, l.AddressB }).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(s.Links.Count, s.Links.Select(l => l.Name).Distinct().Count());
    }

    [Fact]
    public void Default_pool_is_10_slash_8()
    {
        var s = Load("topology = chain, routers = 2, rate = 1Gbit/s, delay = 1ms");
        Assert.Equal(IpPrefix.Parse("10.0.0.0/30"), s.Links[0].Subnet);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void Chain_has_n_routers_n_minus_1_router_links_and_a_host_each(int n)
    {
        var s = Load($"topology = chain, routers = {n}, rate = 1Gbit/s, delay = 1ms");
        Assert.Equal(n, Count(s, NodeKind.Router));
        Assert.Equal(n, Count(s, NodeKind.Host));
        Assert.Equal(n - 1 + n, s.Links.Count);
        Assert.Equal(n - 1 + 2, Hops(s, "h0")[$"h{n - 1}"]);
    }

    [Fact]
    public void Ring_closes_the_chain_and_hosts_per_router_multiplies_hosts()
    {
        var s = Load("topology = ring, routers = 6, rate = 1Gbit/s, delay = 1ms, hosts-per-router = 3");
        Assert.Equal(6, Count(s, NodeKind.Router));
        Assert.Equal(18, Count(s, NodeKind.Host));
        Assert.Equal(6 + 18, s.Links.Count);
        Assert.Contains(s.Links, l => (l.NodeA, l.NodeB) == ("r5", "r0"));
        Assert.Contains(s.Nodes, n => n.Name == "h4-2");
        // Around the ring the far side is 3 router hops away, plus the two host links.
        Assert.Equal(5, Hops(s, "h0-0")["h3-1"]);
    }

    [Fact]
    public void Random_topology_is_connected_with_the_asked_size_and_delay_range()
    {
        var s = Load("topology = random, routers = 300, degree = 4, seed = 5, min-delay = 1ms, max-delay = 5ms, rate = 1Gbit/s, host-delay = 100us");
        Assert.Equal(300, Count(s, NodeKind.Router));
        Assert.Equal(300, Count(s, NodeKind.Host));
        Assert.Equal(300 * 4 / 2 + 300, s.Links.Count);
        Assert.Equal(s.Nodes.Count, Hops(s, "h0").Count);   // everything reachable from one host
        var routerLinks = s.Links.Where(l => l.NodeB.StartsWith('r')).ToList();
        Assert.All(routerLinks, l => Assert.InRange(l.Delay.Nanoseconds, 1_000_000, 5_000_000));
        Assert.True(routerLinks.Select(l => l.Delay).Distinct().Count() > 100, "delays should vary");
        Assert.All(s.Links.Where(l => l.NodeB.StartsWith('h')), l => Assert.Equal(SimTime.FromMicroseconds(100), l.Delay));
    }

    [Fact]
    public void Random_topology_is_the_same_for_a_seed_and_differs_for_another()
    {
        const string g = "topology = random, routers = 100, degree = 3, min-delay = 1ms, max-delay = 9ms, rate = 1Gbit/s";
        var a = Load(g + ", seed = 42");
        var b = Load(g + ", seed = 42");
        var c = Load(g + ", seed = 43");
        // LinkSpec holds a list (Down), so compare what a link is made of.
        static IEnumerable<string> Shape(Scenario s) => s.Links.Select(l => $"{l.Name} {l.Subnet} {l.AddressA} {l.AddressB} {l.Rate} {l.Delay.Nanoseconds}");
        Assert.Equal(Shape(a), Shape(b));
        Assert.NotEqual(a.Links.Select(l => (l.NodeA, l.NodeB)), c.Links.Select(l => (l.NodeA, l.NodeB)));
    }

    [Fact]
    public void Random_topology_seed_defaults_to_the_run_seed()
    {
        const string g = "topology = random, routers = 50, rate = 1Gbit/s, delay = 1ms";
        var a = Load(g, head: "stop-at = 1s\nseed = 9");
        var b = Load(g + ", seed = 9", head: "stop-at = 1s\nseed = 1");
        var c = Load(g, head: "stop-at = 1s\nseed = 10");
        Assert.Equal(a.Links.Select(l => l.Name), b.Links.Select(l => l.Name));
        Assert.NotEqual(a.Links.Select(l => l.Name), c.Links.Select(l => l.Name));
    }

    [Fact]
    public void Hand_written_nodes_links_and_apps_join_the_generated_ones()
    {
        var s = Load("topology = fat-tree, k = 4, rate = 1Gbit/s, delay = 10us", """
            nodes { monitor = host }
            links = [ { between = [core-0, monitor], subnet = 192.168.0.0/30, rate = 1Gbit/s, delay = 1us } ]
            apps = [ { type = ping, node = monitor, target = host-3-1-1, count = 1 } ]
            """);
        Assert.Equal(20 + 16 + 1, s.Nodes.Count);
        Assert.Equal(49, s.Links.Count);
        Assert.Equal("core-0-monitor", s.Links[^1].Name);   // generated links first, then hand-written
        var ping = Assert.IsType<PingAppSpec>(Assert.Single(s.Apps));
        Assert.Equal(s.Links.Single(l => l.NodeB == "host-3-1-1").AddressB, ping.Target);
    }

    [Fact]
    public void Generated_entities_point_at_the_topology_key()
    {
        var s = Load("  topology = chain, routers = 2, rate = 1Gbit/s, delay = 1ms");
        Assert.All(s.Nodes, n => Assert.Equal(new SourceSpan("gen.conf", 3, 3), n.At));
        Assert.All(s.Links, l => Assert.Equal(new SourceSpan("gen.conf", 3, 3), l.At));
    }
}

/// <summary>The example of docs/SCENARIOS.md "Generated topologies" must load, so the documentation cannot drift.</summary>
public class GeneratedTopologyDocsTests
{
    [Fact]
    public void Documented_generate_example_loads()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorNet.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        string doc = File.ReadAllText(Path.Combine(dir.FullName, "docs", "SCENARIOS.md"));
        int section = doc.IndexOf("## Generated topologies", StringComparison.Ordinal);
        int start = doc.IndexOf("```\n", section, StringComparison.Ordinal) + "```\n".Length;
        int end = doc.IndexOf("```", start, StringComparison.Ordinal);
        var r = ScenarioLoader.LoadFromText(doc[start..end], "fat-tree.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal(208, r.Scenario.Nodes.Count);
        Assert.Equal(384, r.Scenario.Links.Count);
        Assert.Equal(2 * 64 + 128 * 127, r.Scenario.Apps.Count);
    }
}
