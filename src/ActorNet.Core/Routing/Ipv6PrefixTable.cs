// TEMPORARY placeholder until the lpm branch lands (linear scan).
using ActorNet.Core.Addressing;
namespace ActorNet.Core.Routing;
public sealed class Ipv6PrefixTable
{
    private readonly List<(Ipv6Prefix P, int V)> _routes;
    private Ipv6PrefixTable(List<(Ipv6Prefix, int)> r) => _routes = r;
    public static Ipv6PrefixTable Build(IEnumerable<KeyValuePair<Ipv6Prefix, int>> routes)
    {
        var d = new Dictionary<Ipv6Prefix, int>();
        foreach (var kv in routes) d[kv.Key] = kv.Value;
        return new Ipv6PrefixTable(d.Select(kv => (kv.Key, kv.Value)).OrderByDescending(x => x.Key.Length).ToList());
    }
    public int Count => _routes.Count;
    public long MemoryBytes => _routes.Count * 16L;
    public int Lookup(Ipv6Address a) { foreach (var (p, v) in _routes) if (p.Contains(a)) return v; return -1; }
}
