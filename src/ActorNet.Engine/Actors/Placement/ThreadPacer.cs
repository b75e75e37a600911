namespace ActorNet.Engine.Actors.Placement;

/// <summary>
/// The automatic thread choice (docs/ARCHITECTURE.md, "Thread affinity"): every <see cref="Span"/> windows it looks
/// at how many events a window held, and keeps all of the team's threads working only when windows are full
/// enough to pay for handing work between cores; otherwise one thread runs every part. A near-empty window
/// (the TCP dumbbell: 9.5 events) costs several cross-core hand-offs per event on two threads, and two threads
/// were 3× slower than one there (docs/BENCHMARKS-ACTORS.md). It reads event counts, never clocks, so its choices
/// are the same on every run of a scenario; and no result depends on them anyway.
/// </summary>
public sealed class ThreadPacer(ThreadTeam team, int minEventsPerWindow = ThreadPacer.DefaultMinEventsPerWindow)
{
    /// <summary>Windows between two choices.</summary>
    public const int Span = 64;

    /// <summary>Events per window from which all threads work (measured: docs/BENCHMARKS-ACTORS.md, "Thread affinity").</summary>
    public const int DefaultMinEventsPerWindow = 200;

    private long _eventsAtLastChoice;
    private int _windows;

    /// <summary>Starts on one thread: a run too short for a first choice is a small run.</summary>
    public ThreadPacer Start()
    {
        team.ActiveThreads = 1;
        return this;
    }

    /// <summary>A window closed; <paramref name="eventsSoFar"/> is the run's running total of events handled.</summary>
    public void WindowClosed(long eventsSoFar)
    {
        if (++_windows < Span) return;
        long events = eventsSoFar - _eventsAtLastChoice;
        team.ActiveThreads = events >= (long)minEventsPerWindow * _windows ? team.Threads : 1;
        _eventsAtLastChoice = eventsSoFar;
        _windows = 0;
    }
}
