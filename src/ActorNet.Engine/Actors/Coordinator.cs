using System.Diagnostics;
using ActorNet.Core.Time;
using ActorNet.Engine.Actors.Window;
using Akka.Actor;

namespace ActorNet.Engine.Actors;

/// <summary>Follows the run window by window and sets how windows wake nodes (<see cref="Placement.ThreadPacer"/>).</summary>
public interface IWindowPacer
{
    /// <summary>A window closed; <paramref name="eventsSoFar"/> is the run's running total of events handled.</summary>
    void WindowClosed(long eventsSoFar);

    /// <summary>The wake fraction for the next window (<see cref="CoordinatorSettings.WakeFraction"/>).</summary>
    double WakeFraction { get; }

    /// <summary>The nodes of one part handled <paramref name="events"/> events in the window now closing.</summary>
    void PartEvents(int part, long events);
}

/// <summary>What the coordinator needs: the window length, the stop time and each node's first event time.</summary>
public sealed record CoordinatorSettings(SimTime Lookahead, SimTime StopAt, long[] FirstEventNs)
{
    public IProgress<RunProgress>? Progress { get; init; }
    public CancellationToken Cancel { get; init; }
    /// <summary>Follows the run interval by interval; windows then never cross a multiple of its interval.</summary>
    public IRunObserver? Observer { get; init; }
    /// <summary>
    /// Told after every window how many events the run handled so far, and asked for the wake fraction of the next
    /// (the automatic thread choice, <see cref="Placement.ThreadPacer"/>); overrides <see cref="WakeFraction"/>.
    /// </summary>
    public IWindowPacer? Pacer { get; init; }

    /// <summary>
    /// Which nodes a window wakes: those whose next event is before T + this fraction of the lookahead (and
    /// always those at T). 1 wakes every node with an event before the classic end T + L; smaller fractions
    /// wake fewer nodes per window, later, so each runs a longer stretch to its own end (WindowHorizon) and
    /// sends fuller batches: fewer messages per event, more windows. 0.25 measured best at one thread on the
    /// dumbbell and campus (docs/BENCHMARKS-ACTORS.md, "Per-thread cost (issue 11)"). Any value gives the
    /// same events and digest.
    /// </summary>
    public double WakeFraction { get; init; } = 0.25;
}

/// <summary>
/// Advances virtual time in conservative windows [T, T + L) (docs/ARCHITECTURE.md, "The actor
/// engine"). It keeps a lower bound of every node's next event time, wakes only nodes with an event
/// before the window's end, and starts the next window as soon as every woken node reported
/// <see cref="WindowDone"/>. Each report names the link batches the node sent (to which node, and the
/// earliest arrival they can cause); the coordinator counts them per destination and tells each woken
/// node how many arrival batches it must hold before running: delivery is counted, not assumed, and
/// links never report to the coordinator (one message in and one out per woken node per window).
/// Idle time is skipped. At the end it drains: the run is reported only once every announced batch
/// has reached its node.
/// <para>
/// Issue 11 (per-thread cost): a window wakes only the nodes whose next event is near its start
/// (<see cref="CoordinatorSettings.WakeFraction"/>), and each woken node runs to its own end, as far as its
/// neighbours' lower bounds allow (<see cref="Window.WindowHorizon"/>, where the proof is), not only to
/// T + L. Nodes learn nothing new from this: the end is in their <see cref="RunWindow"/>, and the bound their
/// batches are checked against too.
/// </para>
/// </summary>
public sealed class Coordinator : UntypedActor
{
    private readonly CoordinatorSettings _settings;
    private readonly IReadOnlyList<IActorRef> _nodes;
    private readonly IReadOnlyList<IActorRef> _links;
    private readonly IActorRef _reportTo;
    private readonly long[] _next;           // a lower bound of each node's earliest event (long.MaxValue: none)
    private readonly long[] _expected;       // arrival batches sent to each node so far
    private readonly long[] _told;           // _expected[n] when node n was last woken (it held that many when it ran)
    private readonly long[] _wokenIn;        // the last window each node was woken in
    private readonly PriorityQueue<int, long> _byTime = new();   // (node, time); stale entries skipped
    private readonly NodeLink[]?[] _linksOf;  // each node's links, from its first report (null until then)
    private readonly long[] _minDelay;       // a lower bound of each node's smallest link delay (L until it reported its links)
    private readonly long[] _endOf;          // the end of the last window each node was woken in (nothing reaches it before)
    private readonly List<int> _woken = [];
    private long _stopAt;                    // stop-at, or where an interrupted run stops
    private bool _interrupted;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _window = -1;
    private long _windowEnd;
    private int _nodesPending;
    private long _events;
    private double _lastReport;
    private RunFinished? _finishing;
    private int _draining;
    private readonly long _interval;        // the observer's interval (long.MaxValue: no observer)
    private long _currentInterval;          // the interval the last window was in
    private long _nextBoundary;             // where it ends: no window crosses it
    private int _linksFlushing;
    private long _resumeNotBefore;

    // With thread affinity: each node's part, and each part's relay (wakes go through them, reports come back bundled).
    private readonly IReadOnlyList<IActorRef>? _relays;
    private readonly IReadOnlyList<int>? _nodePart;
    private readonly IActorRef[][] _wakeNodes;
    private readonly RunWindow[][] _wakeWindows;
    private readonly int[] _wakeCount;

    public Coordinator(CoordinatorSettings settings, IReadOnlyList<IActorRef> nodesById, IReadOnlyList<IActorRef> links, IActorRef reportTo,
        IReadOnlyList<IActorRef>? partRelays = null, IReadOnlyList<int>? nodePart = null)
    {
        _relays = partRelays;
        _nodePart = nodePart;
        int parts = partRelays?.Count ?? 0;
        _wakeNodes = new IActorRef[parts][];
        _wakeWindows = new RunWindow[parts][];
        _wakeCount = new int[parts];
        _settings = settings;
        _nodes = nodesById;
        _links = links;
        _interval = settings.Observer is { } o ? o.Interval.Nanoseconds : long.MaxValue;
        _nextBoundary = _interval;
        _reportTo = reportTo;
        int n = settings.FirstEventNs.Length;
        _next = (long[])settings.FirstEventNs.Clone();
        _expected = new long[n];
        _told = new long[n];
        _wokenIn = new long[n];
        Array.Fill(_wokenIn, -1);
        _linksOf = new NodeLink[]?[n];
        _minDelay = new long[n];
        Array.Fill(_minDelay, settings.Lookahead.Nanoseconds);
        _endOf = new long[n];
        _stopAt = settings.StopAt.Nanoseconds;
        for (int i = 0; i < n; i++)
            if (_next[i] != long.MaxValue) _byTime.Enqueue(i, _next[i]);
    }

    // A switch, not ReceiveActor's handler table: WindowDone is one of the engine's hottest messages.
    protected override void OnReceive(object message)
    {
        try
        {
            switch (message)
            {
                case WindowDone d: OnWindowDone(d); break;
                case Placement.PartDone p: OnPartDone(p); break;
                case BeginRun: StartWindow(0); break;
                case Drained: OnDrained(); break;
                case LinkFlushed: OnLinkFlushed(); break;
                default: Unhandled(message); break;
            }
        }
        catch (Exception ex) when (ex is not SimulationException)
        {
            throw new SimulationException("coordinator", new SimTime(_windowEnd), ex);
        }
    }

    public static Props Props(CoordinatorSettings settings, IReadOnlyList<IActorRef> nodesById, IReadOnlyList<IActorRef> links, IActorRef reportTo,
        IReadOnlyList<IActorRef>? partRelays = null, IReadOnlyList<int>? nodePart = null) =>
        Akka.Actor.Props.Create(() => new Coordinator(settings, nodesById, links, reportTo, partRelays, nodePart));

    private void StartWindow(long notBefore)
    {
        // Cancellation is seen at window boundaries (after the first window, so an interrupted run always made progress).
        // Nodes may have run past this window's end (WindowHorizon): the run then stops where the furthest one
        // got, after the others caught up to it, so the run reaches one time everywhere.
        if (!_interrupted && _window >= 0 && _settings.Cancel.IsCancellationRequested)
        {
            _interrupted = true;
            _stopAt = Math.Max(notBefore, _endOf.DefaultIfEmpty().Max());
        }
        long stopAt = _stopAt;
        long earliest = PeekEarliest();
        if (earliest >= stopAt)
        {
            Finish(_interrupted ? RunStatus.Interrupted : RunStatus.Completed, new SimTime(stopAt));
            return;
        }
        // Idle time is skipped: the window starts at the earliest pending event. (Not at the last window's end:
        // with a wake fraction below 1, a node with an event before that end may not have been woken yet.)
        long start = earliest;
        if (start >= _nextBoundary)
        {
            CloseInterval(notBefore);
            return;
        }
        long lookahead = _settings.Lookahead.Nanoseconds;
        long cap = Math.Min(stopAt, _nextBoundary);
        long end = Math.Min(cap, WindowHorizon.SaturatingAdd(start, lookahead));
        _window++;
        _windowEnd = end;
        _woken.Clear();
        long wakeBefore = lookahead == long.MaxValue ? end
            : Math.Min(end, Math.Max(start + 1, start + (long)(Math.Clamp(_settings.Pacer?.WakeFraction ?? _settings.WakeFraction, 0, 1) * lookahead)));
        while (_byTime.TryPeek(out int node, out long t) && t < wakeBefore)
        {
            _byTime.Dequeue();
            if (t != _next[node] || _wokenIn[node] == _window) continue;   // stale or duplicate entry
            _wokenIn[node] = _window;
            _woken.Add(node);
        }
        if (_woken.Count == 0) throw new InvalidOperationException($"window {_window} at {new SimTime(start)} woke no node");
        // Each woken node's own end, from the lower bounds as they stand before any of them runs (WindowHorizon).
        foreach (int node in _woken) _endOf[node] = WindowHorizon.End(earliest, end, cap, _linksOf[node], _next, _minDelay);
        _nodesPending = _woken.Count;
        foreach (int node in _woken)
        {
            _next[node] = long.MaxValue;   // unknown until the node reports; batches sent to it lower it meanwhile
            _told[node] = _expected[node];
            Wake(node, new RunWindow(_window, _endOf[node], _expected[node], ArrivalsNotBefore(node, end)));
        }
        SendWakes();
    }

    /// <summary>
    /// What the node's batches of this window can be checked against: an arrival at a neighbour is at or after
    /// the neighbour's end in this window if it was woken, or in the last window it was woken in (WindowHorizon),
    /// and at or after the classic end <paramref name="end"/> in any case.
    /// </summary>
    private long ArrivalsNotBefore(int node, long end)
    {
        if (_linksOf[node] is not { } links) return end;
        long bound = long.MaxValue;
        foreach (var (j, _) in links) bound = Math.Min(bound, Math.Max(end, _endOf[j]));
        return links.Length == 0 ? end : bound;
    }

    private void Wake(int node, RunWindow run)
    {
        if (_relays is null)
        {
            _nodes[node].Tell(run, Self);
            return;
        }
        int part = _nodePart![node];
        int count = _wakeCount[part];
        if (count == 0)
        {
            _wakeNodes[part] = MessageArrays.Rent<IActorRef>(16);
            _wakeWindows[part] = MessageArrays.Rent<RunWindow>(16);
        }
        else if (count == _wakeNodes[part].Length)
        {
            _wakeNodes[part] = Grow(_wakeNodes[part], count);
            _wakeWindows[part] = Grow(_wakeWindows[part], count);
        }
        _wakeNodes[part][count] = _nodes[node];
        _wakeWindows[part][count] = run;
        _wakeCount[part] = count + 1;
    }

    private static T[] Grow<T>(T[] array, int count)
    {
        var bigger = MessageArrays.Rent<T>(2 * count);
        Array.Copy(array, bigger, count);
        MessageArrays.Return(array, count);
        return bigger;
    }

    private void SendWakes()
    {
        for (int part = 0; part < _wakeCount.Length; part++)
        {
            if (_wakeCount[part] == 0) continue;
            _relays![part].Tell(new Placement.PartWake(_window, _wakeNodes[part], _wakeWindows[part], _wakeCount[part]), Self);
            _wakeCount[part] = 0;
        }
    }

    private void OnPartDone(Placement.PartDone done)
    {
        _settings.Pacer?.PartEvents(done.Part, done.Events);
        for (int i = 0; i < done.Count; i++) OnWindowDone(done.Reports[i]);
        MessageArrays.Return(done.Reports, done.Count);
    }

    private long PeekEarliest()
    {
        while (_byTime.TryPeek(out int node, out long t))
        {
            if (t == _next[node]) return t;
            _byTime.Dequeue();
        }
        return long.MaxValue;
    }

    private void OnWindowDone(WindowDone d)
    {
        if (d.Window != _window || _wokenIn[d.Node] != _window)
            throw new InvalidOperationException($"node {d.Node} reported window {d.Window} during window {_window}");
        _nodesPending--;
        _events += d.EventsHandled;
        if (d.Links is { } links && _linksOf[d.Node] is null)
        {
            _linksOf[d.Node] = links;
            _minDelay[d.Node] = links.Length == 0 ? long.MaxValue : links.Min(l => l.DelayNs);
        }
        Lower(d.Node, d.NextEventNs);
        foreach (var b in d.Batches)
        {
            if (b.EarliestArrivalNs < _windowEnd || b.EarliestArrivalNs < _endOf[b.Destination])
                throw new InvalidOperationException($"channel {b.Channel} can deliver at {new SimTime(b.EarliestArrivalNs)}, inside window {_window} ending {new SimTime(Math.Max(_windowEnd, _endOf[b.Destination]))} at node {b.Destination}: lookahead violated");
            _expected[b.Destination]++;
            Lower(b.Destination, b.EarliestArrivalNs);
        }
        MessageArrays.Return(d.Sent, d.SentCount);
        if (_nodesPending != 0) return;
        _settings.Pacer?.WindowClosed(_events);
        if (_settings.Progress is { } progress && _clock.Elapsed.TotalSeconds - _lastReport > 0.5)
        {
            _lastReport = _clock.Elapsed.TotalSeconds;
            progress.Report(new RunProgress(new SimTime(_windowEnd), _settings.StopAt, _events, _lastReport));
        }
        StartWindow(_windowEnd);
    }

    private void Lower(int node, long t)
    {
        if (t >= _next[node]) return;
        _next[node] = t;
        _byTime.Enqueue(node, t);
    }

    /// <summary>
    /// Links carry batches while the next window already runs; before the run is reported, every batch
    /// announced must have been carried (channel counters and traces are part of the digest). A node that
    /// was sent batches since it last ran is asked to confirm it holds them all.
    /// </summary>
    private void Finish(RunStatus status, SimTime reached)
    {
        _finishing = new RunFinished(status, reached, _events, _window + 1);
        for (int n = 0; n < _nodes.Count; n++)
        {
            if (_expected[n] == _told[n]) continue;
            _draining++;
            _nodes[n].Tell(new Drain(_expected[n]), Self);
        }
        if (_draining == 0) Report();
    }

    private void OnDrained()
    {
        if (_finishing is null || _draining <= 0) throw new InvalidOperationException("a node reported drained, but the run is not finishing");
        if (--_draining == 0) Report();
    }

    // Every batch is carried once drained, so every channel's records are in: the last interval closes.
    private void Report()
    {
        _settings.Observer?.IntervalClosed(_currentInterval);
        _reportTo.Tell(_finishing, Self);
    }

    /// <summary>
    /// The next window would start in a later interval: first every link carries what the windows
    /// before sent it (their channels' records belong to the closing interval), then the observer
    /// closes the interval, then the window starts.
    /// </summary>
    private void CloseInterval(long notBefore)
    {
        _resumeNotBefore = notBefore;
        _linksFlushing = _links.Count;
        if (_linksFlushing == 0)
        {
            IntervalFlushed();
            return;
        }
        foreach (var link in _links) link.Tell(FlushLink.Instance, Self);
    }

    private void OnLinkFlushed()
    {
        if (_linksFlushing <= 0) throw new InvalidOperationException("a link reported flushed, but no interval is closing");
        if (--_linksFlushing == 0) IntervalFlushed();
    }

    private void IntervalFlushed()
    {
        _settings.Observer!.IntervalClosed(_currentInterval);
        _currentInterval = Math.Max(_resumeNotBefore, PeekEarliest()) / _interval;
        _nextBoundary = Reference.ReferenceEngine.IntervalEnd(_currentInterval, _interval);
        StartWindow(_resumeNotBefore);
    }
}
