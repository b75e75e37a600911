using System.Globalization;
using System.Text.RegularExpressions;
using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// `actornet run config/http.conf`: the summary's HTTP table. The config's comment derives a request's
/// completion time: 1 RTT handshake + 0.5 RTT for the GET + 3 slow-start round trips + the last
/// window on the bottleneck + 0.5 RTT ≈ 254 ms (≈ 226 ms if cwnd doubled per round trip); every
/// connection starts over, so all ten are equal.
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

    [GeneratedRegex(@"([0-9.]+)/([0-9.]+)/([0-9.]+)")]
    private static partial Regex Completion();
}
