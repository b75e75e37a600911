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

    private Write? _current;
    private int _remaining;

    public JournalWriteActor(IActorRef journal)
    {
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

    public static Props Props(IActorRef journal) => Akka.Actor.Props.Create(() => new JournalWriteActor(journal));

    private void Fail(Exception cause)
    {
        var done = _current?.Done;
        _current = null;
        done?.TrySetException(cause);
    }
}
