using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;

namespace ActorNet.Persistence.Journal;

/// <summary>A run as its journal holds it: how it started, every committed interval, and how it ended (null: it never said; killed).</summary>
public sealed record RunRecord(RunStarted Started, IReadOnlyList<IntervalCommitted> Intervals, RunEnded? Ended)
{
    public long RunId => Started.RunId;

    /// <summary>Whether recovery started from a ledger snapshot (the intervals before it were not replayed one by one).</summary>
    public bool RecoveredFromSnapshot { get; init; }
}

/// <summary>
/// Reads runs back from the journal with Akka.Persistence.Query (CurrentEventsByPersistenceId): the run's own events
/// and, when asked, an entity's chunks. Only what a committed interval names is trusted: a chunk written in a batch
/// whose interval record never made it (a killed run) is ignored.
/// </summary>
public sealed class RunArchive : IDisposable
{
    private readonly JournalSystem _system;

    private RunArchive(JournalDatabase db, JournalSystem system)
    {
        Database = db;
        _system = system;
    }

    public JournalDatabase Database { get; }

    // A query that fails (a chunk that no longer inflates) fails with its exception, which the command reports as
    // error + fix or as a divergence; Akka's own log of it would add a stack trace on stdout.
    private static readonly Akka.Configuration.Config Quiet = Akka.Configuration.ConfigurationFactory.ParseString("akka { loglevel = OFF, stdout-loglevel = OFF }");

    public static RunArchive Open(JournalDatabase db) => new(db, JournalSystem.Start(db, Quiet));

    /// <summary>The run's record, or null if the journal has no run with that id: recovered by a <see cref="RunLedgerActor"/>.</summary>
    public RunRecord? Load(long runId)
    {
        var recovered = new TaskCompletionSource<RunRecord?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _system.System.ActorOf(RunLedgerActor.Props(runId, recovered));
        return recovered.Task.WaitAsync(TimeSpan.FromMinutes(10)).GetAwaiter().GetResult();
    }

    /// <summary>The same record, read event by event with Akka.Persistence.Query (no snapshot); tests compare the two.</summary>
    public RunRecord? LoadByQuery(long runId)
    {
        RunStarted? started = null;
        RunEnded? ended = null;
        var intervals = new List<IntervalCommitted>();
        foreach (var e in Events(JournalIds.Run(runId)))
        {
            switch (e)
            {
                case RunStarted s: started = s; break;
                case IntervalCommitted i: intervals.Add(i); break;
                case RunEnded x: ended = x; break;
                default: throw new InvalidDataException($"run {runId}: unexpected event {e.GetType().Name} in its journal");
            }
        }
        return started is null ? null : new RunRecord(started, intervals, ended);
    }

    /// <summary>The chunks of one entity, by interval index (committed intervals only).</summary>
    public SortedDictionary<long, ChunkEvent> Chunks(RunRecord run, int entity)
    {
        var committed = run.Intervals.Where(i => Array.IndexOf(i.Entities, entity) >= 0).Select(i => i.Index).ToHashSet();
        var chunks = new SortedDictionary<long, ChunkEvent>();
        foreach (var e in Events(JournalIds.Entity(run.RunId, run.Started, entity)))
        {
            if (e is UndecodableChunk u) throw new InvalidDataException($"run {run.RunId}: a chunk of {run.Started.EntityName(entity)} holds {u.Problem}");
            var c = e as ChunkEvent ?? throw new InvalidDataException($"run {run.RunId}: an entity's journal holds a {e.GetType().Name}");
            if (committed.Contains(c.Index)) chunks[c.Index] = c;
        }
        return chunks;
    }

    /// <summary>One entity's chunk of one committed interval (null: it recorded nothing then).</summary>
    public ChunkEvent? Chunk(RunRecord run, int entity, long index) => Chunks(run, entity).GetValueOrDefault(index);

    /// <summary>The nodes' states at the end of interval <paramref name="index"/>, if a snapshot was taken there.</summary>
    public StateSnapshot? State(RunRecord run, long index)
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(_system.System).SnapshotStoreFor(null);
        var criteria = new Akka.Persistence.SnapshotSelectionCriteria(index + 1, DateTime.MaxValue, index + 1, DateTime.MinValue);
        var result = store.Ask<object>(new Akka.Persistence.LoadSnapshot(JournalIds.State(run.RunId), criteria, long.MaxValue), TimeSpan.FromMinutes(1))
            .GetAwaiter().GetResult();
        return result switch
        {
            // The store answers with the latest snapshot at or before the asked one (it ignores the lower bound).
            Akka.Persistence.LoadSnapshotResult r => r.Snapshot?.Metadata.SequenceNr == index + 1 ? r.Snapshot.Snapshot as StateSnapshot : null,
            Akka.Persistence.LoadSnapshotFailed f => throw new InvalidDataException($"run {run.RunId}: its snapshot at interval {index} cannot be read: {f.Cause.Message}", f.Cause),
            _ => throw new InvalidDataException($"run {run.RunId}: unexpected answer from the snapshot store: {result}"),
        };
    }

    public List<object> Events(string persistenceId)
    {
        var envelopes = _system.ReadJournal.CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), _system.Materializer).GetAwaiter().GetResult();
        return envelopes.Select(e => e.Event).ToList();
    }

    /// <summary>
    /// Hands the events of <paramref name="persistenceId"/> with sequence numbers up to <paramref name="toSequenceNr"/>
    /// to <paramref name="each"/>, one at a time in sequence order, without holding them all.
    /// </summary>
    public void ForEachEvent(string persistenceId, long toSequenceNr, Action<long, object> each) =>
        _system.ReadJournal.CurrentEventsByPersistenceId(persistenceId, 0, toSequenceNr)
            .RunForeach(e => each(e.SequenceNr, e.Event), _system.Materializer).GetAwaiter().GetResult();

    public void Dispose() => _system.Dispose();
}
