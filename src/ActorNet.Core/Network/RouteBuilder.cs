using ActorNet.Core.Addressing;
using ActorNet.Core.Routing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Topology;

namespace ActorNet.Core.Network;

/// <summary>
/// Every node's routing table: connected subnets, then (computed mode) a shortest-path route to
/// every other subnet, like ns-3's global routing helper, then the scenario's static routes.
/// A host with one interface gets only a default route through its neighbour, as real hosts do.
/// </summary>
internal static class RouteBuilder
{
    public const int DistanceLimit = 4096;

    public static RoutingTable[] Build(Scenario scenario, Dictionary<string, int> ids, List<NetworkInterface>[] interfaces,
        (int A, int IfA, int B, int IfB)[] linkEnds)
    {
        int n = interfaces.Length;
        var perNode = new List<RouteEntry>[n];
        for (int i = 0; i < n; i++)
        {
            perNode[i] = [];
            foreach (var itf in interfaces[i]) perNode[i].Add(new RouteEntry(itf.Subnet, itf.Index, null, RouteOrigin.Connected));
        }

        if (scenario.Routing.Mode == RouteMode.Computed && scenario.Links.Count > 0)
            AddComputedRoutes(scenario, interfaces, linkEnds, perNode);

        foreach (var r in scenario.Routes)
        {
            int node = ids[r.Node];
            var itf = interfaces[node].FirstOrDefault(x => x.Subnet.Contains(r.NextHop))
                ?? throw new InvalidOperationException($"static route on {r.Node}: {r.NextHop} is on no connected subnet");
            perNode[node].Add(new RouteEntry(r.Prefix, itf.Index, r.NextHop, RouteOrigin.Static));
        }

        var tables = new RoutingTable[n];
        Parallel.For(0, n, i => tables[i] = new RoutingTable(perNode[i]));
        return tables;
    }

    private static void AddComputedRoutes(Scenario scenario, List<NetworkInterface>[] interfaces,
        (int A, int IfA, int B, int IfB)[] linkEnds, List<RouteEntry>[] perNode)
    {
        int n = interfaces.Length;
        var graph = new TopologyGraph(n);
        foreach (var (link, l) in scenario.Links.Select((x, i) => (x, i)))
            graph.AddLink(linkEnds[l].A, linkEnds[l].B, scenario.Routing.Metric == RouteMetric.Hops ? 1 : link.Delay.Nanoseconds);
        // Distances pick the nearer end of a subnet; they take 8·N² bytes, so beyond a few thousand
        // nodes we route every subnet towards its A side instead (still a shortest path to A).
        bool withDistances = n <= DistanceLimit;
        var next = RouteComputation.Compute(graph, storeDistances: withDistances);

        for (int node = 0; node < n; node++)
        {
            var routes = perNode[node];
            if (interfaces[node].Count == 1 && scenario.Nodes[node].Kind == NodeKind.Host)
            {
                // A single-homed host: default route via the other end of its only link.
                var itf = interfaces[node][0];
                var (a, ifA, b, ifB) = linkEnds.First(e => (e.A == node && e.IfA == itf.Index) || (e.B == node && e.IfB == itf.Index));
                var peer = a == node ? interfaces[b][ifB].Address : interfaces[a][ifA].Address;
                IpPrefix @default = itf.Subnet.Family == IpFamily.V4 ? Ipv4Prefix.Default : Ipv6Prefix.Default;
                routes.Add(new RouteEntry(@default, itf.Index, peer, RouteOrigin.Computed));
                continue;
            }
            for (int l = 0; l < linkEnds.Length; l++)
            {
                var (a, ifA, b, ifB) = linkEnds[l];
                if (a == node || b == node) continue; // connected
                int target = a;
                if (withDistances)
                {
                    long da = next.Distance(node, a), db = next.Distance(node, b);
                    if (da == NextHopTable.Unreachable && db == NextHopTable.Unreachable) continue;
                    if (db < da) target = b;
                }
                int outLink = next.NextLink(node, target);
                if (outLink < 0) continue;
                var (oa, oifA, ob, oifB) = linkEnds[outLink];
                var (myIf, peerAddress) = oa == node ? (oifA, interfaces[ob][oifB].Address) : (oifB, interfaces[oa][oifA].Address);
                routes.Add(new RouteEntry(scenario.Links[l].Subnet, myIf, peerAddress, RouteOrigin.Computed));
            }
        }
    }
}
