using ActorNet.Core.Addressing;
using ActorNet.Core.Routing;
using CsCheck;

namespace ActorNet.Core.Tests.Routing;

public sealed class Ipv6PrefixTableTests
{
    private static KeyValuePair<Ipv6Prefix, int> R(string prefix, int value) => new(Ipv6Prefix.Parse(prefix), value);
    private static Ipv6Address A(string address) => Ipv6Address.Parse(address);
    private static Ipv6PrefixTable Table(params KeyValuePair<Ipv6Prefix, int>[] routes) => Ipv6PrefixTable.Build(routes);

    /// <summary>The reference: a linear scan, longest match wins, a later duplicate replaces an earlier one.</summary>
    internal static int LinearLookup(IEnumerable<KeyValuePair<Ipv6Prefix, int>> routes, Ipv6Address a)
    {
        int best = -1, bestLength = -1;
        foreach (var (prefix, value) in routes)
        {
            if (prefix.Contains(a) && prefix.Length >= bestLength) (best, bestLength) = (value, prefix.Length);
        }
        return best;
    }

    [Fact]
    public void Lookup_EmptyTable_ReturnsMinusOne()
    {
        var table = Table();
        Assert.Equal(0, table.Count);
        Assert.Equal(-1, table.Lookup(A("::")));
        Assert.Equal(-1, table.Lookup(A("2001:db8::1")));
        Assert.Equal(-1, table.Lookup(A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    }

    [Fact]
    public void Lookup_DefaultRouteOnly_MatchesEveryAddress()
    {
        var table = Table(R("::/0", 3));
        Assert.Equal(3, table.Lookup(A("::")));
        Assert.Equal(3, table.Lookup(A("2001:db8::1")));
        Assert.Equal(3, table.Lookup(A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    }

    [Fact]
    public void Lookup_HostRoute128_MatchesOnlyItsAddress()
    {
        var table = Table(R("::/0", 0), R("2001:db8::/32", 32), R("2001:db8::1/128", 128));
        Assert.Equal(128, table.Lookup(A("2001:db8::1")));
        Assert.Equal(32, table.Lookup(A("2001:db8::")));
        Assert.Equal(32, table.Lookup(A("2001:db8::2")));
        Assert.Equal(0, table.Lookup(A("2001:db9::1")));
    }

    [Fact]
    public void Lookup_LastAddressHostRoute_MatchesOnlyItsAddress()
    {
        // The walk runs to the last bits of the address: /124 and /128 end in the deepest node.
        var table = Table(R("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", 1), R("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124", 2));
        Assert.Equal(1, table.Lookup(A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        Assert.Equal(2, table.Lookup(A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")));
        Assert.Equal(2, table.Lookup(A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0")));
        Assert.Equal(-1, table.Lookup(A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffef")));
    }

    [Fact]
    public void Lookup_NestedPrefixes_LongestWins()
    {
        var table = Table(
            R("2001:db8::/32", 32), R("2001:db8:1::/48", 48), R("2001:db8:1:2::/64", 64),
            R("2001:db8:1:2::/63", 63), R("2001:db8:1:2:8000::/65", 65), R("2000::/3", 3));
        Assert.Equal(3, table.Lookup(A("2400::1")));
        Assert.Equal(32, table.Lookup(A("2001:db8:2::1")));
        Assert.Equal(48, table.Lookup(A("2001:db8:1:1::1")));
        Assert.Equal(63, table.Lookup(A("2001:db8:1:3::1")));
        Assert.Equal(64, table.Lookup(A("2001:db8:1:2:7fff::1")));
        Assert.Equal(65, table.Lookup(A("2001:db8:1:2:8000::1")));
        Assert.Equal(-1, table.Lookup(A("fe80::1")));
    }

    [Fact]
    public void Build_DuplicatePrefix_LastValueWins()
    {
        var table = Table(R("2001:db8::/32", 1), R("2001:db8::/32", 2));
        Assert.Equal(1, table.Count);
        Assert.Equal(2, table.Lookup(A("2001:db8::5")));
    }

    [Fact]
    public void Build_NegativeValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Table(R("2001:db8::/32", -5)));
    }

    private static readonly Gen<(KeyValuePair<Ipv6Prefix, int>[] Routes, Ipv6Address[] Probes)> RandomTable =
        from pool in Gen.UInt128.Array[1, 5]
        from smallValues in Gen.Bool
        from raw in Gen.Select(Gen.Int[0, 6], Gen.UInt128, Gen.Int[0, 128], Gen.Int[0, 1_000_000]).Array[0, 120]
        from host in Gen.UInt128.Array[8]
        from randoms in Gen.UInt128.Array[0, 32]
        select Make(pool, smallValues, raw, host, randoms);

    private static (KeyValuePair<Ipv6Prefix, int>[], Ipv6Address[]) Make(
        UInt128[] pool, bool smallValues, (int Pick, UInt128 Fresh, int Length, int Value)[] raw, UInt128[] host, UInt128[] randoms)
    {
        var routes = raw.Select(r =>
        {
            UInt128 addr = r.Pick < pool.Length ? pool[r.Pick] : r.Fresh;
            int value = smallValues ? r.Value & 3 : r.Value;
            return new KeyValuePair<Ipv6Prefix, int>(Ipv6Prefix.Of(new Ipv6Address(addr), r.Length), value);
        }).ToArray();

        var probes = new List<UInt128>(randoms);
        probes.AddRange(pool);
        foreach (var (prefix, _) in routes)
        {
            UInt128 net = prefix.Network.Value, mask = Ipv6Prefix.Mask(prefix.Length);
            foreach (UInt128 h in host) probes.Add(net | (h & ~mask));
            probes.Add(net | ~mask);
            probes.Add(unchecked(net - UInt128.One));
            probes.Add(unchecked((net | ~mask) + UInt128.One));
        }
        return (routes, probes.Select(p => new Ipv6Address(p)).ToArray());
    }

    [Fact]
    public void Lookup_RandomTables_EqualsLinearScan()
    {
        RandomTable.Sample(t =>
        {
            var table = Ipv6PrefixTable.Build(t.Routes);
            Assert.Equal(t.Routes.Select(r => r.Key).Distinct().Count(), table.Count);
            foreach (var a in t.Probes)
            {
                int expected = LinearLookup(t.Routes, a), actual = table.Lookup(a);
                if (expected != actual) throw new Xunit.Sdk.XunitException($"{a}: table gave {actual}, linear scan {expected}");
            }
        }, iter: 150);
    }
}
