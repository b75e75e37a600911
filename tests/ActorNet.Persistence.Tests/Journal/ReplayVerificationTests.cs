using ActorNet.Core.Time;
using ActorNet.Engine;
using ActorNet.Engine.Reference;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Replay;
using ActorNet.Persistence.Tests.Support;

namespace ActorNet.Persistence.Tests.Journal;

/// <summary>
/// Replay verification on both providers: a journaled run re-executes to the same digest with no divergence, and a
/// chunk changed in the database after the run (one node's chunk row given the stored bytes of another of its
/// chunks) is a divergence at that interval and node.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReplayVerificationTests(PostgresServer server)
{
    private static readonly SimTime Interval = SimTime.FromMilliseconds(100);

    public static TheoryData<string> Providers => new("sqlite", "postgres");

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_journaled_run_replays_without_divergence_to_its_journaled_digest(string provider)
    {
        using var under = new JournalUnderTest(provider, server);
        var db = under.Open();
        var run = JournaledRun.Of(db, Repo.Short("tcp-loss.conf"), Interval);

        using var archive = RunArchive.Open(db);
        var record = archive.Load(run.Id)!;
        var result = Reexecution.Run(archive, record, new ReferenceEngine(), new ReexecutionOptions());

        Assert.Null(result.Divergence);
        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal(record.Ended!.Digest, result.Digest);
        Assert.Equal(run.Digest, result.Digest);
        Assert.Equal(record.Intervals.Count, result.IntervalsVerified);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_chunk_row_of_garbage_is_a_divergence_at_its_interval_and_node(string provider)
    {
        using var under = new JournalUnderTest(provider, server);
        var db = under.Open();
        var run = JournaledRun.Of(db, Repo.Short("tcp-loss.conf"), Interval);
        using var archive = RunArchive.Open(db);
        var record = archive.Load(run.Id)!;
        int entity = Enumerable.Range(0, record.Started.Nodes.Count).MaxBy(e => archive.Chunks(record, e).Count);
        long index = archive.Chunks(record, entity).Keys.ElementAt(2);
        string pid = JournalIds.Entity(run.Id, record.Started, entity);
        Assert.Equal(1, under.Execute("UPDATE journal SET message = @m WHERE persistence_id = @p AND sequence_number = 3",
            ("@m", Enumerable.Range(0, 64).Select(i => (byte)(i * 37)).ToArray()), ("@p", pid)));

        var result = Reexecution.Run(archive, record, new ReferenceEngine(), new ReexecutionOptions());

        Assert.NotNull(result.Divergence);
        Assert.Equal((index, record.Started.Nodes[entity]), (result.Divergence.Interval, result.Divergence.Entity));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_chunk_changed_in_the_database_is_a_divergence_at_its_interval_and_node(string provider)
    {
        using var under = new JournalUnderTest(provider, server);
        var db = under.Open();
        var run = JournaledRun.Of(db, Repo.Short("tcp-loss.conf"), Interval);
        string node;
        long tamperedIndex;
        using (var archive = RunArchive.Open(db))
        {
            var record = archive.Load(run.Id)!;
            // The node with the most chunks (ties: the first by id); its third chunk gets the stored bytes of its second.
            int entity = Enumerable.Range(0, record.Started.Nodes.Count).MaxBy(e => archive.Chunks(record, e).Count);
            var chunks = archive.Chunks(record, entity);
            Assert.True(chunks.Count >= 3, $"{record.Started.EntityName(entity)} has {chunks.Count} chunks");
            node = record.Started.Nodes[entity];
            tamperedIndex = chunks.Keys.ElementAt(2);
        }
        string pid = $"{JournalIds.Run(run.Id)}/n/{node}";
        var second = (byte[])under.Rows("SELECT message FROM journal WHERE persistence_id = @p AND sequence_number = 2", ("@p", pid)).Single()[0]!;
        Assert.Equal(1, under.Execute("UPDATE journal SET message = @m WHERE persistence_id = @p AND sequence_number = 3", ("@m", second), ("@p", pid)));

        using (var archive = RunArchive.Open(db))
        {
            var record = archive.Load(run.Id)!;
            var result = Reexecution.Run(archive, record, new ReferenceEngine(), new ReexecutionOptions());

            Assert.NotNull(result.Divergence);
            Assert.Equal((tamperedIndex, node), (result.Divergence.Interval, result.Divergence.Entity));
            Assert.Contains("in the database", result.Divergence.Reason);
            Assert.Contains(result.Divergence.Records, line => line.Differs);

            // A re-execution that stops before the changed interval does not read it, and verifies.
            var before = Reexecution.Run(archive, record, new ReferenceEngine(), new ReexecutionOptions { StopAt = new SimTime(tamperedIndex * Interval.Nanoseconds) });
            Assert.Null(before.Divergence);
        }
    }
}
