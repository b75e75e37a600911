using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>
/// Absurd sizes passed validation: 1 EiB of bulk data, a 1,000 Tbit/s sender. Each quantity has a
/// documented limit (docs/SCENARIOS.md, "Limits"), chosen so that the arithmetic on it cannot
/// overflow: times at most 10⁹ s, so a time plus a few more stays far inside SimTime's 292 years;
/// rates at most 10 Tbit/s; byte counts at most 1 PiB. The value at the limit loads; one past it
/// is refused where it is written, saying the limit.
/// </summary>
public class LimitTests
{
    private static string Text(string linkExtra = "", string apps = "", string head = "stop-at = 1s", string rate = "10Mbit/s") =>
        $"{head}\nnodes {{ h1 = host, h2 = host }}\n"
        + $"links = [ {{ between = [h1, h2], subnet = 10.0.1.0/24, rate = {rate}, delay = 1ms{linkExtra} }} ]\n"
        + $"apps = [\n{apps}\n]\n";

    private static ScenarioError One(string text)
    {
        var r = ScenarioLoader.LoadFromText(text, "limits.conf");
        Assert.False(r.Ok);
        var e = Assert.Single(r.Errors);
        Assert.False(string.IsNullOrWhiteSpace(e.Fix));
        return e;
    }

    private static Scenario Ok(string text)
    {
        var r = ScenarioLoader.LoadFromText(text, "limits.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Scenario;
    }

    // ---- rates ----

    [Fact]
    public void A_link_of_10_Tbit_s_loads_and_one_bit_more_is_refused()
    {
        Assert.Equal(10_000_000_000_000L, Ok(Text(rate: "10Tbit/s")).Links[0].Rate.BitsPerSecond);
        var e = One(Text(rate: "10000000000001bit/s"));
        Assert.Equal(3, e.Line);
        Assert.Contains("rate of link h1-h2 is more than 10Tbit/s", e.Problem);
    }

    [Fact]
    public void A_sender_of_1000_Tbit_s_is_refused()
    {
        var e = One(Text(apps: "{ type = udp-cbr, node = h1, target = h2, port = 9, rate = 1000Tbit/s, stop = 1s }"));
        Assert.Equal(5, e.Line);
        Assert.Contains("rate of app udp-cbr-1 is more than 10Tbit/s", e.Problem);
    }

    [Fact]
    public void A_generated_topology_of_20_Tbit_s_is_refused()
    {
        var e = One("stop-at = 1s\ngenerate { topology = chain, routers = 2, rate = 20Tbit/s, delay = 1ms }\n");
        Assert.Contains("rate of generate is more than 10Tbit/s", e.Problem);
    }

    // ---- byte counts ----

    [Fact]
    public void Bulk_data_of_1_PiB_loads_and_1_EiB_is_refused()
    {
        const string sink = "{ type = tcp-sink, node = h2, port = 5001 }\n";
        var s = Ok(Text(apps: sink + "{ type = tcp-bulk, node = h1, target = h2, port = 5001, bytes = 1125899906842624 }"));
        Assert.Equal(1L << 50, ((TcpBulkAppSpec)s.Apps[1]).Bytes);

        var e = One(Text(apps: sink + "{ type = tcp-bulk, node = h1, target = h2, port = 5001, bytes = 1152921504606846976 }"));
        Assert.Equal(6, e.Line);
        Assert.Contains("bytes of app tcp-bulk-1 is 1152921504606846976 B; it must be from 0 to 1125899906842624 B (1 PiB)", e.Problem);
    }

    [Fact]
    public void An_http_response_over_1_PiB_is_refused()
    {
        const string server = "{ type = http-server, node = h2 }\n";
        var e = One(Text(apps: server + "{ type = http-client, node = h1, target = h2, response-size = 1048577GiB }"));
        Assert.Contains("response-size of app http-client-1 is 1125900980584448 B; it must be from 0 to 1125899906842624 B (1 PiB)", e.Problem);
    }

    [Fact]
    public void A_queue_over_1_PiB_is_refused()
    {
        Ok(Text(linkExtra: ", queue = 1048576GiB"));
        var e = One(Text(linkExtra: ", queue = 1048577GiB"));
        Assert.Contains("queue of link h1-h2 holds 1125900980584448 B; at most 1125899906842624 B (1 PiB)", e.Problem);
    }

    // ---- times ----

    [Fact]
    public void A_run_of_a_billion_seconds_loads_and_one_second_more_is_refused()
    {
        Assert.Equal(SimTime.FromSeconds(1_000_000_000), Ok(Text(head: "stop-at = 1000000000s")).StopAt);
        var e = One(Text(head: "stop-at = 1000000001s"));
        Assert.Equal(1, e.Line);
        Assert.Contains("'1000000001s' is too long a time; the longest is 1000000000s (about 31.7 years)", e.Problem);
    }

    [Fact]
    public void Every_time_has_the_limit_not_only_stop_at()
    {
        var e = One(Text(linkExtra: ", jitter = 20000000h"));
        Assert.Contains("too long a time", e.Problem);
    }

    [Fact]
    public void The_parser_refuses_a_time_past_the_limit_for_every_caller()
    {
        Assert.True(UnitParser.TryParseDuration("1000000000s", out var t, out _));
        Assert.Equal(ScenarioLimits.MaxTime, t);
        Assert.False(UnitParser.TryParseDuration("1000000000.000000001s", out _, out var err));
        Assert.Contains("the longest is 1000000000s", err);
        Assert.False(UnitParser.TryParseDuration("-1000000001s", out _, out _));
    }
}
