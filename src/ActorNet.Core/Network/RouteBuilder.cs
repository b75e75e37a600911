using ActorNet.Core.Addressing;
using ActorNet.Core.Routing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Topology;

namespace ActorNet.Core.Network;

/// <summary>
/// Every node's routing table: connected subnets, then (computed mode) shortest-path routes to
/// every other subnet, like ns-3's global routing helper, then the scenario's static routes.
/// A host with one interface gets only a default route through its neighbour, as real hosts do.
/// Computed routes are shared (<see cref="ComputedRoutes"/>), not copied into every node; above
/// <see cref="DistanceLimit"/> nodes their next hops are computed per destination, on demand, and
/// the destinations of the scenario's apps are computed here, before the run.
/// </summary>
internal static class RouteBuilder
{
    /// <summary>
    /// Up to this many nodes the all-pairs next hops and the N² distance matrix are kept, so a subnet
    /// is reached through its nearer end. Above it, next hops are computed per destination on demand
    /// (<see cref="DestinationNextHops"/>) and a subnet is reached through its link's A side, which is
    /// what the all-pairs table without distances answered there too.
    /// </summary>
    public const int DistanceLimit = 4096;

    /// <param name="phaseDone">Told "route computation" and then "routing tables" as each is done (for measurements).</param>
    public static RoutingTable[] Build(Scenario scenario, Dictionary<string, int> ids, List<NetworkInterface>[] interfaces,
        (int A, int IfA, int B, int IfB)[] linkEnds, Action<string>? phaseDone = null)
    {
        int n = interfaces.Length;
        var perNode = new List<RouteEntry>[n];
        for (int i = 0; i < n; i++)
        {
            perNode[i] = [];
            foreach (var itf in interfaces[i]) perNode[i].Add(new RouteEntry(itf.Subnet, itf.Index, null, RouteOrigin.Connected));
        }

        ComputedRoutes? computed = null;
        if (scenario.Routing.Mode == RouteMode.Computed && scenario.Links.Count > 0)
        {
            computed = Compute(scenario, linkEnds, n);
            AddHostDefaults(scenario, interfaces, linkEnds, perNode);
        }
        phaseDone?.Invoke("route computation");

        foreach (var r in scenario.Routes)
        {
            int node = ids[r.Node];
            var itf = interfaces[node].FirstOrDefault(x => x.Subnet.Contains(r.NextHop))
                ?? throw new InvalidOperationException($"static route on {r.Node}: {r.NextHop} is on no connected subnet");
            perNode[node].Add(new RouteEntry(r.Prefix, itf.Index, r.NextHop, RouteOrigin.Static));
        }

        var tables = new RoutingTable[n];
        Parallel.For(0, n, i =>
        {
            // A single-homed host routes everything through its default route; it needs no shared table.
            bool singleHomedHost = scenario.Nodes[i].Kind == NodeKind.Host && interfaces[i].Count == 1;
            tables[i] = new RoutingTable(perNode[i], singleHomedHost ? null : computed, i);
        });
        phaseDone?.Invoke("routing tables");
        return tables;
    }

    private static ComputedRoutes Compute(Scenario scenario, (int A, int IfA, int B, int IfB)[] linkEnds, int n)
    {
        // Weights divided by their greatest common divisor: delays of whole milliseconds become
        // small integers, which lets the route computation use BFS or a bucket queue instead of a heap.
        var weights = scenario.Links.Select(l => scenario.Routing.Metric == RouteMetric.Hops ? 1L : l.Delay.Nanoseconds).ToArray();
        long gcd = weights.Aggregate(0L, Gcd);
        var graph = new TopologyGraph(n);
        for (int l = 0; l < linkEnds.Length; l++) graph.AddLink(linkEnds[l].A, linkEnds[l].B, weights[l] / gcd);
        var subnets = scenario.Links.Select(l => l.Subnet).ToList();
        if (n <= DistanceLimit)
            return new ComputedRoutes(subnets, linkEnds, RouteComputation.Compute(graph, storeDistances: true));
        var routes = new ComputedRoutes(subnets, linkEnds, new DestinationNextHops(graph));
        routes.Prepare(AppTargets(scenario));
        return routes;
    }

    /// <summary>Where the scenario's apps send: the destinations a run asks routes for first.</summary>
    private static IEnumerable<IpAddress> AppTargets(Scenario scenario)
    {
        foreach (var app in scenario.Apps)
        {
            IpAddress? target = app switch
            {
                PingAppSpec p => p.Target,
                TracerouteAppSpec t => t.Target,
                UdpCbrAppSpec c => c.Target,
                UdpOnOffAppSpec o => o.Target,
                TcpBulkAppSpec b => b.Target,
                HttpClientAppSpec h => h.Target,
                _ => null,
            };
            if (target is { } t2) yield return t2;
        }
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    private static void AddHostDefaults(Scenario scenario, List<NetworkInterface>[] interfaces,
        (int A, int IfA, int B, int IfB)[] linkEnds, List<RouteEntry>[] perNode)
    {
        var linkOf = new Dictionary<(int Node, int Iface), int>();
        for (int l = 0; l < linkEnds.Length; l++)
        {
            linkOf[(linkEnds[l].A, linkEnds[l].IfA)] = l;
            linkOf[(linkEnds[l].B, linkEnds[l].IfB)] = l;
        }
        for (int node = 0; node < interfaces.Length; node++)
        {
            if (scenario.Nodes[node].Kind != NodeKind.Host || interfaces[node].Count != 1) continue;
            var itf = interfaces[node][0];
            var (a, ifA, b, ifB) = linkEnds[linkOf[(node, itf.Index)]];
            var peer = a == node ? interfaces[b][ifB].Address : interfaces[a][ifA].Address;
            IpPrefix @default = itf.Subnet.Family == IpFamily.V4 ? Ipv4Prefix.Default : Ipv6Prefix.Default;
            perNode[node].Add(new RouteEntry(@default, itf.Index, peer, RouteOrigin.Computed));
        }
    }
}
