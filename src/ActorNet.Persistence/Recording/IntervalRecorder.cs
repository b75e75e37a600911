using ActorNet.Core.Inspection;
using ActorNet.Core.Network;
using ActorNet.Core.Time;
using ActorNet.Core.Tracing;
using ActorNet.Engine;

namespace ActorNet.Persistence.Recording;

/// <summary>
/// The journal's side of the engine seam (<see cref="IRunObserver"/>): gives every node and channel a
/// <see cref="TraceJournal"/>, and when the engine closes an interval, takes each entity's records as one
/// chunk and hands the interval to <paramref name="sink"/> (the journal writer, or a test). It runs on the
/// engine's closing thread while every entity is idle, so it only swaps buffers.
/// </summary>
public sealed class IntervalRecorder : IRunObserver
{
    private readonly NetworkModel _network;
    private readonly NodeTrace[] _traces;
    private readonly TraceJournal[] _journals;
    private readonly Action<IntervalChunks> _sink;
    private long _lastClosed = -1;

    public IntervalRecorder(NetworkModel network, SimTime interval, Action<IntervalChunks> sink)
    {
        if (interval <= SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "the journal interval must be > 0");
        Interval = interval;
        _sink = sink;
        _network = network;
        _traces = network.Nodes.Select(n => n.Trace).Concat(network.Channels.Select(c => c.Trace)).ToArray();
        _journals = new TraceJournal[_traces.Length];
        for (int i = 0; i < _traces.Length; i++)
        {
            if (_traces[i].Records != 0) throw new InvalidOperationException("the recorder must be attached before the run starts");
            _traces[i].Journal = _journals[i] = new TraceJournal();
        }
    }

    public SimTime Interval { get; }

    /// <summary>
    /// Take every node's state (<see cref="NodeInspector"/>) at the end of each interval whose end is a multiple of
    /// this many intervals (0: never). Taken where the engine closes the interval, while every entity is idle.
    /// </summary>
    public long SnapshotEvery { get; init; }

    /// <summary>Intervals handed to the sink so far.</summary>
    public long IntervalsWritten { get; private set; }

    public void IntervalClosed(long index)
    {
        // Engines may close the interval they stopped in twice (the end of the run); the second finds nothing.
        if (index < _lastClosed) throw new InvalidOperationException($"interval {index} closed after interval {_lastClosed}");
        _lastClosed = index;
        List<EntityChunk>? chunks = null;
        long events = 0;
        for (int i = 0; i < _journals.Length; i++)
        {
            events += _journals[i].PendingEvents;
            var bytes = _journals[i].TakeChunk();
            if (bytes is null) continue;
            (chunks ??= []).Add(new EntityChunk(i, _traces[i].Records, _traces[i].Fingerprint, bytes));
        }
        if (chunks is null) return;
        IntervalsWritten++;
        IReadOnlyList<NodeState>? states = null;
        if (SnapshotEvery > 0 && (index + 1) % SnapshotEvery == 0)
        {
            var at = new SimTime((index + 1) * Interval.Nanoseconds);
            states = _network.Nodes.Select(n => NodeInspector.Inspect(n, at)).ToArray();
        }
        _sink(new IntervalChunks(index, chunks, events) { States = states });
    }

    /// <summary>Detaches the journals (a network is run once, but tests reuse nothing by accident this way).</summary>
    public void Detach()
    {
        foreach (var t in _traces) t.Journal = null;
    }
}
