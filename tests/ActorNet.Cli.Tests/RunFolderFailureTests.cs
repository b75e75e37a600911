using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// A run folder that stops taking files mid-run used to end in an unhandled exception with a
/// stack trace, nothing printed, and status.json left at "running". Now: one message naming the
/// path, exit 1, the summary still printed, and status.json "failed" with the error if it can
/// still be written. The tests run as root, where permissions stop nothing, so the folder is
/// broken in ways that stop root too: something in the way of a result, or the folder gone. Each
/// runs the CLI as a child process on S4, breaks the folder once the run is under way, then stops
/// the run with SIGTERM so that it writes its results.
/// </summary>
public sealed class RunFolderFailureTests
{
    [Fact]
    public void A_folder_in_the_way_of_a_result_fails_the_run_and_status_json_says_why()
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        string blocker = Path.Combine(run, "summary.json");
        using var child = StartAndBreak(run, () => Directory.CreateDirectory(blocker));

        Assert.True(child.WaitForExit() == CliApp.RunFailed, child.ToString());
        AssertOneErrorNaming(child, blocker);
        Assert.Contains($"  run folder {run} is marked failed", child.Stderr);
        Assert.Equal("failed", StatusJson.Of(run));
        Assert.Contains(blocker, StatusJson.Field(run, "error"));
        // Whole or not at all: no result of the run was moved into the folder.
        Assert.Equal([".lock", "actornet.log", "scenario.conf", "status.json", "summary.json"],
            Directory.GetFileSystemEntries(run).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFileSystemEntries(blocker));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_folder_removed_mid_run_fails_the_run_with_one_message(bool replacedByAFile)
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        using var child = StartAndBreak(run, () =>
        {
            Directory.Delete(run, recursive: true);
            if (replacedByAFile) File.WriteAllText(run, "not a folder");
        });

        Assert.True(child.WaitForExit() == CliApp.RunFailed, child.ToString());
        AssertOneErrorNaming(child, Path.Combine(run, ".staging", "summary.json"));
        Assert.Contains($"  and the run folder could not be marked failed: cannot write {Path.Combine(run, "status.json")}", child.Stderr);
    }

    private static ActornetProcess StartAndBreak(string run, Action breakFolder)
    {
        var child = ActornetProcess.Start("run", RepoRoot.Config("tcp-bottleneck.conf"), "--until", "600s", "--out", run);
        Assert.True(child.WaitUntilUnderWay(run), child.ToString());
        breakFolder();
        child.Signal("TERM");
        return child;
    }

    /// <summary>One error line naming the path, no stack trace, and the summary on stdout all the same.</summary>
    private static void AssertOneErrorNaming(ActornetProcess child, string path)
    {
        string error = Assert.Single(child.Stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.StartsWith($"error: cannot write {path}: ", error);
        Assert.DoesNotContain("   at ", child.Stderr);
        Assert.DoesNotContain("Exception", child.Stderr);
        Assert.Contains("scenario tcp-bottleneck (seed 1, engine actors): interrupted", child.Stdout);
        Assert.Contains("\nTCP\n", child.Stdout);
        Assert.Matches(@"\ndigest [0-9a-f]{64}\n", child.Stdout);
    }
}
