using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests.Journal;

/// <summary>
/// A run whose process is killed (kill -9: nothing of the program runs after it) leaves its journal as far as it
/// committed it: the catalog still says running, its process is gone. The child runs S4 (tcp-bottleneck) asked to
/// go on to 600 s, far longer than the test, into a database of its own, and is killed once the catalog shows ten
/// committed intervals.
/// </summary>
public sealed class KilledRunTests
{
    [Fact]
    public void A_killed_run_is_interrupted_and_its_committed_intervals_replay()
    {
        using var dir = new TempDir();
        var db = new JournalFile(dir.PathOf("journal.db"));
        string folder = dir.PathOf("run");
        long committed;
        using (var child = ActornetProcess.Start("run", RepoRoot.Config("tcp-bottleneck.conf"), "--until", "600s", "--out", folder, "--db", db.Path))
        {
            Assert.True(child.WaitUntilUnderWay(folder), child.ToString());
            // The database is new: the run is run 1.
            Assert.True(child.WaitUntil(() => db.CatalogIntervals(1) >= 10), child.ToString());
            committed = db.CatalogIntervals(1)!.Value;

            child.Signal("KILL");

            Assert.Equal(128 + 9, child.WaitForExit());
        }

        var runs = Actornet.Run("runs", "--db", db.Path);
        Assert.True(runs.ExitCode == CliApp.Ok, runs.ToString());
        Assert.Equal([1L], JournalCli.ListedIds(runs.Stdout));
        Assert.Equal("interrupted", JournalCli.ListedStatus(runs.Stdout, 1));

        var show = Actornet.Run("show", "1", "--db", db.Path);
        Assert.True(show.ExitCode == CliApp.Ok, show.ToString());
        Assert.Matches(@"(?m)^  status +interrupted \(its process is gone", show.Stdout);
        Assert.Contains("digest      (none: the run did not finish)", show.Stdout);

        var replay = Actornet.Run("replay", "1", "--db", db.Path, "--quiet");
        Assert.True(replay.ExitCode == CliApp.Ok, replay.ToString());
        Assert.Contains("the run never ended (killed)", replay.Stdout);
        // Every interval the journal committed is verified: at least those the catalog showed before the kill (the
        // catalog is updated after each write, so the journal may hold one batch more).
        var journaled = System.Text.RegularExpressions.Regex.Match(replay.Stdout, @": (\d+) journaled intervals of 100ms");
        Assert.True(journaled.Success, replay.ToString());
        long n = long.Parse(journaled.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(n >= committed, replay.ToString());
        Assert.Contains($"verified: {n} intervals equal to the journal (", replay.Stdout);

        // The database is fine for the next run.
        var next = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--until", "2s", "--out", dir.PathOf("next"), "--db", db.Path, "--quiet");
        Assert.True(next.ExitCode == CliApp.Ok, next.ToString());
        Assert.Equal(2, JournalCli.RunId(next));
    }
}
