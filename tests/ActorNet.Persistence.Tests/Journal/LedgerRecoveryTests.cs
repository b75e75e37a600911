using ActorNet.Core.Network;
using ActorNet.Core.Time;
using ActorNet.Engine.Reference;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Tests.Support;
using Akka.Actor;

namespace ActorNet.Persistence.Tests.Journal;

/// <summary>
/// The run ledger as a persistent actor (TestKit): recovering from a ledger snapshot plus the events after it gives the
/// same record as replaying every event from the start, which is the record the run wrote.
/// </summary>
public sealed class LedgerRecoveryTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TempDir Dir = new();
    private static readonly string DbPath = Path.Combine(Dir.Path, "ledger.db");
    private static readonly JournalDatabase Db = JournalDatabase.Open(JournalLocation.Parse(DbPath));

    public LedgerRecoveryTests() : base(JournalSystem.Setup(Db), "ledger-recovery") { }

    [Theory]
    [InlineData(1000)]   // a ledger snapshot every second of virtual time
    [InlineData(0)]      // none: every event is replayed
    public async Task Recovery_from_a_snapshot_and_the_events_after_it_gives_the_record_the_run_wrote(long snapshotMs)
    {
        long id = Journal("tcp-loss.conf", SimTime.FromMilliseconds(100), SimTime.FromMilliseconds(snapshotMs), out var written);

        var recovered = new TaskCompletionSource<RunRecord?>();
        Sys.ActorOf(RunLedgerActor.Props(id, recovered));
        var record = (await recovered.Task.WaitAsync(TimeSpan.FromSeconds(30)))!;

        Assert.Equal(snapshotMs > 0, record.RecoveredFromSnapshot);
        using var archive = RunArchive.Open(Db);
        var byQuery = archive.LoadByQuery(id)!;
        Assert.False(byQuery.RecoveredFromSnapshot);
        AssertSameRecord(byQuery, record);
        Assert.Equal(written, record.Intervals.Count);
        Assert.Equal("completed", record.Ended!.Status);
    }

    [Fact]
    public async Task A_run_that_never_ended_recovers_its_committed_intervals_and_no_end()
    {
        var scenario = Repo.Short("tcp-loss.conf");
        var network = NetworkBuilder.Build(scenario);
        long id;
        using (var journal = RunJournal.Begin(Db, RunJournalTests.Identity(scenario), network, SimTime.FromMilliseconds(100), SimTime.FromSeconds(1)))
        {
            id = journal.RunId;
            new ReferenceEngine().Run(network, SimTime.FromMilliseconds(1500), observer: journal.Observer);
            // No End: the process "died" here. Dispose writes what was queued, as a killed process would have committed it.
        }
        var recovered = new TaskCompletionSource<RunRecord?>();
        Sys.ActorOf(RunLedgerActor.Props(id, recovered));
        var record = (await recovered.Task.WaitAsync(TimeSpan.FromSeconds(30)))!;
        Assert.Null(record.Ended);
        Assert.True(record.RecoveredFromSnapshot);
        Assert.Equal(15, record.Intervals.Count);
    }

    [Fact]
    public async Task An_unknown_run_recovers_nothing()
    {
        var recovered = new TaskCompletionSource<RunRecord?>();
        Sys.ActorOf(RunLedgerActor.Props(987654, recovered));
        Assert.Null(await recovered.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    internal static long Journal(string config, SimTime interval, SimTime snapshots, out int intervals)
    {
        var scenario = Repo.Short(config);
        var network = NetworkBuilder.Build(scenario);
        using var journal = RunJournal.Begin(Db, RunJournalTests.Identity(scenario), network, interval, snapshots);
        var run = new ReferenceEngine().Run(network, scenario.StopAt, observer: journal.Observer);
        journal.End("completed", run.Reached, run.Events, run.WallSeconds, null, null, null);
        intervals = (int)RunCatalog.Get(Db, journal.RunId)!.Intervals;
        return journal.RunId;
    }

    internal static void AssertSameRecord(RunRecord expected, RunRecord actual)
    {
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected.Started), System.Text.Json.JsonSerializer.Serialize(actual.Started));
        Assert.Equal(expected.Intervals.Count, actual.Intervals.Count);
        for (int i = 0; i < expected.Intervals.Count; i++)
        {
            var (e, a) = (expected.Intervals[i], actual.Intervals[i]);
            Assert.Equal((e.Index, e.EventRecords), (a.Index, a.EventRecords));
            Assert.Equal(e.Entities, a.Entities);
            Assert.Equal(e.Records, a.Records);
            Assert.Equal(e.Fingerprints, a.Fingerprints);
            Assert.Equal(e.Hashes, a.Hashes);
        }
        Assert.Equal(expected.Ended, actual.Ended);
    }
}
