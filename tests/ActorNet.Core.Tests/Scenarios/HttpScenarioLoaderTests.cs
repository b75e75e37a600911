using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>
/// Good scenarios with the HTTP apps and with <c>sha256</c> on the TCP apps: the specs come out with
/// the values written and the defaults where nothing is.
/// </summary>
public class HttpScenarioLoaderTests
{
    private const string Topology = """
        stop-at = 10s
        nodes { h1 = host, r1 = router, h2 = host }
        links = [
          { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 5ms }
          { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 5ms }
        ]

        """;

    private static readonly IpAddress H2 = IpAddress.Parse("10.0.2.2");

    private static Scenario Load(string rest)
    {
        var r = ScenarioLoader.LoadFromText(Topology + rest, "http.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Scenario;
    }

    private static SourceSpan At(int line, int col) => new("http.conf", line, col);

    [Fact]
    public void Every_key_of_both_http_apps_is_read()
    {
        var s = Load("""
            apps = [
              { type = http-server, name = web, node = h2, port = 8080, start = 0s, tcp { nagle = on } }
              { type = http-client, name = browser, node = h1, target = h2, port = 8080, response-size = 100KiB,
                requests = 10, think-time = 1s, start = 2s, tcp { congestion-control = cubic, initial-window = 4 } }
            ]
            """);
        Assert.Equal(new HttpServerAppSpec
        {
            Name = "web", Node = "h2", Start = SimTime.Zero, At = At(8, 3), Port = 8080, Tcp = new TcpSpec { Nagle = true },
        }, s.Apps[0]);
        Assert.Equal(new HttpClientAppSpec
        {
            Name = "browser", Node = "h1", Start = SimTime.FromSeconds(2), At = At(9, 3), Target = H2, Port = 8080,
            ResponseBytes = 102_400, Requests = 10, ThinkTime = SimTime.FromSeconds(1),
            Tcp = new TcpSpec { CongestionControl = "cubic", InitialWindowSegments = 4 },
        }, s.Apps[1]);
    }

    [Fact]
    public void Minimal_http_apps_get_port_80_one_request_and_no_think_time()
    {
        var s = Load("""
            tcp { min-rto = 200ms }
            apps = [
              { type = http-server, node = h2 }
              { type = http-client, node = h1, target = 10.0.2.2, response-size = 0 }
            ]
            """);
        var server = Assert.IsType<HttpServerAppSpec>(s.Apps[0]);
        Assert.Equal(("http-server-1", (ushort)80), (server.Name, server.Port));
        var client = Assert.IsType<HttpClientAppSpec>(s.Apps[1]);
        // response-size = 0 is allowed: a handshake, the GET, an empty response and the FINs.
        Assert.Equal(("http-client-1", H2, (ushort)80, 0L, 1, SimTime.Zero),
            (client.Name, client.Target, client.Port, client.ResponseBytes, client.Requests, client.ThinkTime));
        // The top-level tcp block reaches the HTTP apps as it reaches tcp-bulk and tcp-sink.
        var inherited = new TcpSpec { MinRto = SimTime.FromMilliseconds(200) };
        Assert.Equal((inherited, inherited), (server.Tcp, client.Tcp));
    }

    [Fact]
    public void An_http_server_and_a_udp_sink_may_share_a_port_number()
    {
        var s = Load("""
            apps = [
              { type = http-server, node = h2 }
              { type = udp-sink, node = h2, port = 80 }
            ]
            """);
        Assert.Equal(2, s.Apps.Count);
    }

    [Fact]
    public void Sha256_is_on_unless_switched_off()
    {
        var s = Load("""
            apps = [
              { type = tcp-sink, node = h2, port = 5001, sha256 = off }
              { type = tcp-sink, node = h2, port = 5002 }
              { type = tcp-bulk, node = h1, target = h2, port = 5001, sha256 = no }
              { type = tcp-bulk, node = h1, target = h2, port = 5002, sha256 = on }
            ]
            """);
        Assert.Equal((false, true), (((TcpSinkAppSpec)s.Apps[0]).Sha256, ((TcpSinkAppSpec)s.Apps[1]).Sha256));
        Assert.Equal((false, true), (((TcpBulkAppSpec)s.Apps[2]).Sha256, ((TcpBulkAppSpec)s.Apps[3]).Sha256));
    }

    [Fact]
    public void The_http_config_asks_ten_100_KiB_responses_one_second_apart_from_port_80()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorNet.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var r = ScenarioLoader.Load(Path.Combine(dir.FullName, "config", "http.conf"));
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var server = r.Scenario.Apps.OfType<HttpServerAppSpec>().Single();
        var client = r.Scenario.Apps.OfType<HttpClientAppSpec>().Single();
        Assert.Equal(("h2", (ushort)80, TcpSpec.Default), (server.Node, server.Port, server.Tcp));
        Assert.Equal(("h1", IpAddress.Parse("10.0.3.2"), (ushort)80, 102_400L, 10, SimTime.FromSeconds(1), SimTime.Zero),
            (client.Node, client.Target, client.Port, client.ResponseBytes, client.Requests, client.ThinkTime, client.Start));
    }
}
