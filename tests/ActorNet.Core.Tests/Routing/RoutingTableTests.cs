using ActorNet.Core.Addressing;
using ActorNet.Core.Routing;
using ActorNet.Core.Topology;

namespace ActorNet.Core.Tests.Routing;

/// <summary>
/// A node's forwarding table: one route per prefix (connected over static over computed), longest
/// match across the node's own routes and the shared computed ones, default routes, IPv6.
/// The property test against a linear reference is in <see cref="RoutingTablePropertyTests"/>.
/// </summary>
public sealed class RoutingTableTests
{
    internal static RouteEntry Route(string prefix, int iface, RouteOrigin origin, string? nextHop = null) =>
        new(IpPrefix.Parse(prefix), iface, nextHop is null ? null : IpAddress.Parse(nextHop), origin);

    private static IpAddress A(string address) => IpAddress.Parse(address);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Lookup_ConnectedAndStaticOnTheSamePrefix_ConnectedWinsWhateverTheOrder(bool staticFirst)
    {
        // A static route that shadows a connected subnet would send the neighbours' packets away.
        var connected = Route("10.0.1.0/24", 0, RouteOrigin.Connected);
        var @static = Route("10.0.1.0/24", 1, RouteOrigin.Static, "10.0.2.1");
        var table = new RoutingTable(staticFirst ? [@static, connected] : [connected, @static]);
        Assert.Equal(0, table.LookupInterface(A("10.0.1.7")));
        Assert.Equal(RouteOrigin.Connected, table.LookupOwn(A("10.0.1.7"))!.Origin);
        Assert.Single(table.Entries);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Lookup_StaticAndComputedOnTheSamePrefix_StaticWinsWhateverTheOrder(bool computedFirst)
    {
        var @static = Route("0.0.0.0/0", 1, RouteOrigin.Static, "10.0.2.1");
        var computed = Route("0.0.0.0/0", 0, RouteOrigin.Computed, "10.0.1.1");
        var table = new RoutingTable(computedFirst ? [computed, @static] : [@static, computed]);
        Assert.Equal(1, table.LookupInterface(A("192.0.2.1")));
        Assert.Equal(RouteOrigin.Static, table.LookupOwn(A("192.0.2.1"))!.Origin);
    }

    [Fact]
    public void Lookup_StaticMoreSpecificThanConnected_LongerPrefixWinsOverOrigin()
    {
        // Precedence by origin is only for equal prefixes: a /25 static route inside a connected /24 wins for its half.
        var table = new RoutingTable([Route("10.0.1.0/24", 0, RouteOrigin.Connected), Route("10.0.1.128/25", 1, RouteOrigin.Static, "10.0.2.1")]);
        Assert.Equal(0, table.LookupInterface(A("10.0.1.127")));
        Assert.Equal(1, table.LookupInterface(A("10.0.1.128")));
        Assert.Equal(2, table.Entries.Count);
    }

    [Fact]
    public void Lookup_DefaultRoute_CatchesWhatNoOtherRouteMatches()
    {
        var table = new RoutingTable([Route("10.0.1.0/24", 0, RouteOrigin.Connected), Route("0.0.0.0/0", 1, RouteOrigin.Static, "10.0.2.1"),
            Route("10.0.2.0/24", 1, RouteOrigin.Connected)]);
        Assert.Equal(0, table.LookupInterface(A("10.0.1.1")));
        Assert.Equal(1, table.LookupInterface(A("10.0.2.200")));
        Assert.Equal(1, table.LookupInterface(A("198.51.100.1")));
        Assert.Equal(1, table.LookupInterface(A("255.255.255.255")));
        Assert.Equal(0, table.LookupOwn(A("8.8.8.8"))!.Prefix.Length);
    }

    [Fact]
    public void Lookup_NoRoute_IsMinusOneAndNull()
    {
        var table = new RoutingTable([Route("10.0.1.0/24", 0, RouteOrigin.Connected)]);
        Assert.Equal(-1, table.LookupInterface(A("10.0.2.1")));
        Assert.Null(table.LookupOwn(A("10.0.2.1")));
        // An IPv4 default route does not answer for IPv6.
        var v4Default = new RoutingTable([Route("0.0.0.0/0", 0, RouteOrigin.Static, "10.0.1.1")]);
        Assert.Equal(-1, v4Default.LookupInterface(A("2001:db8::1")));
    }

    [Fact]
    public void Lookup_Ipv6_LongestMatchDefaultAndPrecedence()
    {
        var table = new RoutingTable([
            Route("2001:db8:1::/64", 0, RouteOrigin.Connected),
            Route("2001:db8:1::/64", 3, RouteOrigin.Static, "2001:db8:2::1"),
            Route("2001:db8::/32", 1, RouteOrigin.Static, "2001:db8:2::1"),
            Route("2001:db8:2::/64", 2, RouteOrigin.Connected),
            Route("::/0", 2, RouteOrigin.Computed, "2001:db8:2::1"),
        ]);
        Assert.Equal(0, table.LookupInterface(A("2001:db8:1::42")));
        Assert.Equal(2, table.LookupInterface(A("2001:db8:2::42")));
        Assert.Equal(1, table.LookupInterface(A("2001:db8:ffff::1")));
        Assert.Equal(2, table.LookupInterface(A("2001:db9::1")));
        // IPv4 and IPv6 routes live side by side; neither answers for the other family.
        Assert.Equal(-1, table.LookupInterface(A("10.0.0.1")));
    }

    /// <summary>
    /// Nodes 0 — 1 — 2 — 3 on links 10.0.1.0/24 (0–1), 10.0.2.0/24 (1–2), 10.0.3.0/25 (2–3); every node's
    /// interface 0 faces node 0's side, interface 1 the other side. Node 0 has one interface towards 1.
    /// </summary>
    private static ComputedRoutes Line()
    {
        var graph = new TopologyGraph(4);
        graph.AddLink(0, 1, 1);
        graph.AddLink(1, 2, 1);
        graph.AddLink(2, 3, 1);
        (int, int, int, int)[] ends = [(0, 0, 1, 0), (1, 1, 2, 0), (2, 1, 3, 0)];
        return new ComputedRoutes([IpPrefix.Parse("10.0.1.0/24"), IpPrefix.Parse("10.0.2.0/24"), IpPrefix.Parse("10.0.3.0/25")],
            ends, RouteComputation.Compute(graph, storeDistances: true));
    }

    [Fact]
    public void Lookup_ComputedRoutes_LongerComputedPrefixBeatsAShorterOwnRoute()
    {
        // Node 1 has a static 10.0.0.0/16 out of a (made-up) interface 5; the computed /24 and /25 are longer and win.
        var table = new RoutingTable([Route("10.0.1.0/24", 0, RouteOrigin.Connected), Route("10.0.2.0/24", 1, RouteOrigin.Connected),
            Route("10.0.0.0/16", 5, RouteOrigin.Static, "10.0.1.1")], Line(), node: 1);
        Assert.Equal(1, table.LookupInterface(A("10.0.3.9")));    // towards node 2
        Assert.Equal(5, table.LookupInterface(A("10.0.3.200")));  // outside the /25: only the static /16 matches
        Assert.Equal(5, table.LookupInterface(A("10.0.9.1")));
        Assert.Equal(0, table.LookupInterface(A("10.0.1.1")));    // own connected subnet: the computed table declines it
    }

    [Fact]
    public void Lookup_ComputedRoutes_OwnRouteOfEqualLengthWins()
    {
        // Node 0's computed way to 10.0.3.0/25 is interface 0; a static /25 for it out of interface 4 wins on the tie,
        // and a longer static /26 inside it wins outright.
        var table = new RoutingTable([Route("10.0.1.0/24", 0, RouteOrigin.Connected), Route("10.0.3.0/25", 4, RouteOrigin.Static, "10.0.1.1"),
            Route("10.0.2.0/26", 3, RouteOrigin.Static, "10.0.1.1")], Line(), node: 0);
        Assert.Equal(4, table.LookupInterface(A("10.0.3.1")));
        Assert.Equal(3, table.LookupInterface(A("10.0.2.1")));
        Assert.Equal(0, table.LookupInterface(A("10.0.2.64")));   // past the /26: the computed /24
        Assert.Equal(-1, table.LookupInterface(A("10.0.4.1")));   // no subnet, no default
    }

    [Fact]
    public void Lookup_ComputedRoutes_DefaultRouteOnlyForWhatNoSubnetHolds()
    {
        var table = new RoutingTable([Route("10.0.1.0/24", 0, RouteOrigin.Connected), Route("0.0.0.0/0", 7, RouteOrigin.Static, "10.0.1.1")],
            Line(), node: 0);
        Assert.Equal(0, table.LookupInterface(A("10.0.3.5")));
        Assert.Equal(7, table.LookupInterface(A("203.0.113.1")));
    }
}
