using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Tests.Scenarios.Generators;

/// <summary>
/// Bad <c>generate</c> sections: each test asserts the line and column of the offending key or
/// value, the message and the fix. The file is
/// <code>
/// 1  stop-at = 1s
/// 2  generate {
/// 3    LINE3
/// 4    LINE4
/// 5  }
/// 6  EXTRA
/// </code>
/// </summary>
public class GenerateValidationTests
{
    private const string FatTree = "topology = fat-tree, k = 4, rate = 1Gbit/s, delay = 10us";

    private static string Text(string line3, string line4 = "", string extra = "") =>
        $"stop-at = 1s\ngenerate {{\n  {line3}\n  {line4}\n}}\n{extra}\n";

    /// <summary>Exactly one error, at line:column, whose problem and fix contain the given texts.</summary>
    private static void One(string text, int line, int column, string problem, string fix)
    {
        var r = ScenarioLoader.LoadFromText(text, "gen.conf");
        Assert.False(r.Ok);
        var e = Assert.Single(r.Errors);
        Assert.True((line, column) == (e.Line, e.Column), $"expected {line}:{column}, got {e}");
        Assert.Contains(problem, e.Problem);
        Assert.Contains(fix, e.Fix);
        Assert.Equal("gen.conf", e.File);
    }

    /// <summary>1-based column of <paramref name="token"/> in a generate line (indented by two spaces).</summary>
    private static int Col(string line, string token) => line.IndexOf(token, StringComparison.Ordinal) + 3;

    [Fact]
    public void Odd_k_is_refused_with_the_even_neighbours()
    {
        const string l = "topology = fat-tree, k = 7, rate = 1Gbit/s, delay = 10us";
        One(Text(l), 3, Col(l, "7"), "fat-tree k = 7 is odd", "use k = 6 or k = 8");
    }

    [Fact]
    public void K_above_48_is_out_of_range()
    {
        const string l = "topology = fat-tree, k = 50, rate = 1Gbit/s, delay = 10us";
        One(Text(l), 3, Col(l, "50"), "k = 50 is out of range", "even k from 2 to 48");
    }

    [Fact]
    public void Fat_tree_without_k()
    {
        One(Text("topology = fat-tree, rate = 1Gbit/s, delay = 10us"), 2, 10, "generate (fat-tree) has no k", "add k = 4");
    }

    [Theory]
    [InlineData("chain", "1", "a chain needs at least 2 routers", "use routers = 2 or more")]
    [InlineData("ring", "2", "a ring needs at least 3 routers", "use routers = 3 or more")]
    [InlineData("random", "1", "a random needs at least 2 routers", "use routers = 2 or more")]
    public void Too_few_routers(string topology, string routers, string problem, string fix)
    {
        string l = $"topology = {topology}, routers = {routers}, rate = 1Gbit/s, delay = 1ms";
        One(Text(l), 3, Col(l, $"= {routers}") + 2, problem, fix);
    }

    [Fact]
    public void Degree_too_high_for_the_routers()
    {
        const string l = "topology = random, routers = 8, degree = 10, rate = 1Gbit/s, delay = 1ms";
        One(Text(l), 3, Col(l, "10"), "degree = 10 is too high for 8 routers", "use degree = 7 or less");
    }

    [Fact]
    public void Pool_too_small_gives_a_pool_that_fits()
    {
        // k = 8: 384 links need 384 /30s = 1,536 addresses: a /21 (2,048) is the smallest pool.
        const string l = "topology = fat-tree, k = 8, rate = 1Gbit/s, delay = 10us, address-pool = 10.1.0.0/24";
        One(Text(l), 3, Col(l, "10.1.0.0/24"), "address pool 10.1.0.0/24 holds 64 /30 link subnets; this fat-tree (k = 8) needs 384 links",
            "address-pool = 10.1.0.0/21");
    }

    [Fact]
    public void Ipv6_pool_is_refused()
    {
        const string l = "topology = chain, routers = 2, rate = 1Gbit/s, delay = 1ms, address-pool = \"2001:db8::/64\"";
        One(Text(l), 3, Col(l, "\"2001"), "address-pool 2001:db8::/64 is IPv6", "address-pool = 10.0.0.0/8");
    }

    [Fact]
    public void Unknown_key_gets_did_you_mean()
    {
        const string l = "topology = fat-tree, k = 4, rate = 1Gbit/s, dealy = 10us, delay = 10us";
        One(Text(l), 3, Col(l, "dealy"), "unknown key 'dealy' in generate", "did you mean 'delay'?");
    }

    [Fact]
    public void A_key_of_another_topology_says_which()
    {
        const string l = "topology = fat-tree, k = 4, routers = 10, rate = 1Gbit/s, delay = 10us";
        One(Text(l), 3, Col(l, "routers"), "key 'routers' does not apply to topology = fat-tree", "routers is for random and chain and ring");
    }

    [Fact]
    public void Unknown_topology_gets_did_you_mean()
    {
        const string l = "topology = fat-tre, k = 4, rate = 1Gbit/s, delay = 10us";
        One(Text(l), 3, Col(l, "fat-tre"), "unknown topology 'fat-tre'", "did you mean 'fat-tree'?");
    }

    [Fact]
    public void Missing_rate_and_delay_are_reported_at_the_brace()
    {
        One(Text("topology = chain, routers = 3, delay = 1ms"), 2, 10, "generate has no rate", "rate = 1Gbit/s");
        One(Text("topology = chain, routers = 3, rate = 1Gbit/s"), 2, 10, "generate has no delay", "delay = 10us");
    }

    [Fact]
    public void Delay_and_a_range_together_are_refused()
    {
        const string l = "topology = random, routers = 10, rate = 1Gbit/s, delay = 1ms, min-delay = 1ms, max-delay = 2ms";
        One(Text(l), 3, Col(l, "min-delay"), "both delay and a delay range", "either delay");
    }

    [Fact]
    public void Max_delay_below_min_delay()
    {
        const string l = "topology = random, routers = 10, rate = 1Gbit/s, min-delay = 5ms, max-delay = 2ms";
        One(Text(l), 3, Col(l, "2ms"), "max-delay 2ms is less than min-delay 5ms", "make max-delay at least 5ms");
    }

    [Fact]
    public void Zero_delay_is_refused()
    {
        const string l = "topology = ring, routers = 3, rate = 1Gbit/s, delay = 0us";
        One(Text(l), 3, Col(l, "0us"), "delay of generate is 0", "delay = 10us");
    }

    [Fact]
    public void Unknown_traffic_type_gets_did_you_mean()
    {
        const string l = "traffic = [ { type = udp-pair, flows = 4, rate = 1Mbit/s } ]";
        One(Text(FatTree, l), 4, Col(l, "udp-pair"), "unknown traffic type 'udp-pair'", "did you mean 'udp-pairs'?");
    }

    [Fact]
    public void Unknown_traffic_key_gets_did_you_mean()
    {
        const string l = "traffic = [ { type = udp-pairs, flow = 4, rate = 1Mbit/s } ]";
        var r = ScenarioLoader.LoadFromText(Text(FatTree, l), "gen.conf");
        var e = Assert.Single(r.Errors, x => x.Problem.Contains("unknown key"));
        Assert.Equal((4, Col(l, "flow =")), (e.Line, e.Column));
        Assert.Equal("unknown key 'flow' in traffic udp-pairs-1", e.Problem);
        Assert.Equal("did you mean 'flows'?", e.Fix);
    }

    [Fact]
    public void Traffic_ports_past_the_ephemeral_range_are_refused()
    {
        const string l = "traffic = [ { type = udp-pairs, flows = 100, rate = 1Mbit/s, port = 49100 } ]";
        One(Text(FatTree, l), 4, Col(l, "49100"), "would use ports 49100..49199, past 49151", "use port = 49052 or lower");
    }

    [Fact]
    public void Packet_size_larger_than_the_generated_mtu()
    {
        const string l = "traffic = [ { type = udp-pairs, flows = 4, rate = 1Mbit/s, packet-size = 9000 } ]";
        One(Text(FatTree, l), 4, Col(l, "9000"), "packet-size of traffic udp-pairs-1 is 9000; it must be from 28 to 1500", "packet-size = 1500");
    }

    [Fact]
    public void Traffic_that_starts_after_the_run_ends()
    {
        const string l = "traffic = [ { type = udp-pairs, flows = 4, rate = 1Mbit/s, start = 2s } ]";
        One(Text(FatTree, l), 4, Col(l, "2s"), "traffic udp-pairs-1 starts at 2s, after the run ends", "start it before 1s");
    }

    [Fact]
    public void Pairs_need_two_hosts()
    {
        const string l3 = "topology = chain, routers = 2, rate = 1Gbit/s, delay = 1ms, hosts-per-router = 0";
        const string l4 = "traffic = [ { type = udp-pairs, flows = 1, rate = 1Mbit/s } ]";
        One(Text(l3, l4), 4, Col(l4, "udp-pairs"), "needs at least two hosts; the generated topology has 0", "hosts-per-router = 1");
    }

    [Fact]
    public void Ping_all_on_a_large_topology_points_to_udp_pairs()
    {
        const string l3 = "topology = fat-tree, k = 16, rate = 1Gbit/s, delay = 10us";
        const string l4 = "traffic = [ { type = ping-all } ]";
        One(Text(l3, l4), 4, Col(l4, "ping-all"), "would make 1047552 ping apps", "use udp-pairs");
    }

    [Fact]
    public void Generated_traffic_with_static_routing()
    {
        const string l4 = "traffic = [ { type = ping-all } ]";
        One(Text(FatTree, l4, "routing { mode = static }"), 4, 3, "generated traffic needs computed routes", "mode = computed");
    }

    [Fact]
    public void A_hand_written_node_may_not_take_a_generated_name()
    {
        One(Text(FatTree, extra: "nodes { core-1 = router }"), 6, 9, "node core-1 clashes with a node that generate makes (line 3)",
            "core-*, agg-*, edge-* and host-*");
    }

    [Fact]
    public void A_hand_written_subnet_may_not_overlap_the_generated_addresses()
    {
        // k = 4: 48 links use 10.0.0.0 .. 10.0.0.191.
        const string extra = "nodes { x = host }\nlinks = [ { between = [x, core-0], subnet = 10.0.0.128/25, rate = 1Gbit/s, delay = 1us } ]";
        One(Text(FatTree, extra: extra), 7, extra.Split('\n')[1].IndexOf("10.0.0.128", StringComparison.Ordinal) + 1, "subnet 10.0.0.128/25 of link x-core-0 overlaps the generated links' addresses (10.0.0.0 to 10.0.0.191",
            "use a subnet outside 10.0.0.0 to 10.0.0.191");
    }

    [Fact]
    public void A_hand_written_app_may_not_reuse_a_generated_sink_port()
    {
        const string l4 = "traffic = [ { type = udp-pairs, flows = 1, rate = 1Mbit/s, seed = 1 } ]";
        var s = GeneratedTopologyTests.Load(FatTree + "\n" + l4);
        var sink = s.Apps.OfType<UdpSinkAppSpec>().Single();
        string extra = $"apps = [ {{ type = udp-sink, node = {sink.Node}, port = 5000 }} ]";
        One(Text(FatTree, l4, extra), 6, extra.IndexOf("5000", StringComparison.Ordinal) + 1,
            $"binds UDP port 5000 on {sink.Node}, already bound by app udp-pairs-1-sink-0", "give each sink");
    }

    [Fact]
    public void Errors_in_generate_do_not_make_hand_written_references_unknown()
    {
        // k is wrong, so nothing is generated; the link to core-0 is not reported as well.
        const string l = "topology = fat-tree, k = 3, rate = 1Gbit/s, delay = 10us";
        const string extra = "nodes { x = host }\nlinks = [ { between = [x, core-0], subnet = 192.168.0.0/30, rate = 1Gbit/s, delay = 1us } ]";
        One(Text(l, extra: extra), 3, Col(l, "3"), "fat-tree k = 3 is odd", "use k = 2 or k = 4");
    }

    [Fact]
    public void Generate_must_be_an_object()
    {
        One("stop-at = 1s\ngenerate = fat-tree\n", 2, 12, "generate must be an object", "generate { topology = fat-tree");
    }
}
