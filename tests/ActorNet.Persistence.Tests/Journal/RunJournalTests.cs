using ActorNet.Core.Network;
using ActorNet.Core.Time;
using ActorNet.Engine.Reference;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Recording;
using ActorNet.Persistence.Tests.Recording;
using ActorNet.Persistence.Tests.Support;

namespace ActorNet.Persistence.Tests.Journal;

/// <summary>A run journaled to SQLite reads back as it was recorded: every committed interval, every chunk's bytes, the catalog row.</summary>
public class RunJournalTests
{
    [Fact]
    public void A_journaled_run_reads_back_chunk_for_chunk()
    {
        using var dir = new TempDir();
        var db = JournalDatabase.Open(JournalLocation.Parse(Path.Combine(dir.Path, "a.db")));
        var scenario = Repo.Short("tcp-loss.conf");
        var interval = SimTime.FromMilliseconds(100);
        var expected = JournalEqualityTests.Record(scenario, new ReferenceEngine(), interval);

        var network = NetworkBuilder.Build(scenario);
        long id;
        using (var journal = RunJournal.Begin(db, Identity(scenario), network, interval))
        {
            id = journal.RunId;
            var run = new ReferenceEngine().Run(network, scenario.StopAt, observer: journal.Observer);
            journal.End("completed", run.Reached, run.Events, run.WallSeconds, "digest", "{}", null);
        }

        using var archive = RunArchive.Open(db);
        var record = archive.Load(id)!;
        Assert.Equal(expected.Select(i => i.Index), record.Intervals.Select(i => i.Index));
        Assert.Equal("completed", record.Ended!.Status);
        Assert.Equal(scenario.SourceText, record.Started.ScenarioText);
        for (int entity = 0; entity < record.Started.EntityCount; entity++)
        {
            var chunks = archive.Chunks(record, entity);
            var want = expected.SelectMany(i => i.Chunks.Where(c => c.Entity == entity).Select(c => (i.Index, c))).ToList();
            Assert.Equal(want.Count, chunks.Count);
            foreach (var (index, c) in want)
            {
                Assert.True(c.Bytes.AsSpan().SequenceEqual(chunks[index].Bytes));
                Assert.Equal((c.Records, c.Fingerprint), (chunks[index].Records, chunks[index].Fingerprint));
            }
        }
        var row = RunCatalog.Get(db, id)!;
        Assert.Equal("completed", row.Status);
        Assert.Equal(expected.Count, row.Intervals);
    }

    [Fact]
    public void A_run_whose_seed_a_program_set_replays_with_that_seed()
    {
        // The seed set on the scenario object (not in the file, not by --seed) is the run's seed; replay must use it.
        using var dir = new TempDir();
        var db = JournalDatabase.Open(JournalLocation.Parse(Path.Combine(dir.Path, "seed.db")));
        var scenario = Repo.Short("tcp-loss.conf") with { Seed = 50 };
        var network = NetworkBuilder.Build(scenario);
        long id;
        using (var journal = RunJournal.Begin(db, Identity(scenario), network, SimTime.FromMilliseconds(100)))
        {
            id = journal.RunId;
            var run = new ReferenceEngine().Run(network, scenario.StopAt, observer: journal.Observer);
            journal.End("completed", run.Reached, run.Events, run.WallSeconds, Results.SummaryBuilder.Digest(network), null, null);
        }
        using var archive = RunArchive.Open(db);
        var result = Replay.Reexecution.Run(archive, archive.Load(id)!, new ReferenceEngine(), new Replay.ReexecutionOptions());
        Assert.Null(result.Divergence);
        Assert.Equal(Results.SummaryBuilder.Digest(network), result.Digest);
    }

    internal static RunIdentity Identity(Core.Scenarios.Scenario scenario, string engine = "reference") => new()
    {
        Scenario = scenario.Name,
        ScenarioFile = scenario.SourceFile,
        ScenarioText = scenario.SourceText,
        Seed = scenario.Seed,
        StopAt = scenario.StopAt,
        Engine = engine,
        Threads = 1,
        Sockets = "actors",
    };
}
