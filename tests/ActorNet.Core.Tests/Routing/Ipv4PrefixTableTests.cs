using ActorNet.Core.Addressing;
using ActorNet.Core.Routing;
using CsCheck;

namespace ActorNet.Core.Tests.Routing;

public sealed class Ipv4PrefixTableTests
{
    private static KeyValuePair<Ipv4Prefix, int> R(string prefix, int value) => new(Ipv4Prefix.Parse(prefix), value);
    private static Ipv4Address A(string address) => Ipv4Address.Parse(address);
    private static Ipv4PrefixTable Table(params KeyValuePair<Ipv4Prefix, int>[] routes) => Ipv4PrefixTable.Build(routes);

    /// <summary>The reference: a linear scan, longest match wins, a later duplicate replaces an earlier one.</summary>
    internal static int LinearLookup(IEnumerable<KeyValuePair<Ipv4Prefix, int>> routes, Ipv4Address a)
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
        Assert.Equal(-1, table.Lookup(A("0.0.0.0")));
        Assert.Equal(-1, table.Lookup(A("192.0.2.1")));
        Assert.Equal(-1, table.Lookup(A("255.255.255.255")));
    }

    [Fact]
    public void Lookup_DefaultRouteOnly_MatchesEveryAddress()
    {
        var table = Table(R("0.0.0.0/0", 7));
        Assert.Equal(1, table.Count);
        Assert.Equal(7, table.Lookup(A("0.0.0.0")));
        Assert.Equal(7, table.Lookup(A("10.1.2.3")));
        Assert.Equal(7, table.Lookup(A("255.255.255.255")));
    }

    [Fact]
    public void Lookup_DefaultRoute_CatchesWhatNothingElseMatches()
    {
        var table = Table(R("0.0.0.0/0", 1), R("10.0.0.0/8", 2));
        Assert.Equal(2, table.Lookup(A("10.255.0.1")));
        Assert.Equal(1, table.Lookup(A("11.0.0.0")));
        Assert.Equal(1, table.Lookup(A("9.255.255.255")));
    }

    [Fact]
    public void Lookup_HostRoute_MatchesOnlyItsAddress()
    {
        var table = Table(R("192.0.2.77/32", 5));
        Assert.Equal(5, table.Lookup(A("192.0.2.77")));
        Assert.Equal(-1, table.Lookup(A("192.0.2.76")));
        Assert.Equal(-1, table.Lookup(A("192.0.2.78")));
    }

    [Fact]
    public void Lookup_HostRouteInsideCoveringPrefix_HostRouteWinsOnlyForItsAddress()
    {
        var table = Table(R("192.0.2.0/24", 1), R("192.0.2.255/32", 2), R("192.0.2.0/32", 3));
        Assert.Equal(2, table.Lookup(A("192.0.2.255")));
        Assert.Equal(3, table.Lookup(A("192.0.2.0")));
        Assert.Equal(1, table.Lookup(A("192.0.2.254")));
        Assert.Equal(1, table.Lookup(A("192.0.2.1")));
        Assert.Equal(-1, table.Lookup(A("192.0.3.0")));
    }

    [Fact]
    public void Lookup_NestedPrefixes_LongestWins()
    {
        var table = Table(
            R("10.0.0.0/8", 8), R("10.1.0.0/16", 16), R("10.1.2.0/24", 24),
            R("10.1.2.128/25", 25), R("10.1.2.128/30", 30), R("10.1.0.0/17", 17));
        Assert.Equal(8, table.Lookup(A("10.2.0.0")));
        Assert.Equal(17, table.Lookup(A("10.1.3.0")));
        Assert.Equal(16, table.Lookup(A("10.1.128.0")));
        Assert.Equal(24, table.Lookup(A("10.1.2.127")));
        Assert.Equal(25, table.Lookup(A("10.1.2.132")));
        Assert.Equal(30, table.Lookup(A("10.1.2.131")));
        Assert.Equal(-1, table.Lookup(A("11.0.0.0")));
    }

    [Fact]
    public void Lookup_PrefixesAroundTheDirectArrayBoundary_LongestWins()
    {
        // /18 ends exactly at the direct array; /17 and /19 sit either side of it.
        var table = Table(R("172.16.0.0/17", 17), R("172.16.64.0/18", 18), R("172.16.96.0/19", 19));
        Assert.Equal(17, table.Lookup(A("172.16.0.1")));
        Assert.Equal(18, table.Lookup(A("172.16.64.1")));
        Assert.Equal(19, table.Lookup(A("172.16.96.1")));
        Assert.Equal(19, table.Lookup(A("172.16.127.255")));
        Assert.Equal(-1, table.Lookup(A("172.16.128.0")));
    }

    [Fact]
    public void Build_DuplicatePrefix_LastValueWins()
    {
        var table = Table(R("198.51.100.0/24", 1), R("0.0.0.0/0", 9), R("198.51.100.0/24", 2));
        Assert.Equal(2, table.Count);
        Assert.Equal(2, table.Lookup(A("198.51.100.9")));
        Assert.Equal(9, table.Lookup(A("198.51.101.0")));
    }

    [Fact]
    public void Build_NegativeValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Table(R("10.0.0.0/8", -1)));
    }

    [Fact]
    public void MemoryBytes_EmptyTable_IsTheDirectArray()
    {
        // A small table gets a 2^6-int direct array: most nodes of a simulated topology hold a
        // handful of routes, and 10,000 of them must not cost 1 MiB each.
        Assert.Equal(4L << 6, Table().MemoryBytes);
    }

    [Theory]
    [InlineData(3_000)]    // 12-bit direct array
    [InlineData(70_000)]   // 18-bit direct array
    public void Lookup_MidAndLargeTables_MatchLinearScan(int count)
    {
        var random = new System.Random(count);
        var routes = new Dictionary<Ipv4Prefix, int>();
        while (routes.Count < count)
            routes[Ipv4Prefix.Of(new Ipv4Address((uint)random.NextInt64(0, 1L << 32)), random.Next(8, 33))] = routes.Count;
        var table = Ipv4PrefixTable.Build(routes);
        var list = routes.ToList();
        var byLength = list.GroupBy(r => r.Key.Length).OrderByDescending(g => g.Key)
            .Select(g => (Length: g.Key, Map: g.ToDictionary(r => r.Key.Network.Value, r => r.Value))).ToList();
        for (int i = 0; i < 20_000; i++)
        {
            var inside = list[random.Next(list.Count)].Key;
            var a = i % 2 == 0 ? new Ipv4Address((uint)random.NextInt64(0, 1L << 32)) : new Ipv4Address(inside.Network.Value | ((uint)random.NextInt64(0, 1L << 32) & ~Ipv4Prefix.Mask(inside.Length)));
            int expected = -1;
            foreach (var (len, map) in byLength)
                if (map.TryGetValue(a.Value & Ipv4Prefix.Mask(len), out expected)) break; else expected = -1;
            Assert.Equal(expected, table.Lookup(a));
        }
    }

    // Route addresses come from a small pool most of the time, so prefixes nest
    // deeply and share nodes; the rest are anywhere.
    private static readonly Gen<(KeyValuePair<Ipv4Prefix, int>[] Routes, Ipv4Address[] Probes)> RandomTable =
        from pool in Gen.UInt.Array[1, 5]
        from smallValues in Gen.Bool
        from raw in Gen.Select(Gen.Int[0, 6], Gen.UInt, Gen.Int[0, 32], Gen.Int[0, 1_000_000]).Array[0, 120]
        from host in Gen.UInt.Array[8]
        from randoms in Gen.UInt.Array[0, 32]
        select Make(pool, smallValues, raw, host, randoms);

    private static (KeyValuePair<Ipv4Prefix, int>[], Ipv4Address[]) Make(
        uint[] pool, bool smallValues, (int Pick, uint Fresh, int Length, int Value)[] raw, uint[] host, uint[] randoms)
    {
        var routes = raw.Select(r =>
        {
            uint addr = r.Pick < pool.Length ? pool[r.Pick] : r.Fresh;
            // Few distinct values stress leaf compression; many catch a wrong match.
            int value = smallValues ? r.Value & 3 : r.Value;
            return new KeyValuePair<Ipv4Prefix, int>(Ipv4Prefix.Of(new Ipv4Address(addr), r.Length), value);
        }).ToArray();

        var probes = new List<uint>(randoms);
        probes.AddRange(pool);
        foreach (var (prefix, _) in routes)
        {
            uint net = prefix.Network.Value, mask = Ipv4Prefix.Mask(prefix.Length);
            foreach (uint h in host) probes.Add(net | (h & ~mask));
            probes.Add(net | ~mask);        // last address inside
            probes.Add(unchecked(net - 1)); // just below
            probes.Add(unchecked((net | ~mask) + 1)); // just above
        }
        return (routes, probes.Select(p => new Ipv4Address(p)).ToArray());
    }

    [Fact]
    public void Lookup_RandomTables_EqualsLinearScan()
    {
        RandomTable.Sample(t =>
        {
            var table = Ipv4PrefixTable.Build(t.Routes);
            Assert.Equal(t.Routes.Select(r => r.Key).Distinct().Count(), table.Count);
            foreach (var a in t.Probes)
            {
                int expected = LinearLookup(t.Routes, a), actual = table.Lookup(a);
                if (expected != actual) throw new Xunit.Sdk.XunitException($"{a}: table gave {actual}, linear scan {expected}");
            }
        }, iter: 150);
    }
}
