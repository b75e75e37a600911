using ActorNet.Core.Addressing;
using ActorNet.Core.Topology;

namespace ActorNet.Core.Routing;

/// <summary>
/// Shortest-path routes to every link's subnet, for every node, without a table per node: one
/// shared LPM table maps a destination to the link whose subnet holds it, and the all-pairs
/// next-hop table gives the way towards that link. This is what a per-node table built by a
/// global routing helper would answer, in O(N² bytes) instead of O(N × links) route entries, so
/// 10,000 routers fit in memory and build in seconds.
/// </summary>
public sealed class ComputedRoutes
{
    private readonly Ipv4PrefixTable _v4;
    private readonly Ipv6PrefixTable _v6;
    private readonly int[] _subnetLength;
    private readonly (int A, int IfA, int B, int IfB)[] _ends;
    private readonly NextHopTable _next;

    public ComputedRoutes(IReadOnlyList<IpPrefix> subnets, (int A, int IfA, int B, int IfB)[] ends, NextHopTable next)
    {
        _ends = ends;
        _next = next;
        Subnets = subnets;
        _subnetLength = subnets.Select(s => s.Length).ToArray();
        var v4 = new List<KeyValuePair<Ipv4Prefix, int>>();
        var v6 = new List<KeyValuePair<Ipv6Prefix, int>>();
        for (int l = 0; l < subnets.Count; l++)
        {
            if (subnets[l].Family == IpFamily.V4) v4.Add(new(subnets[l].V4, l));
            else v6.Add(new(subnets[l].V6, l));
        }
        // Two links on one subnet cannot pass validation; if they did, the later one would win here.
        _v4 = Ipv4PrefixTable.Build(v4);
        _v6 = Ipv6PrefixTable.Build(v6);
    }

    public NextHopTable NextHops => _next;

    /// <summary>Every link's subnet, by link index.</summary>
    public IReadOnlyList<IpPrefix> Subnets { get; }

    /// <summary>
    /// The interface <paramref name="node"/> sends <paramref name="destination"/> out of, and the
    /// length of the subnet prefix that matched; false when no link's subnet holds the address,
    /// the subnet is the node's own (a connected route answers that), or it is unreachable.
    /// </summary>
    public bool TryLookup(int node, IpAddress destination, out int iface, out int prefixLength)
    {
        iface = -1;
        prefixLength = -1;
        int link = destination.IsV4 ? _v4.Lookup(destination.V4) : _v6.Lookup(destination.V6);
        if (link < 0) return false;
        var (a, _, b, _) = _ends[link];
        if (a == node || b == node) return false;
        // Towards the nearer end of the subnet's link; without distances (very large
        // topologies) towards its A side, which is still a shortest path to that side.
        int target = a;
        if (_next.HasDistances && _next.Distance(node, b) < _next.Distance(node, a)) target = b;
        int outLink = _next.NextLink(node, target);
        if (outLink < 0)
        {
            if (target == a || (outLink = _next.NextLink(node, a)) < 0) return false;
        }
        var e = _ends[outLink];
        iface = e.A == node ? e.IfA : e.IfB;
        prefixLength = _subnetLength[link];
        return true;
    }
}
