using ActorNet.Core.Time;
using ActorNet.Engine.Reference;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Tests.Recording;
using ActorNet.Persistence.Tests.Support;

namespace ActorNet.Persistence.Tests.Journal;

/// <summary>
/// Two runs journaled at once into one database (two threads, two RunJournals, as two <c>actornet run</c> would):
/// both complete, with distinct ids, and each reads back as its own run, on SQLite and on PostgreSQL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConcurrentRunsTests(PostgresServer server)
{
    private static readonly SimTime Interval = SimTime.FromMilliseconds(100);

    public static TheoryData<string> Providers => new("sqlite", "postgres");

    [Theory]
    [MemberData(nameof(Providers))]
    public void Two_runs_journaled_at_once_into_one_database_both_complete_as_themselves(string provider)
    {
        using var under = new JournalUnderTest(provider, server);
        under.Open();   // the tables exist before the two start, as after any first run
        var scenarios = new[] { Repo.Short("tcp-loss.conf"), Repo.Short("tcp-bottleneck.conf") };
        var runs = new JournaledRun?[2];
        var errors = new Exception?[2];
        using var start = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(k => new Thread(() =>
        {
            try
            {
                var db = under.Open();   // each its own, as two processes
                start.SignalAndWait();
                runs[k] = JournaledRun.Of(db, scenarios[k], Interval);
            }
            catch (Exception e)
            {
                errors[k] = e;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(errors, Assert.Null);
        Assert.NotEqual(runs[0]!.Id, runs[1]!.Id);
        var check = under.Open();
        using var archive = RunArchive.Open(check);
        for (int k = 0; k < 2; k++)
        {
            var row = RunCatalog.Get(check, runs[k]!.Id)!;
            Assert.Equal(("completed", scenarios[k].Name, runs[k]!.Digest), (row.Status, row.Scenario, row.Digest));
            var record = archive.Load(runs[k]!.Id)!;
            var expected = JournalEqualityTests.Record(scenarios[k], new ReferenceEngine(), Interval);
            Assert.Equal(expected.Select(i => (i.Index, i.Chunks.Count)), record.Intervals.Select(i => (i.Index, i.Entities.Length)));
            Assert.Equal(row.Intervals, record.Intervals.Count);
            for (int entity = 0; entity < record.Started.EntityCount; entity++)
            {
                var want = expected.SelectMany(i => i.Chunks.Where(c => c.Entity == entity).Select(c => (i.Index, c.Bytes))).ToList();
                var got = archive.Chunks(record, entity);
                Assert.Equal(want.Select(w => w.Index), got.Keys);
                Assert.All(want, w => Assert.True(w.Bytes.AsSpan().SequenceEqual(got[w.Index].Bytes), $"run {record.RunId}, {record.Started.EntityName(entity)}, interval {w.Index}"));
            }
        }
        Assert.Equal(runs.Select(r => r!.Id).Order(), RunCatalog.List(check).Select(r => r.Id).Order());
    }
}
