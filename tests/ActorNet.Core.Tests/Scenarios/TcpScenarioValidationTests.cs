using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>
/// Bad TCP apps and tcp blocks: each test asserts where the problem is reported, what it says and
/// the fix. All build on h1 — r1 — h2 with a sink on h2 and a bulk sender on h1, whose lines are fixed:
/// <code>
/// 1  stop-at = 10s
/// 2  nodes { h1 = host, r1 = router, h2 = host }
/// 3  links = [
/// 4    { between = [h1, r1], ... }
/// 5    { between = [r1, h2], ... }
/// 6  ]
/// 7  TOP            (the top-level tcp block, or empty)
/// 8  apps = [
/// 9    SINK
/// 10   BULK
/// 11 ]
/// 12 EXTRA
/// </code>
/// </summary>
public class TcpScenarioValidationTests
{
    private const string Sink = "{ type = tcp-sink, node = h2, port = 5001 }";
    private const string Bulk = "{ type = tcp-bulk, node = h1, target = h2, port = 5001 }";

    private static string Text(string sink = Sink, string bulk = Bulk, string top = "", string extra = "") =>
        "stop-at = 10s\nnodes { h1 = host, r1 = router, h2 = host }\nlinks = [\n" +
        "  { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 5ms }\n" +
        "  { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 5ms }\n]\n" +
        $"{top}\napps = [\n  {sink}\n  {bulk}\n]\n{extra}\n";

    /// <summary>1-based column of <paramref name="token"/> in an app line (indented by two spaces).</summary>
    private static int Col(string appLine, string token) => Column(appLine, token) + 2;

    /// <summary>1-based column of <paramref name="token"/> in a line that starts at column 1.</summary>
    private static int Column(string line, string token)
    {
        int i = line.IndexOf(token, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{token}' not in '{line}'");
        return i + 1;
    }

    /// <summary>Exactly one error (no follow-on noise), at the given place, with the given problem and fix.</summary>
    private static void One(string text, int line, int column, string problem, string fix)
    {
        var r = ScenarioLoader.LoadFromText(text, "bad.conf");
        Assert.False(r.Ok);
        Assert.Null(r.Scenario);
        var e = Assert.Single(r.Errors);
        Assert.True((line, column) == (e.Line, e.Column), $"expected {line}:{column}, got {e}");
        Assert.Contains(problem, e.Problem);
        Assert.Contains(fix, e.Fix);
    }

    [Fact]
    public void The_template_itself_is_valid()
    {
        var r = ScenarioLoader.LoadFromText(Text(), "ok.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
    }

    // ---- unknown keys and names ----

    [Fact]
    public void Unknown_key_in_an_app_tcp_block_suggests_the_closest()
    {
        const string b = "{ type = tcp-bulk, node = h1, target = h2, port = 5001, tcp { congestion-contrl = cubic } }";
        One(Text(bulk: b), 10, Col(b, "congestion-contrl"), "unknown key 'congestion-contrl' in the tcp block of app tcp-bulk-1",
            "did you mean 'congestion-control'?");
    }

    [Fact]
    public void Unknown_key_in_the_top_level_tcp_block_suggests_the_closest()
    {
        const string top = "tcp { recieve-buffer = 64KiB }";
        One(Text(top: top), 7, Column(top, "recieve-buffer"), "unknown key 'recieve-buffer' in the top-level tcp block",
            "did you mean 'receive-buffer'?");
    }

    [Fact]
    public void Unknown_key_of_a_tcp_app_suggests_from_that_app_type()
    {
        const string b = "{ type = tcp-bulk, node = h1, target = h2, port = 5001, byte = 1MiB }";
        One(Text(bulk: b), 10, Col(b, "byte"), "unknown key 'byte' in app tcp-bulk-1", "did you mean 'bytes'?");
    }

    [Fact]
    public void Misspelt_congestion_control_suggests_the_closest_algorithm()
    {
        const string b = "{ type = tcp-bulk, node = h1, target = h2, port = 5001, tcp { congestion-control = cubik } }";
        One(Text(bulk: b), 10, Col(b, "cubik"), "unknown congestion control 'cubik' in the tcp block of app tcp-bulk-1",
            "did you mean 'cubic'?");
    }

    [Fact]
    public void Unknown_congestion_control_lists_the_algorithms()
    {
        const string top = "tcp { congestion-control = bbr }";
        One(Text(top: top), 7, Column(top, "bbr"), "unknown congestion control 'bbr' in the top-level tcp block",
            "use one of the congestion-control algorithms: reno, newreno, cubic");
    }

    [Fact]
    public void Unknown_target_of_a_bulk_sender_suggests_a_node()
    {
        const string b = "{ type = tcp-bulk, node = h1, target = h3, port = 5001 }";
        One(Text(bulk: b), 10, Col(b, "h3"), "unknown node 'h3' in target of app tcp-bulk-1", "did you mean 'h1' or 'h2'?");
    }

    // ---- values ----

    [Fact]
    public void Zero_receive_buffer_is_refused_at_the_value()
    {
        const string s = "{ type = tcp-sink, node = h2, port = 5001, tcp { receive-buffer = 0 } }";
        One(Text(sink: s), 9, Col(s, "0 }"), "receive-buffer of the tcp block of app tcp-sink-1 is 0 B; it must be from 1 to 2147483647 B",
            "receive-buffer = 64KiB");
    }

    [Fact]
    public void Negative_send_buffer_is_refused_at_the_value()
    {
        const string top = "tcp { send-buffer = -64KiB }";
        One(Text(top: top), 7, Column(top, "-64KiB"), "send-buffer of the top-level tcp block is -65536 B", "send-buffer = 256KiB");
    }

    [Fact]
    public void Buffer_with_a_wrong_unit_lists_the_forms()
    {
        const string s = "{ type = tcp-sink, node = h2, port = 5001, tcp { receive-buffer = 64kib } }";
        One(Text(sink: s), 9, Col(s, "64kib"), "unknown size unit 'kib'", "receive-buffer = 64KiB");
    }

    [Fact]
    public void Bad_boolean_says_on_or_off()
    {
        const string s = "{ type = tcp-sink, node = h2, port = 5001, tcp { sack = maybe } }";
        One(Text(sink: s), 9, Col(s, "maybe"), "sack of the tcp block of app tcp-sink-1 must be on or off, not 'maybe'",
            "write sack = on or sack = off");
    }

    [Fact]
    public void Misspelt_boolean_suggests_the_word()
    {
        const string b = "{ type = tcp-bulk, node = h1, target = h2, port = 5001, tcp { nagle = of } }";
        One(Text(bulk: b), 10, Col(b, "of }"), "nagle of the tcp block of app tcp-bulk-1 must be on or off, not 'of'",
            "did you mean 'on' or 'off'?");
    }

    [Fact]
    public void Zero_min_rto_is_refused_at_the_value()
    {
        const string b = "{ type = tcp-bulk, node = h1, target = h2, port = 5001, tcp { min-rto = 0ms } }";
        One(Text(bulk: b), 10, Col(b, "0ms"), "min-rto of the tcp block of app tcp-bulk-1 is 0s; it must be more than 0", "min-rto = 200ms");
    }

    [Fact]
    public void Tcp_that_is_not_a_block_is_refused()
    {
        const string b = "{ type = tcp-bulk, node = h1, target = h2, port = 5001, tcp = cubic }";
        One(Text(bulk: b), 10, Col(b, "cubic"), "tcp of app tcp-bulk-1 must be an object { ... }, not 'cubic'", "tcp { congestion-control");
    }

    [Fact]
    public void Negative_bytes_are_refused()
    {
        const string b = "{ type = tcp-bulk, node = h1, target = h2, port = 5001, bytes = -1 }";
        One(Text(bulk: b), 10, Col(b, "-1"), "bytes of app tcp-bulk-1 is -1 B; it must be from 0 to 1125899906842624 B (1 PiB)", "bytes = 1MiB");
    }

    [Fact]
    public void Port_zero_names_TCP()
    {
        const string s = "{ type = tcp-sink, node = h2, port = 0 }";
        One(Text(sink: s), 9, Col(s, "0 }"), "app tcp-sink-1 has port 0; TCP ports run from 1 to 65535", "port = 9000");
    }

    [Fact]
    public void Bulk_sender_without_a_port()
    {
        const string b = "{ type = tcp-bulk, node = h1, target = h2 }";
        One(Text(bulk: b), 10, 3, "app tcp-bulk-1 has no port", "port = 9000");
    }

    // ---- the slow reader ----

    [Fact]
    public void Read_interval_without_read_rate_is_refused()
    {
        const string s = "{ type = tcp-sink, node = h2, port = 5001, read-interval = 10ms }";
        One(Text(sink: s), 9, Col(s, "read-interval"), "app tcp-sink-1 has read-interval but no read-rate",
            "add read-rate (e.g. read-rate = 1Mbit/s) for a slow reader, or remove read-interval");
    }

    [Fact]
    public void Read_rate_below_a_byte_per_read_is_refused()
    {
        // 8 bit/s is 1 B/s: 0.01 B per 10 ms read.
        const string s = "{ type = tcp-sink, node = h2, port = 5001, read-rate = 8bit/s }";
        One(Text(sink: s), 9, Col(s, "8bit/s"), "app tcp-sink-1 reads less than one byte per read (8bit/s every 10ms)",
            "raise read-rate or read-interval");
    }

    // ---- ports and routes ----

    [Fact]
    public void Two_tcp_sinks_on_one_port_of_a_host_are_refused()
    {
        const string second = "{ type = tcp-sink, node = h2, port = 5001 }";
        One(Text(bulk: second), 10, Col(second, "5001"), "app tcp-sink-2 binds TCP port 5001 on h2, already bound by app tcp-sink-1",
            "give each listener (tcp-sink, http-server) on h2 its own port (app tcp-sink-1 is at line 9)");
    }

    [Fact]
    public void A_bulk_sender_needs_a_static_route_back_for_its_acks()
    {
        const string extra = "routing { mode = static }\nroutes = [ { node = h1, prefix = 0.0.0.0/0, via = 10.0.1.2 } ]";
        One(Text(extra: extra), 10, Col(Bulk, "h2"), "app tcp-bulk-1: replies from h2 cannot reach 10.0.1.1 (h1): static routing: h2 has no route",
            "add static routes for the way back");
    }

    // ---- TcpSettings.Problems(), at the block ----

    [Fact]
    public void Buffers_smaller_than_the_mss_are_reported_at_the_block()
    {
        const string s = "{ type = tcp-sink, node = h2, port = 5001, tcp { mss = 1460, receive-buffer = 1000 } }";
        One(Text(sink: s), 9, Col(s, "{ mss"), "the tcp block of app tcp-sink-1: receive buffer 1000 B: must hold at least one MSS",
            "send-buffer and receive-buffer at least mss");
    }

    [Fact]
    public void An_mss_out_of_range_is_reported_at_the_top_level_block_once_not_per_app()
    {
        const string top = "tcp { mss = 20 }";
        One(Text(top: top), 7, Column(top, "{"), "the top-level tcp block: mss 20: must be 64..65495", "mss 64..65495");
    }

    [Fact]
    public void A_clash_between_the_top_level_block_and_an_app_block_is_reported_at_the_app_block()
    {
        // Each block alone is fine: mss 9000 with the default buffers, a 4 KiB buffer with the default mss.
        const string top = "tcp { mss = 9000 }";
        const string s = "{ type = tcp-sink, node = h2, port = 5001, tcp { receive-buffer = 4KiB } }";
        One(Text(top: top, sink: s), 9, Col(s, "{ receive"),
            "the tcp block of app tcp-sink-1 (over the top-level tcp block at line 7): receive buffer 4096 B: must hold at least one MSS",
            "send-buffer and receive-buffer at least mss");
    }

    [Fact]
    public void A_min_rto_above_the_initial_rto_is_reported_at_min_rto()
    {
        // Not at the block as "initial rto 1s: must lie within 2s..60s": the file sets min-rto, not the initial RTO.
        const string b = "{ type = tcp-bulk, node = h1, target = h2, port = 5001, tcp { min-rto = 2s } }";
        One(Text(bulk: b), 10, Col(b, "2s"), "min-rto of the tcp block of app tcp-bulk-1 is 2s; it must be at most 1s, the initial RTO",
            "min-rto = 200ms");
    }

    [Fact]
    public void A_delayed_ack_timeout_of_half_a_second_is_reported_at_the_block()
    {
        const string top = "tcp { delayed-ack-timeout = 500ms }";
        One(Text(top: top), 7, Column(top, "{"), "the top-level tcp block: delayed-ack timeout 500ms: RFC 1122 §4.2.3.2 requires 0 < t < 500ms",
            "delayed-ack-timeout under 500ms");
    }
}
