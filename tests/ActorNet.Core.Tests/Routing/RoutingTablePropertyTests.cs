using ActorNet.Core.Addressing;
using ActorNet.Core.Routing;
using CsCheck;

namespace ActorNet.Core.Tests.Routing;

/// <summary><see cref="RoutingTable"/> against a linear reference, on random route lists of both families.</summary>
public sealed class RoutingTablePropertyTests
{
    private static int Rank(RouteOrigin o) => o switch
    {
        RouteOrigin.Connected => 0,
        RouteOrigin.Static => 1,
        _ => 2,
    };

    /// <summary>
    /// The reference: of the routes that contain the address, the longest prefix; on the same prefix the
    /// lowest administrative rank (connected, static, computed); on the same prefix and rank, the first given.
    /// </summary>
    private static RouteEntry? Reference(IReadOnlyList<RouteEntry> routes, IpAddress a)
    {
        RouteEntry? best = null;
        foreach (var r in routes)
        {
            if (!r.Prefix.Contains(a)) continue;
            if (best is null || r.Prefix.Length > best.Prefix.Length
                || (r.Prefix.Length == best.Prefix.Length && Rank(r.Origin) < Rank(best.Origin)))
                best = r;
        }
        return best;
    }

    // Prefixes come from a few base addresses most of the time, so the same prefix often appears with
    // several origins (the case the precedence decides) and prefixes nest.
    private static readonly Gen<(RouteEntry[] Routes, IpAddress[] Probes)> RandomRoutes =
        from v6 in Gen.Bool
        from pool in Gen.UInt.Array[1, 4]
        from raw in Gen.Select(Gen.Int[0, 5], Gen.UInt, Gen.Int[0, 32], Gen.Int[0, 2], Gen.Int[0, 7]).Array[0, 60]
        from randoms in Gen.UInt.Array[0, 16]
        select Make(v6, pool, raw, randoms);

    /// <summary>IPv6 routes are the IPv4 ones moved under 2001:db8::/32 (lengths + 32), so both families see the same shapes.</summary>
    private static IpAddress Address(bool v6, uint bits) =>
        v6 ? new Ipv6Address((UInt128)0x20010db8u << 96 | (UInt128)bits << 64) : new Ipv4Address(bits);

    private static (RouteEntry[], IpAddress[]) Make(bool v6, uint[] pool, (int Pick, uint Fresh, int Length, int Origin, int Iface)[] raw, uint[] randoms)
    {
        var routes = raw.Select(r =>
        {
            uint bits = r.Pick < pool.Length ? pool[r.Pick] : r.Fresh;
            int length = v6 ? r.Length + 32 : r.Length;
            return new RouteEntry(IpPrefix.Of(Address(v6, bits), length), r.Iface, null, (RouteOrigin)r.Origin);
        }).ToArray();
        var probes = new List<IpAddress>(randoms.Select(b => Address(v6, b)));
        probes.AddRange(pool.Select(b => Address(v6, b)));
        foreach (var r in routes)
        {
            probes.Add(r.Prefix.Network);
            uint bits = v6 ? (uint)(r.Prefix.Network.V6.Value >> 64) : r.Prefix.Network.V4.Value;
            probes.Add(Address(v6, bits | 0x5A5A5A5Au));
            probes.Add(Address(v6, unchecked(bits - 1)));
        }
        // Some probes of the other family: no route of this family may answer them.
        probes.Add(Address(!v6, pool[0]));
        return (routes, probes.ToArray());
    }

    [Fact]
    public void Lookup_RandomRoutes_EqualsLinearReference()
    {
        RandomRoutes.Sample(t =>
        {
            var table = new RoutingTable(t.Routes);
            Assert.Equal(t.Routes.Select(r => r.Prefix).Distinct().Count(), table.Entries.Count);
            foreach (var a in t.Probes)
            {
                var expected = Reference(t.Routes, a);
                var own = table.LookupOwn(a);
                int iface = table.LookupInterface(a);
                if (!ReferenceEquals(expected, own) || iface != (expected?.Interface ?? -1))
                    throw new Xunit.Sdk.XunitException($"{a}: table gave {own?.ToString() ?? "none"} (interface {iface}), reference {expected?.ToString() ?? "none"}");
            }
        }, iter: 300);
    }
}
