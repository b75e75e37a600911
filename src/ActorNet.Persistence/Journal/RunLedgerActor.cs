using Akka.Actor;
using Akka.Persistence;

namespace ActorNet.Persistence.Journal;

/// <summary>
/// A run's ledger as a persistent actor (persistence id <c>run-N</c>): it recovers the run's record from the
/// latest <see cref="LedgerSnapshot"/> and the events after it (<see cref="RunStarted"/>, one
/// <see cref="IntervalCommitted"/> per interval, <see cref="RunEnded"/>), hands it over and stops. This is how
/// <see cref="RunArchive.Load"/> reads a run: recovery from a snapshot replays only the intervals since.
/// The writer (<see cref="RunJournal"/>) writes these events and snapshots for many persistence ids at once
/// through the journal plugin; the actor reads them as any persistent actor reads its own.
/// </summary>
public sealed class RunLedgerActor : ReceivePersistentActor
{
    private readonly TaskCompletionSource<RunRecord?> _recovered;
    private RunStarted? _started;
    private List<IntervalCommitted> _intervals = [];
    private RunEnded? _ended;

    public RunLedgerActor(long runId, TaskCompletionSource<RunRecord?> recovered)
    {
        PersistenceId = JournalIds.Run(runId);
        _recovered = recovered;
        Recover<SnapshotOffer>(offer =>
        {
            var s = (LedgerSnapshot)offer.Snapshot;
            _started = s.Started;
            _intervals = [.. s.Intervals];
            SnapshotUsed = true;
        });
        Recover<RunStarted>(e => _started = e);
        Recover<IntervalCommitted>(e => _intervals.Add(e));
        Recover<RunEnded>(e => _ended = e);
        Recover<RecoveryCompleted>(_ =>
        {
            _recovered.TrySetResult(_started is null ? null : new RunRecord(_started, _intervals, _ended) { RecoveredFromSnapshot = SnapshotUsed });
            Context.Stop(Self);
        });
    }

    public override string PersistenceId { get; }

    private bool SnapshotUsed { get; set; }

    public static Props Props(long runId, TaskCompletionSource<RunRecord?> recovered) =>
        Akka.Actor.Props.Create(() => new RunLedgerActor(runId, recovered));

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _recovered.TrySetException(new InvalidDataException($"run {PersistenceId}: its journal cannot be recovered: {reason.Message}", reason));
        base.OnRecoveryFailure(reason, message);
    }
}
