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

    public RoutingTable(IEnumerable<RouteEntry> routes)
    {
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

    /// <summary>The longest-prefix match for <paramref name="destination"/>, or null (no route).</summary>
    public RouteEntry? Lookup(IpAddress destination)
    {
        int i = destination.IsV4 ? _v4.Lookup(destination.V4) : _v6.Lookup(destination.V6);
        return i < 0 ? null : _entries[i];
    }
}
