using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// A scenario with a mistake is refused before anything runs: `actornet run` exits 2, prints each
/// problem as "file:line:column: problem" with a "fix:" line under it, and creates no run folder.
/// Each scenario is <see cref="Valid"/> with one thing changed, so the line numbers can be read off
/// the text; the exact problem count shows that a mistake is reported once, not with follow-on errors.
/// </summary>
public class BadScenarioTests
{
    private const string Valid = """
        stop-at = 5s
        nodes { h1 = host, r1 = router, h2 = host }
        links = [
          { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
          { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
        ]
        apps = [
          { type = ping, node = h1, target = h2, count = 2 }
        ]

        """;

    [Fact]
    public void The_unchanged_scenario_is_valid()
    {
        using var dir = new TempDir();
        var r = Actornet.Run("validate", dir.Write("good.conf", Valid));
        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
    }

    [Fact]
    public void Unknown_node_in_a_link()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, rx], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 4, "unknown node 'rx' in between of link h1-rx", fix: "did you mean 'r1'?");
    }

    [Fact]
    public void Two_links_on_one_subnet()
    {
        // Both links are on 10.0.1.0/24 (and r1-h2 even reuses h1's 10.0.1.1): every ping would be
        // lost. The later subnet is reported, naming the other link and where it is written.
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.1.0/24, addresses = [10.0.1.1, 10.0.1.3], rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 5, "subnet 10.0.1.0/24 of link r1-h2 is also the subnet of link h1-r1 (line 4, column 34)", fix: "its own subnet");
    }

    [Fact]
    public void Address_outside_its_subnet()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, addresses = [10.0.3.1, 10.0.2.2], rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 5, "address 10.0.3.1 is not in subnet 10.0.2.0/24 of link r1-h2");
    }

    [Fact]
    public void Zero_delay()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 0ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 5, "link r1-h2 has delay 0s; links need delay > 0", fix: "delay = 1ms");
    }

    [Fact]
    public void Negative_delay()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = -1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 4, "link h1-r1 has delay -1ms; links need delay > 0");
    }

    [Fact]
    public void Prefix_with_host_bits_set()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.1/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 5, "10.0.2.1/24 has host bits set", fix: "10.0.2.0/24");
    }

    [Fact]
    public void Destination_on_a_disconnected_island()
    {
        // h1-r1 and r2-h2 share no link.
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, r2 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r2, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 8, "target 10.0.2.2 (h2) is unreachable from h1: no path of IPv4 links joins h1 and h2");
    }

    [Fact]
    public void Rate_with_an_unknown_unit()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbits, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 5, "unknown rate unit 'Mbits'", fix: "rate = 10Mbit/s");
    }

    [Fact]
    public void Missing_stop_at()
    {
        // Reported at the start of the file, where the top-level object begins.
        AssertRefused("""
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 1, "missing stop-at", fix: "stop-at = 10s");
    }

    [Fact]
    public void Link_without_a_rate()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 5, "link r1-h2 has no rate", fix: "rate = 10Mbit/s");
    }

    [Fact]
    public void Misspelt_key_gets_a_suggestion()
    {
        // Two true statements about line 5: 'dealy' is no key, and the link has no delay.
        var problems = AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, dealy = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 5, "unknown key 'dealy' in link r1-h2", fix: "did you mean 'delay'?", problems: 2);
        Assert.Contains(problems, p => p.Line == 5 && p.Problem == "link r1-h2 has no delay");
    }

    [Fact]
    public void Misspelt_top_level_key_gets_a_suggestion()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            sed = 4
            """, line: 10, "unknown key 'sed' in the scenario", fix: "did you mean 'seed'?");
    }

    [Fact]
    public void Unknown_app_type()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = quic-stream, node = h1, target = h2, count = 2 }
            ]
            """, line: 8, "unknown app type 'quic-stream'", fix: "ping, traceroute, udp-cbr, udp-onoff, udp-sink, tcp-bulk, tcp-sink");
    }

    [Fact]
    public void App_on_a_router()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = r1, target = h2, count = 2 }
            ]
            """, line: 8, "app ping-1 runs on router r1; apps run on hosts");
    }

    [Fact]
    public void Port_above_65535()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = udp-sink, node = h2, port = 70000 }
            ]
            """, line: 8, "app udp-sink-1 has port 70000; UDP ports run from 1 to 65535");
    }

    [Fact]
    public void Port_zero()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = udp-sink, node = h2, port = 0 }
            ]
            """, line: 8, "app udp-sink-1 has port 0; UDP ports run from 1 to 65535");
    }

    [Fact]
    public void Two_sinks_on_one_port_of_a_host()
    {
        // Not a run failure at start: the second bind is refused before anything runs.
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = udp-sink, node = h2, port = 9000 }
              { type = udp-sink, node = h2, port = 9000 }
            ]
            """, line: 9, "app udp-sink-2 binds UDP port 9000 on h2, already bound by app udp-sink-1", fix: "line 8");
    }

    [Fact]
    public void Unknown_congestion_control_of_a_tcp_app()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = tcp-sink, node = h2, port = 5001 }
              { type = tcp-bulk, node = h1, target = h2, port = 5001, tcp { congestion-control = new-reno } }
            ]
            """, line: 9, "unknown congestion control 'new-reno' in the tcp block of app tcp-bulk-1", fix: "did you mean 'newreno'?");
    }

    [Fact]
    public void Tcp_buffer_smaller_than_the_mss_in_the_top_level_block()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            tcp { send-buffer = 1KiB }
            apps = [
              { type = tcp-sink, node = h2, port = 5001 }
              { type = tcp-bulk, node = h1, target = h2, port = 5001 }
            ]
            """, line: 7, "the top-level tcp block: send buffer 1024 B: must hold at least one MSS", fix: "at least mss");
    }

    [Fact]
    public void Traceroute_probe_ports_past_65535()
    {
        // Probe k goes to port + k (classic traceroute: the first probe of base 33434 goes to
        // 33435), so one probe from base 65535 would need port 65536.
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = traceroute, node = h1, target = h2, port = 65535, max-hops = 1, probes = 1 }
            ]
            """, line: 8, "would use ports 65536..65536, past 65535");
    }

    [Fact]
    public void Udp_packet_larger_than_the_mtu()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = udp-cbr, node = h1, target = h2, port = 9000, rate = 1Mbit/s, packet-size = 1600, stop = 2s }
            ]
            """, line: 8, "app udp-cbr-1 sends 1600 B packets, larger than the MTU 1500 of h1's first link (h1-r1)");
    }

    [Fact]
    public void Ping_one_byte_larger_than_the_mtu()
    {
        // 1473 data bytes + 8 (ICMP) + 20 (IPv4) = 1501 B.
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2, size = 1473 }
            ]
            """, line: 8, "app ping-1 sends 1501 B packets, larger than the MTU 1500");
    }

    [Fact]
    public void Loss_above_100_percent()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms, loss = 150% }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 5, "bad loss of link r1-h2: '150%' is outside 0..1", fix: "loss = 1%");
    }

    [Fact]
    public void Duplicate_probability_above_1()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms, duplicate = 1.5 }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 4, "bad duplicate of link h1-r1: '1.5' is outside 0..1");
    }

    [Fact]
    public void Duplicate_node()
    {
        AssertRefused("""
            stop-at = 5s
            nodes {
              h1 = host
              r1 = router
              h2 = host
              r1 = host
            }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 6, "duplicate node name r1", fix: "already defined at line 4");
    }

    [Fact]
    public void Link_from_a_node_to_itself()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, r1], subnet = 10.0.3.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 6, "link r1-r1 connects r1 to itself");
    }

    [Fact]
    public void Unclosed_brace_inside_an_array()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2
            ]
            """, line: 9, "unexpected ']'", fix: "close the object opened at line 8, column 3 with '}'");
    }

    [Fact]
    public void Unclosed_brace_at_the_end_of_the_file()
    {
        // The parser notices at the end of the file (line 4, after the last newline) and names the opening line.
        AssertRefused("""
            stop-at = 5s
            nodes {
              h1 = host
            """, line: 4, "missing '}' to close the object opened at line 2, column 7");
    }

    [Fact]
    public void Negative_seed()
    {
        AssertRefused("""
            stop-at = 5s
            seed = -3
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            apps = [
              { type = ping, node = h1, target = h2, count = 2 }
            ]
            """, line: 2, "seed must be a non-negative integer, not '-3'");
    }

    [Fact]
    public void Stop_at_without_a_value()
    {
        // Reported at the key, by name, not as "unexpected '{'" on the line after.
        AssertRefused("""
            stop-at =
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            """, line: 1, "key 'stop-at' has no value", fix: "stop-at = <value>");
    }

    [Fact]
    public void Queue_of_more_packets_than_a_queue_can_count()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms, queue = 9999999999999p }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            """, line: 4, "'9999999999999p' is too many packets; at most 2147483647");
    }

    [Fact]
    public void Min_rto_above_the_initial_rto()
    {
        AssertRefused("""
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 1ms }
            ]
            tcp {
              min-rto = 5s
            }
            """, line: 8, "min-rto of the top-level tcp block is 5s; it must be at most 1s", fix: "min-rto = 200ms");
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_in_line_order()
    {
        using var dir = new TempDir();
        string file = dir.Write("bad.conf", """
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 0ms }
              { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbits, delay = 1ms }
            ]
            apps = [
              { type = pong, node = h1, target = h2, count = 2 }
              { type = udp-sink, node = h2, port = 70000 }
            ]
            """);
        string run = dir.PathOf("run");
        var r = Actornet.Run("run", file, "--out", run);

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Collection(r.Problems,
            p => Assert.Equal((4, "link h1-r1 has delay 0s; links need delay > 0"), (p.Line, p.Problem)),
            p => Assert.True(p.Line == 5 && p.Problem.StartsWith("bad rate of link r1-h2: '10Mbits' has an unknown rate unit 'Mbits'", StringComparison.Ordinal), p.ToString()),
            p => Assert.Equal((8, "unknown app type 'pong'"), (p.Line, p.Problem)),
            p => Assert.Equal((9, "app udp-sink-1 has port 70000; UDP ports run from 1 to 65535"), (p.Line, p.Problem)));
        Assert.All(r.Problems, p => Assert.Equal(file, p.File));
        Assert.All(r.Problems, p => Assert.NotEmpty(p.Fix));
        Assert.Contains("4 problems found; nothing was run.", r.Stderr);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Validate_reports_the_same_problems_as_run()
    {
        using var dir = new TempDir();
        string file = dir.Write("bad.conf", """
            stop-at = 5s
            nodes { h1 = host, r1 = router, h2 = host }
            links = [
              { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 0ms }
              { between = [r1, h2], subnet = 10.0.2.1/24, rate = 10Mbit/s, delay = 1ms }
            ]
            """);
        var validate = Actornet.Run("validate", file);
        var run = Actornet.Run("run", file, "--out", dir.PathOf("run"));

        Assert.True(validate.ExitCode == CliApp.BadInput, validate.ToString());
        Assert.Equal([4, 5], validate.Problems.Select(p => p.Line));
        Assert.Equal(validate.Problems, run.Problems);
        Assert.Equal("", validate.Stdout);
    }

    /// <summary>
    /// Runs the scenario and checks that it was refused: exit 2, exactly <paramref name="problems"/>
    /// problems, one of them at <paramref name="line"/> of this file whose text contains
    /// <paramref name="problem"/> (and whose fix contains <paramref name="fix"/>), nothing on
    /// stdout, and no run folder.
    /// </summary>
    private static IReadOnlyList<ReportedProblem> AssertRefused(string scenario, int line, string problem, string? fix = null, int problems = 1)
    {
        using var dir = new TempDir();
        string file = dir.Write("bad.conf", scenario + "\n");
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", file, "--out", run, "--quiet");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains($"{file}:{line}:", r.Stderr);
        Assert.Contains(problem, r.Stderr);
        Assert.Contains("  fix: ", r.Stderr);
        var match = r.Problems.Where(p => p.File == file && p.Line == line && p.Problem.Contains(problem, StringComparison.Ordinal)).ToList();
        Assert.True(match.Count == 1, $"expected one problem at line {line} containing \"{problem}\"\n{r}");
        Assert.NotEmpty(match[0].Fix);
        if (fix is not null) Assert.Contains(fix, match[0].Fix);
        Assert.True(r.Problems.Count == problems, $"expected {problems} problem(s)\n{r}");
        Assert.Equal("", r.Stdout);
        Assert.False(Directory.Exists(run), $"a run folder was created for a bad scenario\n{r}");
        return r.Problems;
    }
}
