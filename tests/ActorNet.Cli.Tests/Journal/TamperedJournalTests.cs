using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests.Journal;

/// <summary>
/// A journal changed in the database after the run (by hand, a bad disk, a bad copy) no longer says what the run
/// did: replay must not call it verified. Each test runs tcp-loss for 2 s into a database of its own (20 intervals of
/// 100 ms; h1 sends in every one of them), changes one of h1's chunk rows in Akka.Persistence.Sql's journal table
/// with plain SQL, and replays.
/// </summary>
public sealed class TamperedJournalTests
{
    [Fact]
    public void A_chunk_copied_from_another_run_is_named_by_interval_and_node()
    {
        using var dir = new TempDir();
        var db = new JournalFile(dir.PathOf("journal.db"));
        long a = JournalCli.RunId(Run(dir, db, "a", "1"));
        long b = JournalCli.RunId(Run(dir, db, "b", "2"));
        // Another seed loses other packets: h1's chunk of interval 5 in run b is another chunk than run a's.
        var rowA = db.Rows($"run-{a}/n/h1").Single(r => JournalFile.ChunkIndex(r.Message) == 5);
        var rowB = db.Rows($"run-{b}/n/h1").Single(r => JournalFile.ChunkIndex(r.Message) == 5);
        Assert.NotEqual(rowA.Message, rowB.Message);
        Assert.True(Actornet.Run("replay", a.ToString(), "--db", db.Path, "--quiet").ExitCode == CliApp.Ok);

        db.SetMessage(rowA.Ordering, rowB.Message);

        var replay = Actornet.Run("replay", a.ToString(), "--db", db.Path, "--quiet");
        Assert.True(replay.ExitCode == CliApp.RunFailed, replay.ToString());
        Assert.Contains("DIVERGED", replay.Stdout);
        var first = JournalCli.First(replay.Stdout);
        Assert.True(first is not null, replay.ToString());
        Assert.Equal(5, first.Interval);
        Assert.Equal("h1", first.Entity);
        Assert.Equal("500ms", first.From);
        Assert.Equal("600ms", first.To);
    }

    [Fact]
    public void Two_chunks_of_one_node_swapped_are_named_at_the_earlier_interval()
    {
        using var dir = new TempDir();
        var db = new JournalFile(dir.PathOf("journal.db"));
        long a = JournalCli.RunId(Run(dir, db, "a", "1"));
        var rows = db.Rows($"run-{a}/n/h1");
        var (seven, eight) = (rows.Single(r => JournalFile.ChunkIndex(r.Message) == 7), rows.Single(r => JournalFile.ChunkIndex(r.Message) == 8));

        db.SetMessage(seven.Ordering, eight.Message);
        db.SetMessage(eight.Ordering, seven.Message);

        var replay = Actornet.Run("replay", a.ToString(), "--db", db.Path, "--quiet");
        Assert.True(replay.ExitCode == CliApp.RunFailed, replay.ToString());
        var first = JournalCli.First(replay.Stdout);
        Assert.True(first is not null, replay.ToString());
        Assert.Equal(7, first.Interval);
        Assert.Equal("h1", first.Entity);
    }

    [Fact]
    public void A_chunk_that_no_longer_inflates_is_named_by_node()
    {
        using var dir = new TempDir();
        var db = new JournalFile(dir.PathOf("journal.db"));
        long a = JournalCli.RunId(Run(dir, db, "a", "1"));
        var row = db.Rows($"run-{a}/n/h1").Single(r => JournalFile.ChunkIndex(r.Message) == 3);
        // Bytes 0-27 are the chunk's header; its records follow, deflated. A zlib block type of 3 does not exist.
        var message = (byte[])row.Message.Clone();
        message[28] |= 0b110;

        db.SetMessage(row.Ordering, message);

        var replay = Actornet.Run("replay", a.ToString(), "--db", db.Path, "--quiet");
        Assert.True(replay.ExitCode == CliApp.RunFailed, replay.ToString());
        var first = JournalCli.First(replay.Stdout);
        Assert.True(first is not null, replay.ToString());
        // The damaged row is named where it is: h1's chunk of interval 3.
        Assert.Equal(3, first.Interval);
        Assert.Equal("h1", first.Entity);
        Assert.Contains("does not decode", first.Reason);
    }

    private static CliResult Run(TempDir dir, JournalFile db, string name, string seed)
    {
        var r = Actornet.Run("run", RepoRoot.Config("tcp-loss.conf"), "--until", "2s", "--seed", seed, "--out", dir.PathOf(name), "--db", db.Path, "--quiet");
        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        return r;
    }
}
