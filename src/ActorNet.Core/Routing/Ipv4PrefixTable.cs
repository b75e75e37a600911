// TEMPORARY placeholder until the lpm branch lands (linear scan).
using ActorNet.Core.Addressing;
namespace ActorNet.Core.Routing;
public sealed class Ipv4PrefixTable
{
    private readonly List<(Ipv4Prefix P, int V)> _routes;
    private Ipv4PrefixTable(List<(Ipv4Prefix, int)> r) => _routes = r;
    public static Ipv4PrefixTable Build(IEnumerable<KeyValuePair<Ipv4Prefix, int>> routes)
    {
        var d = new Dictionary<Ipv4Prefix, int>();
        foreach (var kv in routes) d[kv.Key] = kv.Value;
        return new Ipv4PrefixTable(d.Select(kv => (kv.Key, kv.Value)).OrderByDescending(x => x.Key.Length).ToList());
    }
    public int Count => _routes.Count;
    public long MemoryBytes => _routes.Count * 16L;
    public int Lookup(Ipv4Address a) { foreach (var (p, v) in _routes) if (p.Contains(a)) return v; return -1; }
}
