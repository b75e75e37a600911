using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Topology;
using ActorNet.Core.Units;

namespace ActorNet.Benchmarks;

/// <summary>
/// A k-ary fat-tree (<see cref="RandomTopology.FatTree"/>) built in code for the engine benchmark:
/// every link of the given rate and delay (the lookahead), switches as routers, hosts on the edge
/// switches, and heavy UDP: each host sends CBR to a random other host (a seeded permutation), and
/// every host runs a sink. Stand-in for S11 until its config lands.
/// </summary>
public static class FatTreeScenario
{
    private static readonly SourceSpan Here = new("generated", 0, 0);

    public static Scenario Build(int k, SimTime delay, SimTime stopAt, DataRate? linkRate = null, DataRate? flowRate = null, int packetBytes = 1000, int seed = 1)
    {
        var tree = RandomTopology.FatTree(k);
        var g = tree.Graph;
        var isHost = new bool[g.NodeCount];
        foreach (int h in tree.Hosts) isHost[h] = true;
        int cores = k * k / 4;
        string Name(int v) => isHost[v] ? $"h{v}" : v < cores ? $"c{v}" : $"s{v}";
        var nodes = Enumerable.Range(0, g.NodeCount)
            .Select(v => new NodeSpec(Name(v), isHost[v] ? NodeKind.Host : NodeKind.Router, Here))
            .OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        var rate = linkRate ?? DataRate.FromMbps(10_000);
        var links = new List<LinkSpec>(g.LinkCount);
        var hostAddress = new Dictionary<int, IpAddress>();
        uint next = 10u << 24;
        for (int l = 0; l < g.LinkCount; l++)
        {
            var t = g.GetLink(l);
            // Hosts are side B of their edge link.
            var (a, b) = isHost[t.A] ? (t.B, t.A) : (t.A, t.B);
            var subnet = new Ipv4Prefix(new Ipv4Address(next), 30);
            next += 4;
            var spec = new LinkSpec
            {
                Name = Name(a) + "-" + Name(b),
                NodeA = Name(a),
                NodeB = Name(b),
                Subnet = subnet,
                AddressA = new Ipv4Address(subnet.Network.Value + 1),
                AddressB = new Ipv4Address(subnet.Network.Value + 2),
                Rate = rate,
                Delay = delay,
                At = Here,
            };
            links.Add(spec);
            if (isHost[b]) hostAddress[b] = spec.AddressB;
        }
        var hosts = tree.Hosts.ToArray();
        var random = new Random(seed);
        var targets = hosts.ToArray();
        do random.Shuffle(targets); while (targets.Where((t, i) => t == hosts[i]).Any());
        var apps = new List<AppSpec>();
        var flow = flowRate ?? DataRate.FromMbps(4_000);
        for (int i = 0; i < hosts.Length; i++)
        {
            apps.Add(new UdpSinkAppSpec { Name = $"sink-{hosts[i]}", Node = Name(hosts[i]), Port = 7000, At = Here });
            apps.Add(new UdpCbrAppSpec
            {
                Name = $"cbr-{hosts[i]}", Node = Name(hosts[i]), Target = hostAddress[targets[i]], Port = 7000, Rate = flow, PacketBytes = packetBytes,
                Start = SimTime.FromNanoseconds(random.Next(0, 10_000)), Stop = stopAt, At = Here,
            });
        }
        return new Scenario
        {
            Name = $"fat-tree-k{k}-{delay}",
            SourceFile = "generated",
            SourceText = "",
            Seed = (ulong)seed,
            StopAt = stopAt,
            Nodes = nodes,
            Links = links,
            Routing = RoutingSpec.Default,
            Routes = [],
            Apps = apps,
        };
    }
}
