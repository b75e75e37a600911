using System.Text.Json;
using ActorNet.Core.Time;
using ActorNet.Engine.Reference;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Tests.Recording;
using ActorNet.Persistence.Tests.Support;

namespace ActorNet.Persistence.Tests.Journal;

/// <summary>
/// The journal on PostgreSQL is the journal on SQLite: the same run reads back as it was recorded on either, and the
/// two databases hold the same record, the same chunks and the same stored bytes for every chunk and interval.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresParityTests(PostgresServer server)
{
    private static readonly SimTime Interval = SimTime.FromMilliseconds(100);

    public static TheoryData<string> Providers => new("sqlite", "postgres");

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_journaled_run_reads_back_as_recorded_and_its_catalog_row_completes(string provider)
    {
        using var under = new JournalUnderTest(provider, server);
        var db = under.Open();
        var scenario = Repo.Short("tcp-loss.conf");
        var expected = JournalEqualityTests.Record(scenario, new ReferenceEngine(), Interval);

        var run = JournaledRun.Of(db, scenario, Interval);

        using var archive = RunArchive.Open(db);
        var record = archive.Load(run.Id)!;
        Assert.Equal(expected.Count, record.Intervals.Count);
        for (int k = 0; k < expected.Count; k++)
        {
            var (want, got) = (expected[k], record.Intervals[k]);
            Assert.Equal(want.Index, got.Index);
            Assert.Equal(want.EventRecords, got.EventRecords);
            Assert.Equal(want.Chunks.Select(c => (c.Entity, c.Records, c.Fingerprint, c.Hash)),
                got.Entities.Select((e, i) => (e, got.Records[i], got.Fingerprints[i], got.Hashes[i])));
        }
        for (int entity = 0; entity < record.Started.EntityCount; entity++)
        {
            var want = expected.SelectMany(i => i.Chunks.Where(c => c.Entity == entity).Select(c => (i.Index, c.Bytes))).ToList();
            var got = archive.Chunks(record, entity);
            Assert.Equal(want.Select(w => w.Index), got.Keys);
            foreach (var (index, bytes) in want)
                Assert.True(bytes.AsSpan().SequenceEqual(got[index].Bytes), $"{provider}: {record.Started.EntityName(entity)}, interval {index}");
        }
        Assert.Equal(("completed", run.Digest, run.Run.Events), (record.Ended!.Status, record.Ended.Digest, record.Ended.Events));

        var row = RunCatalog.Get(db, run.Id)!;
        Assert.Equal(("completed", run.Digest, (long)expected.Count, run.Run.Events, run.Run.Reached.Nanoseconds),
            (row.Status, row.Digest, row.Intervals, row.Events, row.ReachedNs));
    }

    [Fact]
    public void Sqlite_and_postgresql_hold_the_same_record_and_the_same_bytes_for_one_run()
    {
        using var sqlite = new JournalUnderTest("sqlite", server);
        using var postgres = new JournalUnderTest("postgres", server);
        var (dbS, dbP) = (sqlite.Open(), postgres.Open());
        var scenario = Repo.Short("tcp-loss.conf");

        var runS = JournaledRun.Of(dbS, scenario, Interval);
        var runP = JournaledRun.Of(dbP, scenario, Interval);

        Assert.Equal(runS.Digest, runP.Digest);
        using (var archiveS = RunArchive.Open(dbS))
        using (var archiveP = RunArchive.Open(dbP))
        {
            var (recS, recP) = (archiveS.Load(runS.Id)!, archiveP.Load(runP.Id)!);
            Assert.NotEmpty(recS.Intervals);
            Assert.Equal(Comparable(recS), Comparable(recP));
            for (int entity = 0; entity < recS.Started.EntityCount; entity++)
            {
                var (chunksS, chunksP) = (archiveS.Chunks(recS, entity), archiveP.Chunks(recP, entity));
                Assert.Equal(chunksS.Keys, chunksP.Keys);
                foreach (var (index, c) in chunksS)
                {
                    Assert.Equal((c.Index, c.Records, c.Fingerprint), (chunksP[index].Index, chunksP[index].Records, chunksP[index].Fingerprint));
                    Assert.True(c.Bytes.AsSpan().SequenceEqual(chunksP[index].Bytes), $"{recS.Started.EntityName(entity)}, interval {index}");
                }
            }
        }
        // Below Akka: every chunk and interval row is stored with the same bytes (a run's first and last events hold
        // wall-clock times and differ).
        var (rowsS, rowsP) = (StoredRows(sqlite, runS.Id), StoredRows(postgres, runP.Id));
        Assert.NotEmpty(rowsS);
        Assert.Equal(rowsS.Select(r => (r.Id, r.Seq, r.Manifest)), rowsP.Select(r => (r.Id, r.Seq, r.Manifest)));
        for (int k = 0; k < rowsS.Count; k++)
            Assert.True(rowsS[k].Message.AsSpan().SequenceEqual(rowsP[k].Message), $"{rowsS[k].Id} #{rowsS[k].Seq}: stored bytes differ");

        var (rowS, rowP) = (RunCatalog.Get(dbS, runS.Id)!, RunCatalog.Get(dbP, runP.Id)!);
        Assert.Equal((rowS.Status, rowS.Digest, rowS.Intervals, rowS.Events, rowS.ReachedNs), (rowP.Status, rowP.Digest, rowP.Intervals, rowP.Events, rowP.ReachedNs));
    }

    /// <summary>The record without what differs between two runs of the same thing: its id and wall-clock times.</summary>
    private static string Comparable(RunRecord r) => JsonSerializer.Serialize(new
    {
        Started = r.Started with { RunId = 0, StartedUtc = default },
        r.Intervals,
        Ended = r.Ended! with { WallSeconds = 0, EndedUtc = default },
    });

    /// <summary>The journal table's chunk ('C') and interval ('I') rows of a run, its id replaced by N, in persistence id and sequence order.</summary>
    private static List<(string Id, long Seq, string Manifest, byte[] Message)> StoredRows(JournalUnderTest under, long runId)
    {
        string prefix = JournalIds.Run(runId);
        return under.Rows("SELECT persistence_id, sequence_number, manifest, message FROM journal WHERE manifest IN ('C', 'I')")
            .Select(r => ((string)r[0]!, Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), (string)r[2]!, (byte[])r[3]!))
            .Where(r => r.Item1 == prefix || r.Item1.StartsWith(prefix + "/", StringComparison.Ordinal))
            .Select(r => ("run-N" + r.Item1[prefix.Length..], r.Item2, r.Item3, r.Item4))
            .OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2)
            .ToList();
    }
}
