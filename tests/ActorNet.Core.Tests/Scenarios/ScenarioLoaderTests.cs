using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Tests.Scenarios;

public class ScenarioLoaderTests
{
    private const string Full = """
        name = "full"
        seed = 7
        stop-at = 10s
        nodes {
          h1 = host
          r1 = router
          h2 { type = host }
        }
        links = [
          { between = [h1, r1], subnet = 10.0.1.0/24, addresses = [10.0.1.2, 10.0.1.1],
            rate = 10Mbit/s, delay = 5ms, mtu = 1500, queue = 100p,
            loss = 1%, duplicate = 0%, jitter = 0ms, down = [ { from = 10s, until = 12s } ],
            name = "h1-r1" }
          { between = [r1, h2], subnet = 10.0.2.0/24, rate = 1.5Mbit/s, delay = 250us, queue-b = 64KiB,
            duplicate = 0.5%, jitter = 1ms, mtu = 9000
            loss { model = gilbert-elliott, good-to-bad = 1%, bad-to-good = 30%, loss-good = 0%, loss-bad = 50% } }
        ]
        routing { mode = computed, metric = hops }
        routes = [ { node = r1, prefix = 0.0.0.0/0, via = 10.0.2.2 } ]
        apps = [
          { type = ping, node = h1, target = h2, count = 5, interval = 1s, start = 1s, size = 56, ttl = 64, timeout = 2s }
          { type = traceroute, node = h1, target = h2, max-hops = 30, probes = 3, packet-size = 60, port = 33434, timeout = 1s, start = 0s }
          { type = udp-cbr, node = h1, target = 10.0.2.2, port = 9000, rate = 20Mbit/s, packet-size = 1000, start = 0s, stop = 10s }
          { type = udp-onoff, node = h1, target = h2, port = 9000, rate = 5Mbit/s, packet-size = 1000, on = 1s, off = 1s, start = 0s, stop = 10s }
          { type = udp-sink, node = h2, port = 9000, name = "sink" }
          { type = ping, node = h2, target = h1 }
        ]
        """;

    private static SourceSpan At(int line, int col) => new("full.conf", line, col);

    [Fact]
    public void Full_scenario_loads_to_the_exact_model()
    {
        var r = ScenarioLoader.LoadFromText(Full, "full.conf");
        Assert.Empty(r.Errors);
        Assert.True(r.Ok);
        var s = r.Scenario;
        Assert.Equal("full", s.Name);
        Assert.Equal("full.conf", s.SourceFile);
        Assert.Equal(Full, s.SourceText);
        Assert.Equal(7UL, s.Seed);
        Assert.Equal(SimTime.FromSeconds(10), s.StopAt);

        // Sorted by ordinal name, not file order.
        Assert.Equal(
            [new NodeSpec("h1", NodeKind.Host, At(5, 3)), new NodeSpec("h2", NodeKind.Host, At(7, 3)), new NodeSpec("r1", NodeKind.Router, At(6, 3))],
            s.Nodes);

        Assert.Equal(2, s.Links.Count);
        var l1 = s.Links[0];
        Assert.Equal(("h1-r1", "h1", "r1"), (l1.Name, l1.NodeA, l1.NodeB));
        Assert.Equal(IpPrefix.Parse("10.0.1.0/24"), l1.Subnet);
        Assert.Equal((IpAddress.Parse("10.0.1.2"), IpAddress.Parse("10.0.1.1")), (l1.AddressA, l1.AddressB));
        Assert.Equal(DataRate.FromMbps(10), l1.Rate);
        Assert.Equal(SimTime.FromMilliseconds(5), l1.Delay);
        Assert.Equal(1500, l1.Mtu);
        Assert.Equal((new QueueLimit(100, 0), new QueueLimit(100, 0)), (l1.QueueA, l1.QueueB));
        Assert.Equal(new BernoulliLoss(0.01), l1.Loss);
        Assert.Equal(0.0, l1.Duplicate);
        Assert.Equal(SimTime.Zero, l1.Jitter);
        Assert.Equal([new DownInterval(SimTime.FromSeconds(10), SimTime.FromSeconds(12))], l1.Down);
        Assert.Equal(At(10, 3), l1.At);

        var l2 = s.Links[1];
        Assert.Equal(("r1-h2", "r1", "h2"), (l2.Name, l2.NodeA, l2.NodeB));
        // Default addresses: .1 for side a, .2 for side b.
        Assert.Equal((IpAddress.Parse("10.0.2.1"), IpAddress.Parse("10.0.2.2")), (l2.AddressA, l2.AddressB));
        Assert.Equal(new DataRate(1_500_000), l2.Rate);
        Assert.Equal(SimTime.FromMicroseconds(250), l2.Delay);
        Assert.Equal(9000, l2.Mtu);
        Assert.Equal((QueueLimit.Default, new QueueLimit(0, 65536)), (l2.QueueA, l2.QueueB));
        Assert.Equal(new GilbertElliottLoss(0.01, 0.30, 0.0, 0.50), l2.Loss);
        Assert.Equal(0.005, l2.Duplicate);
        Assert.Equal(SimTime.FromMilliseconds(1), l2.Jitter);
        Assert.Empty(l2.Down);

        Assert.Equal(new RoutingSpec(RouteMode.Computed, RouteMetric.Hops), s.Routing);
        Assert.Equal([new StaticRouteSpec("r1", IpPrefix.Parse("0.0.0.0/0"), IpAddress.Parse("10.0.2.2"), At(19, 12))], s.Routes);

        var h2 = IpAddress.Parse("10.0.2.2");
        Assert.Equal(6, s.Apps.Count);
        Assert.Equal(new PingAppSpec
        {
            Name = "ping-1", Node = "h1", Start = SimTime.FromSeconds(1), At = At(21, 3), Target = h2,
            Count = 5, Interval = SimTime.FromSeconds(1), DataBytes = 56, Ttl = 64, Timeout = SimTime.FromSeconds(2),
        }, s.Apps[0]);
        Assert.Equal(new TracerouteAppSpec
        {
            Name = "traceroute-1", Node = "h1", Start = SimTime.Zero, At = At(22, 3), Target = h2,
            MaxHops = 30, ProbesPerHop = 3, PacketBytes = 60, BasePort = 33434, Timeout = SimTime.FromSeconds(1),
        }, s.Apps[1]);
        Assert.Equal(new UdpCbrAppSpec
        {
            Name = "udp-cbr-1", Node = "h1", Start = SimTime.Zero, At = At(23, 3), Target = h2,
            Port = 9000, Rate = DataRate.FromMbps(20), PacketBytes = 1000, Stop = SimTime.FromSeconds(10),
        }, s.Apps[2]);
        Assert.Equal(new UdpOnOffAppSpec
        {
            Name = "udp-onoff-1", Node = "h1", Start = SimTime.Zero, At = At(24, 3), Target = h2,
            Port = 9000, Rate = DataRate.FromMbps(5), PacketBytes = 1000, OnTime = SimTime.FromSeconds(1),
            OffTime = SimTime.FromSeconds(1), Stop = SimTime.FromSeconds(10),
        }, s.Apps[3]);
        Assert.Equal(new UdpSinkAppSpec { Name = "sink", Node = "h2", Start = SimTime.Zero, At = At(25, 3), Port = 9000 }, s.Apps[4]);
        // Defaults, and a target name resolves to the node's address on its first link.
        Assert.Equal(new PingAppSpec
        {
            Name = "ping-2", Node = "h2", At = At(26, 3), Target = IpAddress.Parse("10.0.1.2"),
        }, s.Apps[5]);
    }

    [Fact]
    public void Defaults_fill_a_minimal_scenario()
    {
        var r = ScenarioLoader.LoadFromText("stop-at = 1s\nnodes { a = host, b = host }\nlinks = [ { between = [a, b], subnet = 192.168.0.0/30, rate = 1Gbit/s, delay = 1us } ]",
            "dir/minimal.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var s = r.Scenario;
        Assert.Equal("minimal", s.Name);
        Assert.Equal(1UL, s.Seed);
        Assert.Equal(RoutingSpec.Default, s.Routing);
        Assert.Empty(s.Routes);
        Assert.Empty(s.Apps);
        var l = Assert.Single(s.Links);
        Assert.Equal("a-b", l.Name);
        Assert.Equal((IpAddress.Parse("192.168.0.1"), IpAddress.Parse("192.168.0.2")), (l.AddressA, l.AddressB));
        Assert.Equal((1500, QueueLimit.Default, QueueLimit.Default), (l.Mtu, l.QueueA, l.QueueB));
        Assert.Same(NoLoss.Instance, l.Loss);
        Assert.Equal((0.0, SimTime.Zero), (l.Duplicate, l.Jitter));
    }

    [Fact]
    public void Ipv6_scenario_with_quoted_addresses_loads()
    {
        const string text = """
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = "2001:db8:1::/64", rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = "2001:db8:2::/64", addresses = ["2001:db8:2::a", "2001:db8:2::b"], rate = 10Mbit/s, delay = 1ms, mtu = 1280 }
              { between = [r1, h2], subnet = "2001:db8:ff::/127", rate = 10Mbit/s, delay = 1ms, name = "r1-h2-p2p" }
            ]
            apps = [ { type = ping, node = h1, target = h2, size = 1232 }, { type = ping, node = h2, target = "2001:db8:1::1", size = 1000 } ]
            """;
        var r = ScenarioLoader.LoadFromText(text, "v6.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var s = r.Scenario;
        Assert.Equal(IpAddress.Parse("2001:db8:1::1"), s.Links[0].AddressA);
        Assert.Equal(IpAddress.Parse("2001:db8:1::2"), s.Links[0].AddressB);
        // /127: both addresses are hosts (RFC 6164).
        Assert.Equal((IpAddress.Parse("2001:db8:ff::"), IpAddress.Parse("2001:db8:ff::1")), (s.Links[2].AddressA, s.Links[2].AddressB));
        Assert.Equal(IpAddress.Parse("2001:db8:2::b"), ((PingAppSpec)s.Apps[0]).Target);
    }

    [Fact]
    public void Static_routing_with_routes_both_ways_loads()
    {
        const string text = """
            stop-at = 5s
            nodes { h1 = host, r1 = router, r2 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, r2], subnet = 10.0.2.0/30, rate = 10Mbit/s, delay = 1ms }
              { between = [r2, h2], subnet = 10.0.3.0/31, rate = 10Mbit/s, delay = 1ms }
            ]
            routing { mode = static }
            routes = [
              { node = h1, prefix = 0.0.0.0/0, via = 10.0.1.2 }
              { node = r1, prefix = 10.0.3.0/24, via = 10.0.2.2 }
              { node = r2, prefix = 10.0.1.0/24, via = 10.0.2.1 }
              { node = h2, prefix = 0.0.0.0/0, via = 10.0.3.0 }
            ]
            apps = [ { type = ping, node = h1, target = h2 } ]
            """;
        var r = ScenarioLoader.LoadFromText(text, "static.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal(IpAddress.Parse("10.0.3.1"), ((PingAppSpec)r.Scenario.Apps[0]).Target);
        Assert.Equal(RouteMode.Static, r.Scenario.Routing.Mode);
        Assert.Equal(4, r.Scenario.Routes.Count);
    }

    [Fact]
    public void Load_reads_a_file_and_names_the_scenario_after_it()
    {
        string dir = Path.Combine(Path.GetTempPath(), "actornet-scn-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "tiny.conf");
        File.WriteAllText(path, "stop-at = 1s\nnodes { r = router }\n");
        try
        {
            var r = ScenarioLoader.Load(path);
            Assert.True(r.Ok, string.Join("\n", r.Errors));
            Assert.Equal("tiny", r.Scenario.Name);
            Assert.Equal(path, r.Scenario.SourceFile);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Missing_file_is_an_error_at_line_0()
    {
        var r = ScenarioLoader.Load("/nonexistent/dir/nothing.conf");
        Assert.False(r.Ok);
        Assert.Null(r.Scenario);
        var e = Assert.Single(r.Errors);
        Assert.Equal(("/nonexistent/dir/nothing.conf", 0, 0), (e.File, e.Line, e.Column));
        Assert.Contains("not found", e.Problem);
        Assert.NotEmpty(e.Fix);
    }
}

public class DirectionalLossLoaderTests
{
    private const string Text = """
        stop-at = 1s
        nodes { h1 = host, r1 = router }
        links = [
          { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms, loss = 1%, loss-a = 5%,
            loss-b { model = gilbert-elliott, good-to-bad = 1%, bad-to-good = 30% } }
        ]
        """;

    [Fact]
    public void Loss_a_and_loss_b_set_one_direction_each_over_loss()
    {
        var r = ScenarioLoader.LoadFromText(Text, "dir.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var l = Assert.Single(r.Scenario!.Links);
        Assert.Equal(new BernoulliLoss(0.01), l.Loss);
        Assert.Equal(new BernoulliLoss(0.05), l.LossA);
        Assert.Equal(new GilbertElliottLoss(0.01, 0.30, 0.0, 1.0), l.LossB);
    }

    [Fact]
    public void A_bad_directional_loss_is_reported_at_its_value_naming_the_direction()
    {
        var r = ScenarioLoader.LoadFromText(Text.Replace("loss-a = 5%", "loss-a = 150%", StringComparison.Ordinal), "dir.conf");
        var e = Assert.Single(r.Errors);
        Assert.Equal(4, e.Line);
        Assert.Contains("direction a→b", e.Problem);
        Assert.Contains("loss = 1%", e.Fix);
    }
}
