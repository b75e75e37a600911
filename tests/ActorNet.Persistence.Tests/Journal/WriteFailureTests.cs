using ActorNet.Core.Network;
using ActorNet.Core.Time;
using ActorNet.Engine;
using ActorNet.Engine.Reference;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Tests.Support;

namespace ActorNet.Persistence.Tests.Journal;

/// <summary>
/// A journal write that fails mid-run is never silent: the next interval the engine closes or RunJournal.End throws
/// a JournalException, and the catalog says failed wherever it can still be written. Made deterministic by failing
/// the database from the engine's side of the seam: the test's observer breaks it when interval
/// <see cref="BreakAt"/> closes and only then hands that interval to the journal, so at least that interval's write
/// meets the broken database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WriteFailureTests(PostgresServer server)
{
    private const long BreakAt = 5;
    private static readonly SimTime Interval = SimTime.FromMilliseconds(100);

    public static TheoryData<string> Providers => new("sqlite", "postgres");

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_journal_table_that_refuses_writes_mid_run_fails_the_run_and_the_catalog_says_failed(string provider)
    {
        using var under = new JournalUnderTest(provider, server);
        var db = under.Open();
        // Akka.Persistence.Sql creates its journal table on its first write; an earlier run has made it.
        JournaledRun.Of(db, Repo.Short("ping.conf"), Interval);
        var (id, during, end) = RunBreakingAt(db, () => RefuseInserts(under));

        Assert.True(during is null or JournalException, during?.ToString());
        Assert.Contains("refused by the test", end.Message);
        var row = RunCatalog.Get(db, id)!;
        Assert.Equal("failed", row.Status);
        Assert.Contains("refused by the test", row.Error);
        Assert.True(row.Intervals < BreakAt + 1, $"{row.Intervals} intervals committed");
        // What the catalog counts is what the journal holds: the intervals written before the failure, and no end.
        // (Often nothing at all: the journal's system starts while the run does, and this run is over in less.)
        using var archive = RunArchive.Open(db);
        var record = archive.Load(id);
        Assert.Equal(row.Intervals, record?.Intervals.Count ?? 0);
        Assert.Null(record?.Ended);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_catalog_table_dropped_mid_run_is_a_journal_error_not_a_raw_database_exception(string provider)
    {
        using var under = new JournalUnderTest(provider, server);
        var db = under.Open();
        var (_, during, end) = RunBreakingAt(db, () => under.Execute($"DROP TABLE {RunCatalog.Table}"));

        Assert.True(during is null or JournalException, during?.ToString());
        Assert.Contains(RunCatalog.Table, end.Message);
    }

    [Fact]
    public void A_postgresql_database_dropped_mid_run_fails_the_run()
    {
        using var under = new JournalUnderTest("postgres", server);
        var db = under.Open();
        var (_, during, end) = RunBreakingAt(db, () => under.Postgres!.Dispose());   // terminates its connections and drops it

        Assert.True(during is null or JournalException, during?.ToString());
        Assert.Contains(under.Postgres!.Name, end.Message);
    }

    /// <summary>Journals tcp-loss, breaking the database as interval <see cref="BreakAt"/> closes; ends the run as
    /// <c>actornet run</c> does (failed if the engine threw) and returns what End threw.</summary>
    private static (long Id, Exception? During, JournalException End) RunBreakingAt(JournalDatabase db, Action breakDatabase)
    {
        var scenario = Repo.Short("tcp-loss.conf");
        var network = NetworkBuilder.Build(scenario);
        using var journal = RunJournal.Begin(db, RunJournalTests.Identity(scenario), network, Interval);
        // A database that went away can leave a write unanswered: the journal gives up after this, as it would after a minute.
        journal.WriteTimeout = TimeSpan.FromSeconds(5);
        var observer = new BreakingObserver(journal.Observer, BreakAt, breakDatabase);
        var during = Record.Exception(() => new ReferenceEngine().Run(network, scenario.StopAt, observer: observer));
        Assert.True(observer.Broken, "the run never reached the interval that breaks the database");
        var end = Assert.Throws<JournalException>(() =>
            journal.End(during is null ? "completed" : "failed", SimTime.Zero, 0, 0, null, null, during?.Message));
        return (journal.RunId, during, end);
    }

    private static void RefuseInserts(JournalUnderTest under)
    {
        if (under.Provider == "sqlite")
            under.Execute("CREATE TRIGGER refuse BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        else
            under.Execute("""
                CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
                CREATE TRIGGER refuse BEFORE INSERT ON journal FOR EACH ROW EXECUTE FUNCTION refuse();
                """);
    }

    /// <summary>Passes intervals on to the journal; breaks the database first when interval <paramref name="at"/> (or the first after it) closes.</summary>
    private sealed class BreakingObserver(IRunObserver inner, long at, Action breakDatabase) : IRunObserver
    {
        public bool Broken { get; private set; }

        public SimTime Interval => inner.Interval;

        public void IntervalClosed(long index)
        {
            if (!Broken && index >= at)
            {
                breakDatabase();
                Broken = true;
            }
            inner.IntervalClosed(index);
        }
    }
}
