using ActorNet.Core.Time;

namespace ActorNet.Engine;

/// <summary>
/// The seam through which the layers above an engine (the journal, docs/JOURNAL.md) follow a run
/// as virtual time passes, without being inside the engine. Virtual time is cut into intervals
/// [k·I, (k+1)·I); the engine closes them in order, on one thread, while every entity is idle.
/// </summary>
public interface IRunObserver
{
    /// <summary>The interval length I (&gt; 0). The actor engine ends a window at every multiple of it.</summary>
    SimTime Interval { get; }

    /// <summary>
    /// Interval <paramref name="index"/> is over as far as the entities' traces go: every event before
    /// (index + 1)·I is handled, every channel has carried every transmission that started before then,
    /// and no event at or after it has been handled. Called once for each interval that may hold
    /// records (intervals in which nothing happened may be skipped), and once more when the run ends,
    /// for the interval the run stopped in.
    /// </summary>
    void IntervalClosed(long index);
}
