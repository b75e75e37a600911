using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ActorNet.Cli.Tests.Journal;

/// <summary>
/// What a person can get wrong with the journal commands: each is refused with exit 2 and one "error:" line with a
/// "  fix:" line under it, never a stack trace, and nothing is created. The tests that need a run share one run of
/// ping (2 s: echoes at 1 s and 2 s; the one at 2 s is after the stop) in a database of their own.
/// </summary>
public sealed class BadJournalInputTests : IClassFixture<BadJournalInputTests.PingRun>
{
    public sealed class PingRun : IDisposable
    {
        private readonly TempDir _dir = new();

        public PingRun()
        {
            Database = _dir.PathOf("journal.db");
            Result = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--until", "2s", "--out", _dir.PathOf("run"), "--db", Database, "--quiet");
        }

        public string Database { get; }
        internal CliResult Result { get; }
        public void Dispose() => _dir.Dispose();
    }

    private readonly PingRun _ping;

    public BadJournalInputTests(PingRun ping)
    {
        _ping = ping;
        Assert.True(ping.Result.ExitCode == CliApp.Ok, ping.Result.ToString());
        Assert.Equal(1, JournalCli.RunId(ping.Result));
    }

    [Theory]
    [InlineData("show")]
    [InlineData("replay")]
    [InlineData("export")]
    [InlineData("inspect")]
    public void A_run_id_that_is_not_in_the_database(string command)
    {
        var e = JournalCli.AssertOneError(Actornet.Run(WithRun(command, "42")));
        Assert.StartsWith("there is no run 42 in ", e);
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("show")]
    [InlineData("run")]
    public void An_empty_db_is_refused_not_taken_for_the_default(string command)
    {
        string[] args = command switch
        {
            "runs" => ["runs", "--db", ""],
            "show" => ["show", "1", "--db", ""],
            _ => ["run", RepoRoot.Config("ping.conf"), "--db", "", "--quiet"],
        };
        var r = Actornet.Run(args);
        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains("--db \"\": give the journal database", r.Stderr);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("replay")]
    [InlineData("diff")]
    public void A_run_id_that_is_not_a_number(string command)
    {
        var e = JournalCli.AssertOneError(Actornet.Run(WithRun(command, "abc")));
        Assert.Equal("'abc' is not a run id", e);
    }

    [Fact]
    public void Inspect_after_the_end_of_the_run()
    {
        var e = JournalCli.AssertOneError(Actornet.Run("inspect", "1", "--at", "3s", "--node", "h1", "--db", _ping.Database));
        Assert.Equal("--at 3s is after the end of what run 1 journaled (2s)", e);
    }

    [Fact]
    public void Inspect_a_node_the_run_does_not_have()
    {
        var e = JournalCli.AssertOneError(Actornet.Run("inspect", "1", "--at", "1s", "--node", "h9", "--db", _ping.Database));
        Assert.Equal("run 1 has no node 'h9'", e);
    }

    [Fact]
    public void Replay_from_after_the_end()
    {
        var e = JournalCli.AssertOneError(Actornet.Run("replay", "1", "--from", "5s", "--db", _ping.Database));
        Assert.Equal("--from 5s is at or after the end of what run 1 journaled (2s)", e);
    }

    [Fact]
    public void Export_of_nothing()
    {
        using var dir = new TempDir();
        var e = JournalCli.AssertOneError(Actornet.Run("export", "1", "--out", dir.PathOf("x"), "--db", _ping.Database));
        Assert.Equal("say what to export", e);
        Assert.False(Directory.Exists(dir.PathOf("x")));
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("show")]
    [InlineData("run")]
    public void A_database_file_that_is_not_a_database(string command)
    {
        using var dir = new TempDir();
        string db = dir.PathOf("journal.db");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(db, bytes);

        var e = JournalCli.AssertOneError(Actornet.Run(Command(command, db, dir.PathOf("run"))));

        Assert.Equal($"{db} is not a SQLite database (it is corrupt, or another kind of file)", e);
        Assert.Equal(bytes, File.ReadAllBytes(db));
        Assert.False(Directory.Exists(dir.PathOf("run")), "run created its folder");
        Assert.Equal(["journal.db"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("show")]
    [InlineData("run")]
    public void A_database_of_another_program(string command)
    {
        using var dir = new TempDir();
        string db = dir.PathOf("shop.db");
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada')";
            cmd.ExecuteNonQuery();
        }

        var e = JournalCli.AssertOneError(Actornet.Run(Command(command, db, dir.PathOf("run"))));

        Assert.Equal($"{db} holds another program's tables (customers), not an ActorNet journal", e);
        Assert.False(Directory.Exists(dir.PathOf("run")), "run created its folder");
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'";
            Assert.Equal("customers", cmd.ExecuteScalar());
        }
    }

    [Fact]
    public void Runs_on_a_database_that_does_not_exist_says_there_are_none()
    {
        using var dir = new TempDir();
        string db = dir.PathOf("nothing-here.db");

        var r = Actornet.Run("runs", "--db", db);

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        Assert.Equal($"no runs in {db} (nothing journaled there yet)", r.Stdout.Trim());
        Assert.Equal("", r.Stderr);
        Assert.False(File.Exists(db));
    }

    private string[] WithRun(string command, string id) => command switch
    {
        "export" => ["export", id, "--json", "--db", _ping.Database],
        "inspect" => ["inspect", id, "--at", "1s", "--db", _ping.Database],
        "diff" => ["diff", "1", id, "--db", _ping.Database],
        _ => [command, id, "--db", _ping.Database],
    };

    private static string[] Command(string command, string db, string runFolder) => command switch
    {
        "run" => ["run", RepoRoot.Config("ping.conf"), "--out", runFolder, "--db", db, "--quiet"],
        "show" => ["show", "1", "--db", db],
        _ => [command, "--db", db],
    };
}
