using ActorNet.Core.Addressing;

namespace ActorNet.Core.Routing;

/// <summary>
/// A node's forwarding table: longest-prefix match over IPv4 and IPv6 routes (RFC 4632 §5.1).
/// Built once from the scenario. For one prefix, a connected route wins over a static one, and a
/// static one over a computed one (as administrative distance does in real routers).
/// </summary>
public sealed class RoutingTable
{
    private readonly RouteEntry[] _entries;
    private readonly Ipv4PrefixTable _v4;
    private readonly Ipv6PrefixTable _v6;
    private readonly ComputedRoutes? _computed;
    private readonly int _node;

    /// <param name="routes">This node's own routes: connected, static, and any computed ones it holds itself.</param>
    /// <param name="computed">Shared shortest-path routes to every subnet (computed mode), consulted for node <paramref name="node"/>.</param>
    public RoutingTable(IEnumerable<RouteEntry> routes, ComputedRoutes? computed = null, int node = -1)
    {
        _computed = computed;
        _node = node;
        // One entry per prefix; precedence connected > static > computed, like an administrative distance.
        var chosen = new Dictionary<IpPrefix, RouteEntry>();
        foreach (var r in routes)
        {
            if (!chosen.TryGetValue(r.Prefix, out var existing) || Rank(r.Origin) < Rank(existing.Origin))
                chosen[r.Prefix] = r;
        }
        _entries = chosen.Values
            .OrderBy(e => e.Prefix.Family).ThenBy(e => e.Prefix.Network).ThenBy(e => e.Prefix.Length)
            .ToArray();
        var v4 = new List<KeyValuePair<Ipv4Prefix, int>>();
        var v6 = new List<KeyValuePair<Ipv6Prefix, int>>();
        for (int i = 0; i < _entries.Length; i++)
        {
            var p = _entries[i].Prefix;
            if (p.Family == IpFamily.V4) v4.Add(new(p.V4, i));
            else v6.Add(new(p.V6, i));
        }
        _v4 = Ipv4PrefixTable.Build(v4);
        _v6 = Ipv6PrefixTable.Build(v6);
    }

    private static int Rank(RouteOrigin o) => o switch
    {
        RouteOrigin.Connected => 0,
        RouteOrigin.Static => 1,
        _ => 2,
    };

    public IReadOnlyList<RouteEntry> Entries => _entries;

    /// <summary>True when lookups also consult the shared <see cref="ComputedRoutes"/> (computed mode; not single-homed hosts).</summary>
    public bool ConsultsComputedRoutes => _computed is not null;

    /// <summary>The shared computed routes this table consults, or null (for measurements: what they hold and cost).</summary>
    public ComputedRoutes? Computed => _computed;

    /// <summary>
    /// What the shared computed routes answer for this node, one subnet at a time in link order: each
    /// subnet it reaches through them and the interface it leaves by. Subnets of its own links and prefixes
    /// it has an own route for (which win on equal length) are left out. One lookup per link: for inspection.
    /// </summary>
    public IEnumerable<(IpPrefix Subnet, int Interface)> ComputedRoutesInUse()
    {
        if (_computed is null) yield break;
        var own = _entries.Select(e => e.Prefix).ToHashSet();
        foreach (var subnet in _computed.Subnets)
        {
            if (own.Contains(subnet)) continue;
            if (_computed.TryLookup(_node, subnet.Network, out int iface, out _)) yield return (subnet, iface);
        }
    }

    /// <summary>
    /// The interface of the longest-prefix match for <paramref name="destination"/>, or -1 (no
    /// route). The node's own routes and the shared computed ones are one table in effect: the
    /// longer prefix wins, and on equal length the node's own (connected, static) route wins.
    /// </summary>
    public int LookupInterface(IpAddress destination)
    {
        int i = destination.IsV4 ? _v4.Lookup(destination.V4) : _v6.Lookup(destination.V6);
        if (_computed is not null && _computed.TryLookup(_node, destination, out int iface, out int length)
            && (i < 0 || length > _entries[i].Prefix.Length))
            return iface;
        return i < 0 ? -1 : _entries[i].Interface;
    }

    /// <summary>The node's own route entry that matches longest (connected, static or default), or null.</summary>
    public RouteEntry? LookupOwn(IpAddress destination)
    {
        int i = destination.IsV4 ? _v4.Lookup(destination.V4) : _v6.Lookup(destination.V6);
        return i < 0 ? null : _entries[i];
    }
}
