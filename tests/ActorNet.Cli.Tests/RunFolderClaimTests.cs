using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// A run claims its folder for itself: two runs given the same --out used to both finish
/// "completed", the folder mixing one's summary with the other's CSV files. A second run into a
/// folder in use, or into one that holds a finished run, exits 2 and changes nothing; --replace
/// discards a finished run, and never anything that is not a run folder.
/// </summary>
public sealed class RunFolderClaimTests
{
    [Fact]
    public void A_second_run_into_a_folder_in_use_exits_2_and_leaves_the_first_run_alone()
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        using var first = ActornetProcess.Start("run", RepoRoot.Config("tcp-bottleneck.conf"), "--until", "600s", "--out", run);
        Assert.True(first.WaitUntilUnderWay(run), first.ToString());

        foreach (var replace in new[] { false, true })
        {
            var second = Actornet.Run(["run", RepoRoot.Config("ping.conf"), "--out", run, "--quiet", .. replace ? new[] { "--replace" } : []]);

            Assert.True(second.ExitCode == CliApp.BadInput, second.ToString());
            Assert.Contains($"error: run folder {run} is in use by another run", second.Stderr);
            Assert.Contains("  fix: wait for that run to end, or pass another --out", second.Stderr);
        }
        Assert.Equal("running", StatusJson.Of(run));
        Assert.Equal(File.ReadAllText(RepoRoot.Config("tcp-bottleneck.conf")), File.ReadAllText(Path.Combine(run, "scenario.conf")));
    }

    [Fact]
    public void A_folder_that_holds_a_finished_run_is_refused_and_left_as_it_was()
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        var first = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--out", run, "--quiet");
        Assert.True(first.ExitCode == CliApp.Ok, first.ToString());
        var before = Snapshot(run);

        var second = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--seed", "5", "--out", run, "--quiet");

        Assert.True(second.ExitCode == CliApp.BadInput, second.ToString());
        Assert.Contains($"error: run folder {run} already holds a finished run (status completed)", second.Stderr);
        Assert.Contains("  fix: pass --replace to discard it, or another --out", second.Stderr);
        Assert.Equal(before, Snapshot(run));
    }

    [Fact]
    public void Replace_discards_the_finished_run_entirely()
    {
        // The first run has a pcap folder; the second has none, so nothing of the first may remain.
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        var first = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--pcap", "--out", run, "--quiet");
        Assert.True(first.ExitCode == CliApp.Ok, first.ToString());

        var second = Actornet.Run("run", RepoRoot.Config("droptail.conf"), "--until", "1s", "--out", run, "--quiet", "--replace");

        Assert.True(second.ExitCode == CliApp.Ok, second.ToString());
        Assert.Equal("completed", StatusJson.Of(run));
        Assert.Equal(File.ReadAllText(RepoRoot.Config("droptail.conf")), File.ReadAllText(Path.Combine(run, "scenario.conf")));
        Assert.False(Directory.Exists(Path.Combine(run, "pcap")));
        Assert.False(File.Exists(Path.Combine(run, "ping.csv")));
        Assert.True(File.Exists(Path.Combine(run, "udp.csv")));
    }

    [Theory]
    [InlineData(null)]                              // no status.json at all
    [InlineData("not json")]
    [InlineData("{ \"status\": \"shipped\" }")]    // not a status a run writes
    public void Replace_never_touches_a_folder_that_is_not_a_run_folder(string? status)
    {
        using var dir = new TempDir();
        string run = dir.PathOf("thesis");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "chapter1.tex"), "months of work");
        if (status is not null) File.WriteAllText(Path.Combine(run, "status.json"), status);
        var before = Snapshot(run);

        var r = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--out", run, "--quiet", "--replace");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains($"error: run folder {run} exists and is not empty, and is not a run folder", r.Stderr);
        Assert.Contains("  fix: pass another --out; --replace only replaces a run folder", r.Stderr);
        Assert.Equal(before, Snapshot(run));
    }

    [Fact]
    public void A_run_killed_mid_run_leaves_a_folder_that_is_not_in_use_and_can_be_replaced()
    {
        // SIGKILL cannot be handled: status.json stays "running", and the lock file stays, but
        // the OS lock went with the process.
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        using (var killed = ActornetProcess.Start("run", RepoRoot.Config("tcp-bottleneck.conf"), "--until", "600s", "--out", run, "--quiet"))
        {
            Assert.True(killed.WaitUntil(() => StatusJson.Of(run) == "running"), killed.ToString());
            killed.Signal("KILL");
            killed.WaitForExit();
        }

        var again = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--out", run, "--quiet");

        Assert.True(again.ExitCode == CliApp.BadInput, again.ToString());
        Assert.Contains($"error: run folder {run} holds a run that never finished (status running, and no process holds the folder: it was killed)", again.Stderr);
        Assert.Contains("  fix: pass --replace to discard it, or another --out", again.Stderr);

        var replaced = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--out", run, "--quiet", "--replace");

        Assert.True(replaced.ExitCode == CliApp.Ok, replaced.ToString());
        Assert.Equal("completed", StatusJson.Of(run));
        Assert.Equal(File.ReadAllText(RepoRoot.Config("ping.conf")), File.ReadAllText(Path.Combine(run, "scenario.conf")));
    }

    [Fact]
    public void Results_are_written_aside_while_the_run_is_going()
    {
        // A watcher that lists the folder mid-run sees the status, the scenario and the program's log, and no
        // result (no summary, no CSV, no pcap) until the run is over.
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        using var child = ActornetProcess.Start("run", RepoRoot.Config("tcp-bottleneck.conf"), "--until", "600s", "--pcap", "--out", run);
        Assert.True(child.WaitUntilUnderWay(run), child.ToString());

        var visible = Directory.GetFileSystemEntries(run).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal);

        Assert.Equal(["actornet.log", "scenario.conf", "status.json"], visible);
        Assert.Equal("running", StatusJson.Of(run));
    }

    /// <summary>Every file under the folder with its content, to show nothing changed.</summary>
    private static List<(string, string)> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(folder, f), Convert.ToBase64String(File.ReadAllBytes(f)))).ToList();
}
