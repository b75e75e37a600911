using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>--engine and --threads: both engines give the same digest line; bad values are refused.</summary>
public class EngineOptionTests
{
    [Fact]
    public void Reference_engine_and_the_default_actor_engine_print_the_same_digest_line()
    {
        using var dir = new TempDir();
        var actors = Actornet.Run("run", RepoRoot.Config("campus.conf"), "--until", "3s", "--out", dir.PathOf("a"), "--quiet");
        var reference = Actornet.Run("run", RepoRoot.Config("campus.conf"), "--until", "3s", "--out", dir.PathOf("r"), "--quiet", "--engine", "reference");
        var oneThread = Actornet.Run("run", RepoRoot.Config("campus.conf"), "--until", "3s", "--out", dir.PathOf("t"), "--quiet", "--engine", "actors", "--threads", "1");
        var inHost = Actornet.Run("run", RepoRoot.Config("campus.conf"), "--until", "3s", "--out", dir.PathOf("h"), "--quiet", "--sockets", "host");
        Assert.True(inHost.ExitCode == CliApp.Ok, inHost.ToString());
        Assert.True(actors.ExitCode == CliApp.Ok, actors.ToString());
        Assert.True(reference.ExitCode == CliApp.Ok, reference.ToString());
        Assert.True(oneThread.ExitCode == CliApp.Ok, oneThread.ToString());
        string digest = actors.Stdout.Split('\n')[0];
        Assert.Matches("^digest [0-9a-f]{64}$", digest);
        Assert.Equal(digest, reference.Stdout.Split('\n')[0]);
        Assert.Equal(digest, oneThread.Stdout.Split('\n')[0]);
        Assert.Equal(digest, inHost.Stdout.Split('\n')[0]);
    }

    [Theory]
    [InlineData("--engine", "both")]
    [InlineData("--engine", "fast")]
    [InlineData("--threads", "0")]
    [InlineData("--threads", "two")]
    [InlineData("--sockets", "kernel")]
    public void Run_refuses_a_bad_engine_option(string option, string value)
    {
        using var dir = new TempDir();
        var r = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--out", dir.PathOf("run"), option, value);
        Assert.Equal(CliApp.BadInput, r.ExitCode);
        Assert.Contains(value, r.Stderr);
    }
}
