using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp.Harness;

/// <summary>A tiny deterministic event loop: events run in (time, insertion order).</summary>
internal sealed class SimLoop
{
    private readonly PriorityQueue<Action, (long Time, long Seq)> _queue = new();
    private long _seq;

    public SimTime Now { get; private set; }
    public long EventsRun { get; private set; }

    public void At(SimTime t, Action action)
    {
        if (t < Now) throw new InvalidOperationException($"event at {t} is in the past (now {Now})");
        _queue.Enqueue(action, (t.Nanoseconds, _seq++));
    }

    /// <summary>Runs every event up to and including <paramref name="end"/>; time then stands at <paramref name="end"/>.</summary>
    public void RunUntil(SimTime end, long maxEvents = 5_000_000)
    {
        while (_queue.TryPeek(out _, out var key) && key.Time <= end.Nanoseconds)
        {
            if (++EventsRun > maxEvents) throw new InvalidOperationException($"more than {maxEvents} events: a loop?");
            var action = _queue.Dequeue();
            Now = new SimTime(key.Time);
            action();
        }
        if (end > Now) Now = end;
    }

    public void RunFor(SimTime span) => RunUntil(Now + span);
}
