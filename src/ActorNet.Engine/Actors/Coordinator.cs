using System.Diagnostics;
using ActorNet.Core.Time;
using Akka.Actor;

namespace ActorNet.Engine.Actors;

/// <summary>What the coordinator needs: the window length, the stop time and each node's first event time.</summary>
public sealed record CoordinatorSettings(SimTime Lookahead, SimTime StopAt, long[] FirstEventNs)
{
    public IProgress<RunProgress>? Progress { get; init; }
    public CancellationToken Cancel { get; init; }
}

/// <summary>
/// Advances virtual time in conservative windows [T, T + L) (docs/ARCHITECTURE.md, "The actor
/// engine"). It knows every node's next event time, wakes only nodes with an event before the
/// window's end, and starts the next window only when every woken node reported
/// <see cref="WindowDone"/> and every link batch those reports announced was carried
/// (<see cref="LinkDone"/>). It then tells each woken node how many arrival batches it must hold
/// before running: delivery is counted, not assumed. Idle time is skipped.
/// </summary>
public sealed class Coordinator : ReceiveActor
{
    private readonly CoordinatorSettings _settings;
    private readonly IReadOnlyList<IActorRef> _nodes;
    private readonly IActorRef _reportTo;
    private readonly long[] _next;           // each node's earliest known event (long.MaxValue: none)
    private readonly long[] _expected;       // arrival batches sent to each node so far
    private readonly long[] _wokenIn;        // the last window each node was woken in
    private readonly PriorityQueue<int, long> _byTime = new();   // (node, time); stale entries skipped
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _window = -1;
    private long _windowEnd;
    private int _nodesPending;
    private long _batchesPending;
    private long _events;
    private double _lastReport;

    public Coordinator(CoordinatorSettings settings, IReadOnlyList<IActorRef> nodesById, IActorRef reportTo)
    {
        _settings = settings;
        _nodes = nodesById;
        _reportTo = reportTo;
        int n = settings.FirstEventNs.Length;
        _next = (long[])settings.FirstEventNs.Clone();
        _expected = new long[n];
        _wokenIn = new long[n];
        Array.Fill(_wokenIn, -1);
        for (int i = 0; i < n; i++)
            if (_next[i] != long.MaxValue) _byTime.Enqueue(i, _next[i]);
        Receive<BeginRun>(_ => Guard(() => StartWindow(0)));
        Receive<WindowDone>(d => Guard(() => OnWindowDone(d)));
        Receive<LinkDone>(d => Guard(() => OnLinkDone(d)));
    }

    public static Props Props(CoordinatorSettings settings, IReadOnlyList<IActorRef> nodesById, IActorRef reportTo) =>
        Akka.Actor.Props.Create(() => new Coordinator(settings, nodesById, reportTo));

    private void Guard(Action step)
    {
        try
        {
            step();
        }
        catch (Exception ex) when (ex is not SimulationException)
        {
            throw new SimulationException("coordinator", new SimTime(_windowEnd), ex);
        }
    }

    private void StartWindow(long notBefore)
    {
        long stopAt = _settings.StopAt.Nanoseconds;
        // Cancellation is seen at window boundaries (after the first window, so an interrupted run always made progress).
        if (_window >= 0 && _settings.Cancel.IsCancellationRequested)
        {
            Finish(RunStatus.Interrupted, new SimTime(notBefore));
            return;
        }
        long earliest = PeekEarliest();
        if (earliest >= stopAt)
        {
            Finish(RunStatus.Completed, _settings.StopAt);
            return;
        }
        // Idle time is skipped: the window starts at the earliest pending event if that is later.
        long start = Math.Max(notBefore, earliest);
        long lookahead = _settings.Lookahead.Nanoseconds;
        long end = lookahead >= stopAt - start ? stopAt : start + lookahead;
        _window++;
        _windowEnd = end;
        _nodesPending = 0;
        _batchesPending = 0;
        while (_byTime.TryPeek(out int node, out long t) && t < end)
        {
            _byTime.Dequeue();
            if (t != _next[node] || _wokenIn[node] == _window) continue;   // stale or duplicate entry
            _wokenIn[node] = _window;
            _next[node] = long.MaxValue;   // unknown until the node reports; arrivals lower it meanwhile
            _nodesPending++;
            _nodes[node].Tell(new RunWindow(_window, end, _expected[node]), Self);
        }
        if (_nodesPending == 0) throw new InvalidOperationException($"window {_window} at {new SimTime(start)} woke no node");
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
        _batchesPending += d.BatchesSent;
        _events += d.EventsHandled;
        Lower(d.Node, d.NextEventNs);
        MaybeComplete();
    }

    private void OnLinkDone(LinkDone d)
    {
        if (d.Window != _window) throw new InvalidOperationException($"channel {d.Channel} reported window {d.Window} during window {_window}");
        _batchesPending--;
        if (d.ArrivalBatches > 0)
        {
            if (d.EarliestArrivalNs < _windowEnd)
                throw new InvalidOperationException($"channel {d.Channel} produced an arrival at {new SimTime(d.EarliestArrivalNs)}, inside window {_window} ending {new SimTime(_windowEnd)}: lookahead violated");
            _expected[d.DestinationNode] += d.ArrivalBatches;
            Lower(d.DestinationNode, d.EarliestArrivalNs);
        }
        MaybeComplete();
    }

    private void Lower(int node, long t)
    {
        if (t >= _next[node]) return;
        _next[node] = t;
        _byTime.Enqueue(node, t);
    }

    private void MaybeComplete()
    {
        // Once every woken node has reported, every batch is announced; a LinkDone may come before
        // the WindowDone that announced it (different senders), hence the signed count.
        if (_nodesPending != 0 || _batchesPending != 0) return;
        if (_settings.Progress is { } progress && _clock.Elapsed.TotalSeconds - _lastReport > 0.5)
        {
            _lastReport = _clock.Elapsed.TotalSeconds;
            progress.Report(new RunProgress(new SimTime(_windowEnd), _settings.StopAt, _events, _lastReport));
        }
        StartWindow(_windowEnd);
    }

    private void Finish(RunStatus status, SimTime reached) =>
        _reportTo.Tell(new RunFinished(status, reached, _events, _window + 1), Self);
}
