using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

public class ValidateAndHelpTests
{
    [Theory]
    [InlineData("ping.conf", "scenario 'ping', 3 nodes, 2 links, 1 apps, stop at 10s, seed 1")]
    [InlineData("traceroute.conf", "scenario 'traceroute', 5 nodes, 4 links, 1 apps, stop at 30s, seed 1")]
    [InlineData("droptail.conf", "scenario 'droptail', 3 nodes, 2 links, 2 apps, stop at 12s, seed 1")]
    [InlineData("campus.conf", "scenario 'campus', 14 nodes, 14 links, 9 apps, stop at 30s, seed 7")]
    public void Validate_accepts_the_shipped_scenarios(string file, string description)
    {
        string path = RepoRoot.Config(file);
        var r = Actornet.Run("validate", path);

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        Assert.Equal($"{path}: ok — {description}\n", r.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void Validate_writes_nothing()
    {
        using var dir = new TempDir();
        string file = Path.Combine(dir.Path, "droptail.conf");
        File.Copy(RepoRoot.Config("droptail.conf"), file);

        var r = Actornet.Run("validate", file);

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        Assert.Contains("ok", r.Stdout);
        Assert.Equal([file], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Root_help_lists_the_commands()
    {
        var r = Actornet.Run("--help");
        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        // In-process the usage line names the test host, not "actornet".
        Assert.Matches(@"Usage:\n  \S+ \[command\] \[options\]", r.Stdout.ReplaceLineEndings("\n"));
        Assert.Contains("run <scenario>", r.Stdout);
        Assert.Contains("validate <scenario>", r.Stdout);
        Assert.Contains("--version", r.Stdout);
    }

    [Fact]
    public void Run_help_lists_every_option()
    {
        var r = Actornet.Run("run", "--help");
        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        Assert.Matches(@"Usage:\n  \S+ run <scenario> \[options\]", r.Stdout.ReplaceLineEndings("\n"));
        foreach (var option in new[] { "-o, --out <out>", "--seed <seed>", "--pcap", "--until <until>", "-q, --quiet", "--help" })
            Assert.Contains(option, r.Stdout);
    }

    [Fact]
    public void Validate_help_names_the_argument()
    {
        var r = Actornet.Run("validate", "-h");
        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        Assert.Matches(@"Usage:\n  \S+ validate <scenario> \[options\]", r.Stdout.ReplaceLineEndings("\n"));
        Assert.Contains("<scenario>  Scenario file (HOCON)", r.Stdout);
        Assert.Contains("--help", r.Stdout);
    }
}
