using Akka.Actor;
using Akka.Persistence;

namespace ActorNet.Persistence.Journal;

/// <summary>
/// Writes batches of events for many persistence ids straight to the journal plugin (the protocol a persistent actor
/// uses under Persist: <see cref="WriteMessages"/> with one <see cref="AtomicWrite"/> per id), one batch at a time,
/// and completes each batch's task when every event is confirmed. This is the "recorder" of docs/ARCHITECTURE.md:
/// one writer for all of a run's entities, because on SQLite every Persist call of a separate actor is its own
/// transaction (AKKA-NOTES §3).
/// </summary>
internal sealed class JournalWriteActor : ReceiveActor
{
    public sealed record Write(IReadOnlyList<AtomicWrite> Writes, int Events, TaskCompletionSource Done);

    /// <summary>Snapshots to save (after the events they follow are written).</summary>
    public sealed record Save(IReadOnlyList<(SnapshotMetadata Metadata, object Snapshot)> Snapshots, TaskCompletionSource Done);

    private Write? _current;
    private int _remaining;
    private Save? _saving;
    private int _toSave;

    public JournalWriteActor(IActorRef journal, IActorRef snapshots)
    {
        Receive<Save>(s =>
        {
            if (_saving is not null) throw new InvalidOperationException("one snapshot save at a time");
            if (s.Snapshots.Count == 0)
            {
                s.Done.TrySetResult();
                return;
            }
            _saving = s;
            _toSave = s.Snapshots.Count;
            foreach (var (metadata, snapshot) in s.Snapshots) snapshots.Tell(new SaveSnapshot(metadata, snapshot));
        });
        Receive<SaveSnapshotSuccess>(_ =>
        {
            if (_saving is null || --_toSave > 0) return;
            var done = _saving.Done;
            _saving = null;
            done.TrySetResult();
        });
        Receive<SaveSnapshotFailure>(f =>
        {
            var done = _saving?.Done;
            _saving = null;
            done?.TrySetException(f.Cause);
        });
        Receive<Write>(w =>
        {
            if (_current is not null) throw new InvalidOperationException("one journal write at a time");
            _current = w;
            _remaining = w.Events;
            journal.Tell(new WriteMessages(w.Writes, Self, 1));
        });
        Receive<WriteMessagesSuccessful>(_ => { });
        Receive<WriteMessageSuccess>(_ =>
        {
            if (_current is null || --_remaining > 0) return;
            var done = _current.Done;
            _current = null;
            done.TrySetResult();
        });
        Receive<WriteMessagesFailed>(f => Fail(f.Cause));
        Receive<WriteMessageRejected>(r => Fail(r.Cause));
        Receive<WriteMessageFailure>(r => Fail(r.Cause));
    }

    public static Props Props(IActorRef journal, IActorRef snapshots) => Akka.Actor.Props.Create(() => new JournalWriteActor(journal, snapshots));

    private void Fail(Exception cause)
    {
        var done = _current?.Done;
        _current = null;
        done?.TrySetException(cause);
    }
}
