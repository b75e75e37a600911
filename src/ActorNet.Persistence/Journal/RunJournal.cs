using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using ActorNet.Core.Network;
using ActorNet.Core.Time;
using ActorNet.Engine;
using ActorNet.Persistence.Recording;
using Akka.Actor;
using Akka.Persistence;

namespace ActorNet.Persistence.Journal;

/// <summary>What a run is, as <c>actornet run</c> knows it before it starts (the rest of <see cref="RunStarted"/> is filled in here).</summary>
public sealed record RunIdentity
{
    public required string Scenario { get; init; }
    public required string ScenarioFile { get; init; }
    public required string ScenarioText { get; init; }
    public required ulong Seed { get; init; }
    public ulong? SeedOverride { get; init; }
    public required SimTime StopAt { get; init; }
    public required string Engine { get; init; }
    public required int Threads { get; init; }
    public required string Sockets { get; init; }
    public string? RunFolder { get; init; }
}

/// <summary>
/// Journals one run while it runs (docs/JOURNAL.md): a catalog row and <see cref="RunStarted"/> first; then, as the
/// engine closes intervals (<see cref="Observer"/>), each interval's chunks and its <see cref="IntervalCommitted"/>
/// in one write, on a writer thread with a bounded queue (the simulation waits rather than anything being dropped);
/// at the end <see cref="RunEnded"/> and the catalog's final status. A write that fails fails the run: the next
/// interval the engine closes throws <see cref="JournalException"/>.
/// </summary>
public sealed class RunJournal : IDisposable
{
    /// <summary>The default interval: 100 ms of virtual time (docs/JOURNAL.md, "Interval length", for the figures).</summary>
    public static readonly SimTime DefaultInterval = SimTime.FromMilliseconds(100);
    private const int MaxBatchIntervals = 256;
    // Events per write, well under the journal's buffer-size (JournalSystem), which rejects writes beyond it.
    private const int MaxBatchEvents = 20_000;
    private const long MaxBatchBytes = 16L << 20;

    private const long MaxQueuedBytes = 256L << 20;

    private readonly JournalDatabase _db;
    private readonly Task<JournalSystem> _system;
    private IActorRef _writer = ActorRefs.Nobody;
    private readonly RunStarted _started;
    private readonly string[] _entityIds;
    private readonly long[] _entitySeq;
    private readonly string _runId;
    private readonly BlockingCollection<IntervalChunks> _queue = new();
    private readonly object _queuedLock = new();
    private long _queuedBytes;
    private readonly Thread _thread;
    private readonly string _writerGuid = Guid.NewGuid().ToString();
    private readonly IntervalRecorder _recorder;
    private long _ledgerSeq;
    private readonly List<IntervalCommitted> _committed = [];
    private long _intervals;
    private long _events;
    private long _reachedNs;
    private volatile Exception? _failure;
    private bool _ended;

    private RunJournal(JournalDatabase db, Task<JournalSystem> system, RunStarted started, NetworkModel network, SimTime interval, long snapshotEvery)
    {
        _db = db;
        _system = system;
        _started = started;
        RunId = started.RunId;
        _runId = JournalIds.Run(RunId);
        _entityIds = Enumerable.Range(0, started.EntityCount).Select(e => JournalIds.Entity(RunId, started, e)).ToArray();
        _entitySeq = new long[_entityIds.Length];
        _recorder = new IntervalRecorder(network, interval, Enqueue) { SnapshotEvery = snapshotEvery };
        _thread = new Thread(WriteLoop) { Name = "journal-writer", IsBackground = true };
    }

    public long RunId { get; }

    /// <summary>
    /// How long a write may go unconfirmed before the journal counts as failed (the run then fails, never hangs): a
    /// database that went away mid-run can leave a write unanswered. A write of a whole batch (up to 16 MB) takes well
    /// under a second on a local disk.
    /// </summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>State snapshots saved so far.</summary>
    public long Snapshots { get; private set; }

    /// <summary>The default snapshot interval: every second of virtual time (docs/JOURNAL.md, "Snapshots").</summary>
    public static readonly SimTime DefaultSnapshotInterval = SimTime.FromSeconds(1);

    /// <summary>What the engine feeds (<see cref="ISimulationEngine.Run"/>'s observer).</summary>
    public IRunObserver Observer => _recorder;

    public JournalDatabase Database => _db;

    /// <summary>Adds the run to the catalog and journals its start; the network must not have run yet.</summary>
    /// <param name="snapshotInterval">Save every node's state each time this much virtual time has passed (a multiple of
    /// <paramref name="interval"/>; zero: never).</param>
    public static RunJournal Begin(JournalDatabase db, RunIdentity run, NetworkModel network, SimTime interval, SimTime snapshotInterval = default)
    {
        if (snapshotInterval < SimTime.Zero || snapshotInterval.Nanoseconds % interval.Nanoseconds != 0)
            throw new ArgumentException($"the snapshot interval ({snapshotInterval}) must be a multiple of the journal interval ({interval})", nameof(snapshotInterval));
        var startedUtc = DateTime.UtcNow;
        var (version, commit) = Build();
        long id = RunCatalog.Insert(db, run.Scenario, run.Seed, run.Engine, run.Threads, run.StopAt.Nanoseconds, run.RunFolder, startedUtc,
            interval.Nanoseconds, version, commit);
        var started = new RunStarted
        {
            RunId = id,
            Scenario = run.Scenario,
            ScenarioFile = run.ScenarioFile,
            ScenarioText = run.ScenarioText,
            Seed = run.Seed,
            SeedOverride = run.SeedOverride,
            StopAtNs = run.StopAt.Nanoseconds,
            Engine = run.Engine,
            Threads = run.Threads,
            Sockets = run.Sockets,
            IntervalNs = interval.Nanoseconds,
            SnapshotIntervalNs = snapshotInterval.Nanoseconds,
            Version = version,
            Commit = commit,
            StartedUtc = startedUtc,
            Nodes = network.Nodes.Select(n => n.Name).ToArray(),
            Channels = network.Channels.Select(c => c.Name).ToArray(),
        };
        // Starting Akka.Persistence.Sql takes about a second in a fresh process (JIT, linq2db's mappings): it
        // happens on the writer thread while the run starts; intervals wait in the queue meanwhile.
        var journal = new RunJournal(db, Task.Run(() => JournalSystem.Start(db)), started, network, interval, snapshotInterval.Nanoseconds / interval.Nanoseconds);
        journal._thread.Start();
        return journal;
    }

    /// <summary>
    /// Journals how the run ended, after every interval the engine closed is written. Throws
    /// <see cref="JournalException"/> if any write failed (the catalog then says failed).
    /// </summary>
    public void End(string status, SimTime reached, long events, double wallSeconds, string? digest, string? summaryJson, string? error)
    {
        if (_ended) throw new InvalidOperationException("the run's end is journaled already");
        _ended = true;
        _queue.CompleteAdding();
        if (_thread.IsAlive) _thread.Join();
        var failure = _failure;
        if (failure is not null)
        {
            status = "failed";
            error = (error is null ? "" : error + "; ") + "the journal failed: " + failure.Message;
        }
        var ended = new RunEnded
        {
            Status = status,
            ReachedNs = reached.Nanoseconds,
            Events = events,
            WallSeconds = wallSeconds,
            Digest = digest,
            SummaryJson = summaryJson,
            Error = error,
            EndedUtc = DateTime.UtcNow,
        };
        if (failure is null)
        {
            try
            {
                WriteNow([Ledger(ended)]);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }
        try
        {
            RunCatalog.End(_db, RunId, failure is null ? status : "failed", _intervals, reached.Nanoseconds, events, wallSeconds, digest, ended.EndedUtc,
                failure is null ? summaryJson : null, failure is null ? error : Failed(failure).Message);
        }
        catch (JournalException e) when (failure is not null)
        {
            // The journal's failure is the news; the catalog row, still "running", reads as interrupted once this process ends.
            var f = Failed(failure);
            throw new JournalException($"{f.Problem}; the catalog could not be marked failed either: {e.Problem}", f.Fix, failure);
        }
        if (failure is not null) throw Failed(failure);
    }

    public void Dispose()
    {
        if (!_ended)
        {
            _queue.CompleteAdding();
            if (_thread.IsAlive) _thread.Join();
        }
        _recorder.Detach();
        if (_system.IsCompletedSuccessfully) _system.Result.Dispose();
        _queue.Dispose();
    }

    // The simulation waits while more than MaxQueuedBytes wait to be written: nothing is dropped, memory stays bounded.
    private void Enqueue(IntervalChunks interval)
    {
        if (_failure is { } f) throw Failed(f);
        long bytes = interval.Bytes;
        lock (_queuedLock)
        {
            while (_queuedBytes > 0 && _queuedBytes + bytes > MaxQueuedBytes && _failure is null) Monitor.Wait(_queuedLock, 100);
            _queuedBytes += bytes;
        }
        if (_failure is { } g) throw Failed(g);
        _queue.Add(interval);
    }

    private void Dequeued(long bytes)
    {
        lock (_queuedLock)
        {
            _queuedBytes -= bytes;
            Monitor.PulseAll(_queuedLock);
        }
    }

    private JournalException Failed(Exception cause) =>
        cause as JournalException ?? new JournalException($"the journal of run {RunId} in {_db.Location.Display} failed: {cause.Message}",
            "check the database (disk space, permissions, a PostgreSQL server that stopped); the run is marked failed", cause);

    private void WriteLoop()
    {
        var batch = new List<IntervalChunks>();
        try
        {
            var system = _system.GetAwaiter().GetResult();
            _writer = system.System.ActorOf(JournalWriteActor.Props(system.Journal, system.Snapshots), "writer");
            WriteNow([Ledger(_started)]);
            foreach (var first in _queue.GetConsumingEnumerable())
            {
                batch.Clear();
                batch.Add(first);
                long bytes = first.Bytes;
                int events = first.Chunks.Count + 1;
                while (batch.Count < MaxBatchIntervals && bytes < MaxBatchBytes && _queue.TryTake(out var next))
                {
                    batch.Add(next);
                    bytes += next.Bytes;
                    events += next.Chunks.Count + 1;
                    if (events >= MaxBatchEvents) break;
                }
                Dequeued(bytes);
                var writes = new List<AtomicWrite>();
                var snapshots = new List<(SnapshotMetadata, object)>();
                foreach (var interval in batch)
                {
                    foreach (var c in interval.Chunks)
                        writes.Add(new AtomicWrite(new Persistent(new ChunkEvent(interval.Index, c.Records, c.Fingerprint, c.Bytes),
                            ++_entitySeq[c.Entity], _entityIds[c.Entity], "", false, ActorRefs.NoSender, _writerGuid)));
                    var committed = new IntervalCommitted(interval.Index, interval.EventRecords,
                        interval.Chunks.Select(c => c.Entity).ToArray(), interval.Chunks.Select(c => c.Records).ToArray(),
                        interval.Chunks.Select(c => c.Fingerprint).ToArray(), interval.Chunks.Select(c => c.Hash).ToArray());
                    writes.Add(Ledger(committed));
                    _committed.Add(committed);
                    if (interval.States is { } states)
                    {
                        // Saved once the events they follow are written: the ledger's as of this interval, and the nodes' states.
                        var now = DateTime.UtcNow;
                        snapshots.Add((new SnapshotMetadata(_runId, _ledgerSeq, now), new LedgerSnapshot(_started, _committed.ToArray())));
                        snapshots.Add((new SnapshotMetadata(JournalIds.State(RunId), interval.Index + 1, now),
                            new StateSnapshot(interval.Index, (interval.Index + 1) * _started.IntervalNs, states.Select(Core.Inspection.NodeStateJson.Serialize).ToArray())));
                        Snapshots++;
                    }
                }
                WriteNow(writes);
                SaveNow(snapshots);
                _intervals += batch.Count;
                foreach (var interval in batch) _events += interval.EventRecords;
                _reachedNs = Math.Min(_started.StopAtNs, (batch[^1].Index + 1) * _started.IntervalNs);
                RunCatalog.Progress(_db, RunId, _intervals, _reachedNs, _events);
            }
        }
        catch (Exception e)
        {
            _failure = e;
            lock (_queuedLock) Monitor.PulseAll(_queuedLock);
            // Nothing more is written; the engine learns it at the next interval it closes, and End reports it.
            foreach (var _ in _queue.GetConsumingEnumerable()) { }
        }
    }

    private void SaveNow(IReadOnlyList<(SnapshotMetadata, object)> snapshots)
    {
        if (snapshots.Count == 0) return;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writer.Tell(new JournalWriteActor.Save(snapshots, done));
        Await(done.Task, "snapshot save");
    }

    private void Await(Task task, string what)
    {
        if (!task.Wait(WriteTimeout))
            throw new JournalException($"the database did not confirm a journal {what} of run {RunId} within {WriteTimeout.TotalSeconds:0} s",
                "check the database (a PostgreSQL server or database that went away, a disk that stopped); the run is marked failed");
        task.GetAwaiter().GetResult();
    }

    private AtomicWrite Ledger(IJournalEvent e) =>
        new(new Persistent(e, ++_ledgerSeq, _runId, "", false, ActorRefs.NoSender, _writerGuid));

    private void WriteNow(IReadOnlyList<AtomicWrite> writes)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writer.Tell(new JournalWriteActor.Write(writes, writes.Count, done));
        Await(done.Task, "write");
    }

    /// <summary>ActorNet's version and the git commit it was built from (the SDK appends "+commit" to the informational version).</summary>
    public static (string Version, string Commit) Build()
    {
        string info = typeof(RunJournal).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = info.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (info, "unknown") : (info[..plus], info[(plus + 1)..]);
    }
}
