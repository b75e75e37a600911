using System.Globalization;
using System.Text.RegularExpressions;
using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// `actornet run config/http.conf`: the summary's HTTP table. The config's comment derives a request's
/// completion time: 1 RTT handshake + 0.5 RTT for the GET + 3 slow-start round trips + the last
/// window on the bottleneck + 0.5 RTT ≈ 254 ms (≈ 226 ms if cwnd doubled per round trip), of which
/// the HTTP/1.1 heads (a 59 B GET, a 102 B response head) take ≈ 0.12 ms; every connection starts
/// over, so all ten are equal.
/// </summary>
public sealed partial class RunHttpTests
{
    [Fact]
    public void The_summary_has_an_http_table_with_requests_done_and_completion_times()
    {
        using var dir = new TempDir();
        var r = Actornet.Run("run", RepoRoot.Config("http.conf"), "--out", dir.PathOf("run"));

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        var stdout = r.Stdout.ReplaceLineEndings("\n");
        Assert.Contains("\nHTTP\n", stdout);
        var server = stdout.Split('\n').Single(l => l.Contains("http-server-1", StringComparison.Ordinal));
        Assert.Contains("10 served", server);
        var client = stdout.Split('\n').Single(l => l.Contains("http-client-1", StringComparison.Ordinal));
        Assert.Contains("10.0.3.2:80", client);
        Assert.Contains("10 of 10", client);
        var m = Completion().Match(client);
        Assert.True(m.Success, client);
        double min = Parse(m.Groups[1].Value), mean = Parse(m.Groups[2].Value), max = Parse(m.Groups[3].Value);
        Assert.Equal(min, max);
        Assert.Equal(min, mean);
        Assert.InRange(min, 226, 270);
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>
    /// Wireshark's HTTP dissector (on port 80, its default) reads the capture at h1 as real HTTP/1.1: ten
    /// `GET /102400 HTTP/1.1` requests with the server's address as Host, ten `HTTP/1.1 200 OK` responses
    /// whose Content-Length (102,400) it uses to reassemble each body, and nothing malformed.
    /// </summary>
    [Fact]
    public void Tshark_decodes_every_request_and_response_at_h1_as_http()
    {
        if (ExternalTool.Find("tshark") is not { } tshark)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("tshark is not on PATH: install tshark (apt-get install -y tshark)");
            return; // a developer machine without tshark: the other tests still check the HTTP exchanges
        }
        using var dir = new TempDir();
        var r = Actornet.Run("run", RepoRoot.Config("http.conf"), "--pcap", "--quiet", "--out", dir.PathOf("run"));
        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        string pcap = Path.Combine(dir.PathOf("run"), "pcap", "h1-eth0.pcap");

        string[] Fields(string filter, params string[] fields) =>
            ExternalTool.Run(tshark, ["-r", pcap, "-n", "-Y", filter, "-T", "fields", "-E", "separator=|", .. fields.SelectMany(f => new[] { "-e", f })])
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var requests = Fields("http.request", "http.request.method", "http.request.uri", "http.request.version", "http.host");
        Assert.Equal(Enumerable.Repeat("GET|/102400|HTTP/1.1|10.0.3.2", 10), requests);
        var responses = Fields("http.response", "http.response.version", "http.response.code", "http.response.phrase", "http.content_length");
        Assert.Equal(Enumerable.Repeat("HTTP/1.1|200|OK|102400", 10), responses);
        Assert.Empty(Fields("_ws.malformed || _ws.expert.severity >= 0x600000", "frame.number"));
    }

    [GeneratedRegex(@"([0-9.]+)/([0-9.]+)/([0-9.]+)")]
    private static partial Regex Completion();
}
