using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// Files built to break the reader rather than to describe a network: each is refused with exit
/// 2, a message that says what is wrong with the file, and nothing written.
/// </summary>
public class HostileScenarioFileTests
{
    private static CliResult Run(string file, TempDir dir) => Actornet.Run("run", file, "--out", dir.PathOf("run"), "--quiet");

    private static void AssertNothingWritten(CliResult r, TempDir dir)
    {
        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Equal("", r.Stdout);
        Assert.False(Directory.Exists(dir.PathOf("run")), r.ToString());
    }

    [Fact]
    public void Twenty_thousand_nested_brackets_are_refused_at_the_bracket_past_the_limit()
    {
        using var dir = new TempDir();
        string file = dir.Write("deep.conf", "stop-at = 1s\nnodes = " + new string('[', 20_000) + "\n");

        var r = Run(file, dir);

        AssertNothingWritten(r, dir);
        var p = Assert.Single(r.Problems);
        Assert.Equal((file, 2, 9 + 256), (p.File, p.Line, p.Column));
        Assert.Contains("nested more than 256 levels deep", p.Problem);
    }
}
