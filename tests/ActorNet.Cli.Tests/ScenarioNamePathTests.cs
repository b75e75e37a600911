using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// Without --out, the run folder is runs/&lt;scenario name&gt;-seed&lt;N&gt;-&lt;time&gt;, relative to the working
/// folder. A name that is a path would put it elsewhere; such a name is refused before anything is
/// written (exit 2, at the name's line and column), by run and validate alike. Each test uses a
/// name of its own, so a failure leaves a folder that cannot be confused with another's.
/// </summary>
public class ScenarioNamePathTests
{
    private static string Scenario(string name) => $$"""
        name = "{{name}}"
        stop-at = 1s
        nodes { h1 = host, h2 = host }
        links = [ { between = [h1, h2], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms } ]

        """;

    [Fact]
    public void A_name_that_climbs_out_of_the_runs_folder_is_refused_and_nothing_is_written()
    {
        string tag = "escaped-" + Guid.NewGuid().ToString("N");
        using var dir = new TempDir();
        string file = dir.Write("climb.conf", Scenario("../../" + tag));

        var r = Actornet.Run("run", file, "--quiet");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        var p = Assert.Single(r.Problems);
        Assert.Equal((1, 8), (p.Line, p.Column));
        Assert.Contains("bad scenario name", p.Problem);
        Assert.Contains("'/'", p.Problem);
        // runs/../../<tag>-seed1-<time> is two folders above the working folder.
        var twoUp = new DirectoryInfo(Environment.CurrentDirectory).Parent?.FullName ?? Environment.CurrentDirectory;
        Assert.Empty(Directory.GetDirectories(twoUp, tag + "*"));
        Assert.Empty(Directory.GetDirectories(Environment.CurrentDirectory, tag + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_absolute_name_is_refused_and_nothing_is_written_there()
    {
        string target = Path.Combine(Path.GetTempPath(), "actornet-absolute-" + Guid.NewGuid().ToString("N"));
        using var dir = new TempDir();
        string file = dir.Write("absolute.conf", Scenario(target));

        var r = Actornet.Run("run", file, "--quiet");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains("bad scenario name", Assert.Single(r.Problems).Problem);
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), Path.GetFileName(target) + "*"));
    }

    [Fact]
    public void Validate_refuses_a_path_as_a_name()
    {
        using var dir = new TempDir();
        var r = Actornet.Run("validate", dir.Write("climb.conf", Scenario("../../escaped")));

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Equal("", r.Stdout);
        Assert.Contains("bad scenario name", Assert.Single(r.Problems).Problem);
    }

    [Fact]
    public void Pcap_files_of_the_longest_node_names_are_written_inside_the_run_folder()
    {
        // pcap/<node>-eth<i>.pcap: a 64-character node name gives a 74-character file name.
        string a = new('a', 64), b = "b-" + new string('9', 62);
        using var dir = new TempDir();
        string file = dir.Write("long.conf", $$"""
            stop-at = 10ms
            nodes { {{a}} = host, {{b}} = host }
            links = [ { between = [{{a}}, {{b}}], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms } ]
            apps = [ { type = ping, node = {{a}}, target = {{b}}, count = 1 } ]

            """);
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", file, "--out", run, "--pcap", "--quiet", "--engine", "reference");

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        Assert.Equal([$"{a}-eth0.pcap", $"{b}-eth0.pcap"],
            Directory.GetFiles(Path.Combine(run, "pcap")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["long.conf", "run"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
