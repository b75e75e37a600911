namespace ActorNet.Engine.Actors.Placement;

/// <summary>
/// The automatic thread choice (docs/ARCHITECTURE.md, "Thread affinity"): every <see cref="Span"/> windows it looks
/// at how many events a window held, and keeps all of the team's threads working only when windows are full
/// enough to pay for handing work between cores; otherwise one thread runs every part. A near-empty window
/// (the TCP dumbbell: 9.5 events) costs several cross-core hand-offs per event on two threads, and two threads
/// were 3× slower than one there (docs/BENCHMARKS-ACTORS.md).
/// <para>
/// It sets the wake fraction with the threads: on one thread a window wakes only nodes near its start (fewer
/// messages per event); on all threads every node with an event before the classic end (fewer, fuller windows:
/// fewer barriers). Events per window depend on that choice, so going up and coming down have their own
/// thresholds (<see cref="UpAt"/>, <see cref="DownBelow"/>).
/// </para>
/// <para>
/// It reads event counts, never clocks, so its choices are the same on every run of a scenario; and no result
/// depends on them anyway (any thread may run any mailbox, and every node handles its events in key order).
/// </para>
/// </summary>
public sealed class ThreadPacer(ThreadTeam team) : IWindowPacer
{
    /// <summary>Windows between two choices.</summary>
    public const int Span = 64;

    /// <summary>On one thread: events per window from which all threads work.</summary>
    public int UpAt { get; init; } = 150;

    /// <summary>On all threads: events per window below which one thread works.</summary>
    public int DownBelow { get; init; } = 300;

    /// <summary>The wake fraction on one thread and on all.</summary>
    public double OneThreadWakeFraction { get; init; } = 0.25;
    public double AllThreadsWakeFraction { get; init; } = 1.0;

    private readonly long[] _partEvents = new long[team.Parts];
    private long _eventsAtLastChoice;
    private int _windows;

    /// <summary>Whether it chooses the thread count (the engine's default) or only balances a count that was asked for.</summary>
    public bool ChoosesThreads { get; init; } = true;

    /// <summary>A wake fraction that was asked for (it then never changes).</summary>
    public double? FixedWakeFraction { get; init; }

    public double WakeFraction => FixedWakeFraction ?? (team.ActiveThreads == 1 ? OneThreadWakeFraction : AllThreadsWakeFraction);

    /// <summary>Starts on one thread: a run too short for a first choice is a small run.</summary>
    public ThreadPacer Start()
    {
        team.ActiveThreads = 1;
        return this;
    }

    public void PartEvents(int part, long events) => _partEvents[part] += events;

    /// <summary>Every span: how many threads, and (on more than one) which parts each takes, by the parts' events.</summary>
    public void WindowClosed(long eventsSoFar)
    {
        if (++_windows < Span) return;
        if (ChoosesThreads)
        {
            long perWindow = (eventsSoFar - _eventsAtLastChoice) / _windows;
            bool all = team.ActiveThreads > 1 ? perWindow >= DownBelow : perWindow >= UpAt;
            team.ActiveThreads = all ? team.Threads : 1;
        }
        if (team.ActiveThreads > 1) team.Balance(_partEvents);
        Array.Clear(_partEvents);
        _eventsAtLastChoice = eventsSoFar;
        _windows = 0;
    }
}
