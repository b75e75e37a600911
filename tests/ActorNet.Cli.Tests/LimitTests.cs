using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>The documented limits (docs/SCENARIOS.md, "Limits") as the command line meets them: exit 2, nothing written.</summary>
public class LimitTests
{
    [Fact]
    public void Until_past_the_longest_time_is_refused()
    {
        using var dir = new TempDir();
        var r = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--out", dir.PathOf("run"), "--until", "2000000000s");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains("the longest is 1000000000s", r.Stderr);
        Assert.False(Directory.Exists(dir.PathOf("run")));
    }

    [Fact]
    public void A_sender_of_1000_Tbit_s_is_refused()
    {
        using var dir = new TempDir();
        // A short run, so that if the rate were let through the test would still end (a packet every ns).
        string file = dir.Write("fast.conf", """
            stop-at = 10us
            nodes { h1 = host, h2 = host }
            links = [ { between = [h1, h2], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms } ]
            apps = [ { type = udp-cbr, node = h1, target = h2, port = 9, rate = 1000Tbit/s, stop = 10us } ]

            """);

        var r = Actornet.Run("run", file, "--out", dir.PathOf("run"), "--quiet");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        var p = Assert.Single(r.Problems);
        Assert.Equal(4, p.Line);
        Assert.Contains("more than 10Tbit/s", p.Problem);
        Assert.False(Directory.Exists(dir.PathOf("run")));
    }
}
