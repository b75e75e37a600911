using System.Diagnostics;
using ActorNet.Core.Network;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;

namespace ActorNet.Engine.Reference;

/// <summary>
/// The sequential reference engine (DESIGN §1): one priority queue ordered by the total event key,
/// driving the node logic one event at a time. It is the oracle the parallel engine must match
/// digest for digest, and the baseline it must beat.
/// </summary>
public sealed class ReferenceEngine : ISimulationEngine, IEventSink
{
    private readonly EventQueue _queue = new();
    private NetworkModel? _network;

    public string Name => "reference";

    public void Schedule(in SimEvent e) => _queue.Push(e);

    public EngineRun Run(NetworkModel network, SimTime stopAt, IProgress<RunProgress>? progress = null, CancellationToken cancel = default,
        IRunObserver? observer = null)
    {
        if (_network is not null) throw new InvalidOperationException("an engine instance runs one network once");
        _network = network;
        var nodes = network.Nodes;
        var clock = Stopwatch.StartNew();
        foreach (var node in nodes) node.Start(this);

        long events = 0;
        long lastReportTicks = 0;
        var reached = SimTime.Zero;
        var status = RunStatus.Completed;
        long interval = observer is null ? long.MaxValue : observer.Interval.Nanoseconds;
        long currentInterval = 0;
        long nextBoundary = interval;
        while (_queue.Count > 0)
        {
            if (_queue.PeekKey.Time >= stopAt.Nanoseconds) break;
            var e = _queue.Pop();
            reached = e.Key.At;
            if (e.Key.Time >= nextBoundary)
            {
                observer!.IntervalClosed(currentInterval);
                currentInterval = e.Key.Time / interval;
                nextBoundary = IntervalEnd(currentInterval, interval);
            }
            try
            {
                var node = nodes[e.Node];
                node.Handle(e, this);
                node.RunSocketCallsInPlace(reached, this);
            }
            catch (Exception ex)
            {
                throw new SimulationException(nodes[e.Node].Name, reached, ex);
            }
            if ((++events & 0x3FFF) == 0)
            {
                if (cancel.IsCancellationRequested)
                {
                    status = RunStatus.Interrupted;
                    break;
                }
                long ticks = clock.ElapsedTicks;
                if (progress is not null && ticks - lastReportTicks > Stopwatch.Frequency / 2)
                {
                    lastReportTicks = ticks;
                    progress.Report(new RunProgress(reached, stopAt, events, clock.Elapsed.TotalSeconds));
                }
            }
        }
        if (status == RunStatus.Completed) reached = stopAt;
        observer?.IntervalClosed(currentInterval);
        return new EngineRun(status, reached, events, clock.Elapsed.TotalSeconds);
    }

    /// <summary>(index + 1)·interval, or never if that is past the end of time.</summary>
    internal static long IntervalEnd(long index, long interval) =>
        index >= long.MaxValue / interval - 1 ? long.MaxValue : (index + 1) * interval;
}
