using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests.Journal;

/// <summary>
/// Two processes journal into one new SQLite database at once (they race to create its tables, then write
/// interleaved): both runs succeed, get ids of their own, and replay.
/// </summary>
public sealed class ConcurrentRunsTests
{
    [Fact]
    public void Two_processes_journal_into_one_database_at_once()
    {
        using var dir = new TempDir();
        string db = dir.PathOf("journal.db");
        using var bottleneck = ActornetProcess.Start("run", RepoRoot.Config("tcp-bottleneck.conf"), "--until", "5s", "--out", dir.PathOf("a"), "--db", db, "--quiet");
        using var loss = ActornetProcess.Start("run", RepoRoot.Config("tcp-loss.conf"), "--until", "5s", "--out", dir.PathOf("b"), "--db", db, "--quiet");

        Assert.True(bottleneck.WaitForExit() == CliApp.Ok, bottleneck.ToString());
        Assert.True(loss.WaitForExit() == CliApp.Ok, loss.ToString());

        long a = RunId(bottleneck), b = RunId(loss);
        Assert.NotEqual(a, b);
        var runs = Actornet.Run("runs", "--db", db);
        Assert.True(runs.ExitCode == CliApp.Ok, runs.ToString());
        Assert.Equal(new[] { a, b }.Order(), JournalCli.ListedIds(runs.Stdout).Order());
        Assert.Equal("completed", JournalCli.ListedStatus(runs.Stdout, a));
        Assert.Equal("completed", JournalCli.ListedStatus(runs.Stdout, b));
        foreach (var (id, child) in new[] { (a, bottleneck), (b, loss) })
        {
            var replay = Actornet.Run("replay", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", db, "--quiet");
            Assert.True(replay.ExitCode == CliApp.Ok, replay.ToString());
            Assert.Equal(JournalCli.Digest(child.Stdout), JournalCli.Digest(replay.Stdout));
        }
    }

    [Fact]
    public void A_run_waits_for_a_database_another_process_holds_for_a_while()
    {
        // The test holds the database's write lock (BEGIN IMMEDIATE, as a sqlite3 shell or a backup would) from the
        // moment the run is in the catalog until 8 s later: the journal's first write (Akka.Persistence.Sql creating
        // its tables) waits for it. The run goes on meanwhile; the journal catches up once the lock is gone. Akka's
        // read journal waits at most 5 s for the write journal to start, so a writer that made one failed here.
        using var dir = new TempDir();
        var db = new JournalFile(dir.PathOf("journal.db"));
        using var child = ActornetProcess.Start("run", RepoRoot.Config("tcp-bottleneck.conf"), "--until", "20s", "--out", dir.PathOf("run"), "--db", db.Path, "--quiet");
        Assert.True(child.WaitUntil(() => db.CatalogIntervals(1) is not null), child.ToString());
        using (db.HoldWriteLock())
        {
            var held = System.Diagnostics.Stopwatch.StartNew();
            child.WaitUntil(() => held.Elapsed > TimeSpan.FromSeconds(8));
        }

        Assert.True(child.WaitForExit() == CliApp.Ok, child.ToString());
        Assert.Equal(1, RunId(child));
        var replay = Actornet.Run("replay", "1", "--db", db.Path, "--quiet");
        Assert.True(replay.ExitCode == CliApp.Ok, replay.ToString());
        Assert.Contains("verified: 200 intervals equal to the journal, digest equal", replay.Stdout);
    }

    private static long RunId(ActornetProcess child) => JournalCli.RunId(new CliResult(0, child.Stdout, child.Stderr));
}
