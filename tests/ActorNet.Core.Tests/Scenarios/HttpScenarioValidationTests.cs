using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>
/// Bad HTTP apps and bad <c>sha256</c> switches: each test asserts where the problem is reported,
/// what it says and the fix. All build on h1 — r1 — h2 with a server on h2 and a client on h1, whose
/// lines are fixed:
/// <code>
/// 1  stop-at = 10s
/// 2  nodes { h1 = host, r1 = router, h2 = host }
/// 3  links = [
/// 4    { between = [h1, r1], ... }
/// 5    { between = [r1, h2], ... }
/// 6  ]
/// 7
/// 8  apps = [
/// 9    SERVER
/// 10   CLIENT
/// 11 ]
/// 12 EXTRA
/// </code>
/// </summary>
public class HttpScenarioValidationTests
{
    private const string Server = "{ type = http-server, node = h2, port = 80 }";
    private const string Client = "{ type = http-client, node = h1, target = h2, response-size = 100KiB }";

    private static string Text(string server = Server, string client = Client, string extra = "") =>
        "stop-at = 10s\nnodes { h1 = host, r1 = router, h2 = host }\nlinks = [\n" +
        "  { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 5ms }\n" +
        "  { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 5ms }\n]\n" +
        $"\napps = [\n  {server}\n  {client}\n]\n{extra}\n";

    /// <summary>1-based column of <paramref name="token"/> in an app line (indented by two spaces).</summary>
    private static int Col(string appLine, string token)
    {
        int i = appLine.IndexOf(token, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{token}' not in '{appLine}'");
        return i + 3;
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

    // ---- http-client ----

    [Fact]
    public void A_client_without_a_response_size_is_reported_at_its_brace()
    {
        const string c = "{ type = http-client, node = h1, target = h2, requests = 3 }";
        One(Text(client: c), 10, 3, "app http-client-1 has no response-size", "add the size of each response, e.g. response-size = 100KiB");
    }

    [Fact]
    public void A_response_size_with_a_wrong_unit_lists_the_forms()
    {
        const string c = "{ type = http-client, node = h1, target = h2, response-size = 100kb }";
        One(Text(client: c), 10, Col(c, "100kb"), "bad response-size of app http-client-1: '100kb' has an unknown size unit 'kb'", "response-size = 100KiB");
    }

    [Fact]
    public void Zero_requests_are_refused_at_the_value()
    {
        const string c = "{ type = http-client, node = h1, target = h2, response-size = 100KiB, requests = 0 }";
        One(Text(client: c), 10, Col(c, "0 }"), "requests of app http-client-1 is 0; it must be from 1", "write e.g. requests = 1");
    }

    [Fact]
    public void A_negative_think_time_is_refused_at_the_value()
    {
        const string c = "{ type = http-client, node = h1, target = h2, response-size = 100KiB, think-time = -1s }";
        One(Text(client: c), 10, Col(c, "-1s"), "think-time of app http-client-1 is -1s; it cannot be negative", "write e.g. think-time = 1s");
    }

    [Fact]
    public void Unknown_key_of_a_client_suggests_from_the_http_client_keys()
    {
        const string c = "{ type = http-client, node = h1, target = h2, response-size = 100KiB, think-tme = 1s }";
        One(Text(client: c), 10, Col(c, "think-tme"), "unknown key 'think-tme' in app http-client-1", "did you mean 'think-time'?");
    }

    [Fact]
    public void A_client_without_a_target()
    {
        const string c = "{ type = http-client, node = h1, response-size = 100KiB }";
        One(Text(client: c), 10, 3, "app http-client-1 has no target", "target = h2");
    }

    [Fact]
    public void A_client_needs_a_static_route_back_for_the_response()
    {
        const string extra = "routing { mode = static }\nroutes = [ { node = h1, prefix = 0.0.0.0/0, via = 10.0.1.2 } ]";
        One(Text(extra: extra), 10, Col(Client, "h2,"), "app http-client-1: replies from h2 cannot reach 10.0.1.1 (h1): static routing: h2 has no route",
            "add static routes for the way back");
    }

    [Fact]
    public void Misspelt_boolean_in_a_client_tcp_block_suggests_the_word()
    {
        const string c = "{ type = http-client, node = h1, target = h2, response-size = 1KiB, tcp { nagle = onn } }";
        One(Text(client: c), 10, Col(c, "onn"), "nagle of the tcp block of app http-client-1 must be on or off, not 'onn'",
            "did you mean 'on'?");
    }

    // ---- http-server and the TCP ports ----

    [Fact]
    public void Server_port_zero_names_TCP()
    {
        const string s = "{ type = http-server, node = h2, port = 0 }";
        One(Text(server: s), 9, Col(s, "0 }"), "app http-server-1 has port 0; TCP ports run from 1 to 65535", "port = 9000");
    }

    [Fact]
    public void An_http_server_on_a_tcp_sinks_port_is_refused_at_its_port()
    {
        const string sink = "{ type = tcp-sink, node = h2, port = 80 }";
        One(Text(server: sink, client: Server), 10, Col(Server, "80"),
            "app http-server-1 binds TCP port 80 on h2, already bound by app tcp-sink-1",
            "give each listener (tcp-sink, http-server) on h2 its own port (app tcp-sink-1 is at line 9)");
    }

    [Fact]
    public void A_tcp_sink_on_the_default_port_of_an_http_server_is_refused()
    {
        // The server leaves port to its default, 80; the sink after it asks for 80 too.
        const string server = "{ type = http-server, node = h2 }";
        const string sink = "{ type = tcp-sink, node = h2, port = 80 }";
        One(Text(server: server, client: sink), 10, Col(sink, "80"),
            "app tcp-sink-1 binds TCP port 80 on h2, already bound by app http-server-1",
            "give each listener (tcp-sink, http-server) on h2 its own port (app http-server-1 is at line 9)");
    }

    [Fact]
    public void A_second_server_on_the_default_port_is_refused_at_its_brace()
    {
        const string second = "{ type = http-server, node = h2 }";
        One(Text(client: second), 10, 3, "app http-server-2 binds TCP port 80 on h2, already bound by app http-server-1",
            "give each listener (tcp-sink, http-server) on h2 its own port (app http-server-1 is at line 9)");
    }

    [Fact]
    public void A_server_has_no_target()
    {
        const string s = "{ type = http-server, node = h2, target = h1 }";
        One(Text(server: s), 9, Col(s, "target"), "unknown key 'target' in app http-server-1", "port");
    }

    // ---- sha256 on tcp-bulk and tcp-sink ----

    [Fact]
    public void A_bad_sha256_word_says_on_or_off()
    {
        const string s = "{ type = tcp-sink, node = h2, port = 5001, sha256 = maybe }";
        const string b = "{ type = tcp-bulk, node = h1, target = h2, port = 5001 }";
        One(Text(server: s, client: b), 9, Col(s, "maybe"), "sha256 of app tcp-sink-1 must be on or off, not 'maybe'",
            "write sha256 = on or sha256 = off");
    }

    [Fact]
    public void A_misspelt_sha256_word_suggests_the_closest()
    {
        const string s = "{ type = tcp-sink, node = h2, port = 5001 }";
        const string b = "{ type = tcp-bulk, node = h1, target = h2, port = 5001, sha256 = of }";
        One(Text(server: s, client: b), 10, Col(b, "of }"), "sha256 of app tcp-bulk-1 must be on or off, not 'of'",
            "did you mean 'on' or 'off'?");
    }

    [Fact]
    public void Sha256_is_not_a_key_of_the_http_apps()
    {
        const string c = "{ type = http-client, node = h1, target = h2, response-size = 100KiB, sha256 = off }";
        var r = ScenarioLoader.LoadFromText(Text(client: c), "bad.conf");
        var e = Assert.Single(r.Errors);
        Assert.Equal((10, Col(c, "sha256")), (e.Line, e.Column));
        Assert.Contains("unknown key 'sha256' in app http-client-1", e.Problem);
    }
}
