using ActorNet.Core.Addressing;
using ActorNet.Core.Topology;

namespace ActorNet.Core.Routing;

/// <summary>
/// Shortest-path routes to every link's subnet, for every node, without a table per node: one
/// shared LPM table maps a destination to the link whose subnet holds it, and the all-pairs
/// next-hop table gives the way towards that link. This is what a per-node table built by a
/// global routing helper would answer, in O(N² bytes) instead of O(N × links) route entries, so
/// 10,000 routers fit in memory and build in seconds. Above a few thousand nodes even N² bytes is too
/// much (200,000 nodes: 40 GB), so the way towards a link comes from <see cref="DestinationNextHops"/>
/// instead, computed for the destinations traffic actually uses; it answers the same next hops.
/// </summary>
public sealed class ComputedRoutes
{
    private readonly Ipv4PrefixTable _v4;
    private readonly Ipv6PrefixTable _v6;
    private readonly int[] _subnetLength;
    private readonly (int A, int IfA, int B, int IfB)[] _ends;
    private readonly NextHopTable? _next;
    private readonly DestinationNextHops? _onDemand;

    public ComputedRoutes(IReadOnlyList<IpPrefix> subnets, (int A, int IfA, int B, int IfB)[] ends, NextHopTable next)
        : this(subnets, ends)
    {
        _next = next;
    }

    /// <summary>Routes whose next hops are computed per destination as lookups ask (very large topologies).</summary>
    public ComputedRoutes(IReadOnlyList<IpPrefix> subnets, (int A, int IfA, int B, int IfB)[] ends, DestinationNextHops onDemand)
        : this(subnets, ends)
    {
        _onDemand = onDemand;
    }

    private ComputedRoutes(IReadOnlyList<IpPrefix> subnets, (int A, int IfA, int B, int IfB)[] ends)
    {
        _ends = ends;
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

    /// <summary>The all-pairs next hops, or null when they are computed on demand (<see cref="OnDemandNextHops"/>).</summary>
    public NextHopTable? NextHops => _next;

    /// <summary>The per-destination next hops, or null when the all-pairs table is used (<see cref="NextHops"/>).</summary>
    public DestinationNextHops? OnDemandNextHops => _onDemand;

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
        if (_next is { HasDistances: true } && _next.Distance(node, b) < _next.Distance(node, a)) target = b;
        int outLink = NextLink(node, target);
        if (outLink < 0)
        {
            if (target == a || (outLink = NextLink(node, a)) < 0) return false;
        }
        var e = _ends[outLink];
        iface = e.A == node ? e.IfA : e.IfB;
        prefixLength = _subnetLength[link];
        return true;
    }

    /// <summary>
    /// Computes now the way to every destination in <paramref name="destinations"/> (addresses the
    /// scenario's apps send to), in parallel, so the run does not stop for it; lookups answer the
    /// same with or without this. Nothing to do for the all-pairs table.
    /// </summary>
    public void Prepare(IEnumerable<IpAddress> destinations)
    {
        if (_onDemand is null) return;
        var targets = new List<int>();
        foreach (var d in destinations)
        {
            int link = d.IsV4 ? _v4.Lookup(d.V4) : _v6.Lookup(d.V6);
            if (link >= 0) targets.Add(_ends[link].A);   // what TryLookup heads for without distances
        }
        _onDemand.Prepare(targets);
    }

    private int NextLink(int from, int to) => _next is not null ? _next.NextLink(from, to) : _onDemand!.NextLink(from, to);
}
