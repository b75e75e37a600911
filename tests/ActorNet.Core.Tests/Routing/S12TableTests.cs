using ActorNet.Core.Addressing;
using ActorNet.Core.Routing;

namespace ActorNet.Core.Tests.Routing;

/// <summary>The generated S12 tables, checked against a per-length hash reference.</summary>
public sealed class S12TableTests
{
    private const int Seed = 12;
    private const int Probes = 100_000;

    [Fact]
    public void Ipv4_S12Table_HasTheLengthMixAndMatchesHashReference()
    {
        var routes = BgpLikeTableGenerator.Ipv4(Seed);
        Assert.Equal(BgpLikeTableGenerator.S12Ipv4Count + 1, routes.Length);
        var table = Ipv4PrefixTable.Build(routes);
        Assert.Equal(routes.Length, table.Count); // all distinct

        // Length mix: 60 % /24, 20 % /20–/23, 18 % /16–/19, 2 % /8–/15, one /0.
        double Share(int lo, int hi) => routes.Count(r => r.Key.Length >= lo && r.Key.Length <= hi) / (double)(routes.Length - 1);
        Assert.InRange(Share(24, 24), 0.59, 0.61);
        Assert.InRange(Share(20, 23), 0.19, 0.21);
        Assert.InRange(Share(16, 19), 0.17, 0.19);
        Assert.InRange(Share(8, 15), 0.015, 0.025);
        Assert.Equal(1, routes.Count(r => r.Key.Length == 0));

        // Reference: one hash map per length present, probed longest first.
        var byLength = routes.GroupBy(r => r.Key.Length).OrderByDescending(g => g.Key)
            .Select(g => (Length: g.Key, Map: g.ToDictionary(r => r.Key.Network.Value, r => r.Value))).ToArray();
        int Reference(uint a)
        {
            foreach (var (length, map) in byLength)
                if (map.TryGetValue(a & Ipv4Prefix.Mask(length), out int v)) return v;
            return -1;
        }

        var rng = new Random(Seed);
        for (int i = 0; i < Probes; i++)
        {
            // Half uniform, half inside a table route (often under a longer one).
            uint a = (uint)rng.NextInt64(0, 1L << 32);
            if ((i & 1) == 0)
            {
                var p = routes[rng.Next(routes.Length)].Key;
                a = p.Network.Value | (a & ~Ipv4Prefix.Mask(p.Length));
            }
            int expected = Reference(a), actual = table.Lookup(new Ipv4Address(a));
            if (expected != actual) Assert.Fail($"{new Ipv4Address(a)}: table gave {actual}, reference {expected}");
        }
    }

    [Fact]
    public void Ipv6_S12Table_IsMostlySlash32To48AndMatchesHashReference()
    {
        var routes = BgpLikeTableGenerator.Ipv6(Seed);
        Assert.Equal(BgpLikeTableGenerator.S12Ipv6Count + 1, routes.Length);
        var table = Ipv6PrefixTable.Build(routes);
        Assert.Equal(routes.Length, table.Count);
        Assert.InRange(routes.Count(r => r.Key.Length is >= 32 and <= 48) / (double)(routes.Length - 1), 0.80, 0.84);
        Assert.Equal(1, routes.Count(r => r.Key.Length == 0));

        var byLength = routes.GroupBy(r => r.Key.Length).OrderByDescending(g => g.Key)
            .Select(g => (Length: g.Key, Map: g.ToDictionary(r => r.Key.Network.Value, r => r.Value))).ToArray();
        int Reference(UInt128 a)
        {
            foreach (var (length, map) in byLength)
                if (map.TryGetValue(a & Ipv6Prefix.Mask(length), out int v)) return v;
            return -1;
        }

        var rng = new Random(Seed);
        for (int i = 0; i < Probes; i++)
        {
            UInt128 a = new((ulong)rng.NextInt64() << 1, (ulong)rng.NextInt64() << 1 ^ (ulong)rng.Next(2));
            // Uniform addresses almost all miss 2000::/3, so most probes go inside a route.
            if (i % 4 != 0)
            {
                var p = routes[rng.Next(routes.Length)].Key;
                a = p.Network.Value | (a & ~Ipv6Prefix.Mask(p.Length));
            }
            int expected = Reference(a), actual = table.Lookup(new Ipv6Address(a));
            if (expected != actual) Assert.Fail($"{new Ipv6Address(a)}: table gave {actual}, reference {expected}");
        }
    }

    [Fact]
    public void Generator_SameSeed_SameTable()
    {
        Assert.Equal(BgpLikeTableGenerator.Ipv4(7, 5_000), BgpLikeTableGenerator.Ipv4(7, 5_000));
        Assert.Equal(BgpLikeTableGenerator.Ipv6(7, 5_000), BgpLikeTableGenerator.Ipv6(7, 5_000));
        Assert.NotEqual(BgpLikeTableGenerator.Ipv4(7, 5_000), BgpLikeTableGenerator.Ipv4(8, 5_000));
    }
}
