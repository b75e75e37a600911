using ActorNet.Core.Apps;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Engine.Actors;
using ActorNet.Engine.Reference;
using ActorNet.Results;

namespace ActorNet.Engine.Tests;

/// <summary>
/// A run that ends before its planned stop (interrupted, or an engine run to an earlier time) has time
/// series that end where the run did: no queue slices, window samples or plotted points after the
/// virtual time reached, and none zero-filled up to the planned stop.
/// </summary>
public class TimeSeriesEndTests
{
    /// <summary>Cancels a token from inside the run at its start time, so the interruption comes at a known virtual time on every engine.</summary>
    private sealed class CancelApp(CancellationTokenSource cancel) : IApp
    {
        public string Name => "cancel";
        public void Start(IAppContext ctx) => cancel.Cancel();
        public void OnTimer(IAppContext ctx, long token) { }
        public AppReport Report() => new CancelReport { Name = Name, Node = "h1" };
    }

    private sealed record CancelReport : AppReport
    {
        public override string Type => "cancel";
    }

    private static ISimulationEngine Engine(string name) => name == "actors" ? new ActorEngine(2) : new ReferenceEngine();

    /// <summary>Runs <paramref name="scenario"/> (built for its own stop-at) on an engine interrupted at <paramref name="cancelAt"/>.</summary>
    private static (NetworkModel Network, EngineRun Run) RunInterrupted(Scenario scenario, string engine, SimTime cancelAt)
    {
        var network = NetworkBuilder.Build(scenario);
        using var cancel = new CancellationTokenSource();
        ((Host)network["h1"]).AddApp(new CancelApp(cancel), cancelAt);
        var run = Engine(engine).Run(network, scenario.StopAt, cancel: cancel.Token);
        Assert.Equal(RunStatus.Interrupted, run.Status);
        // The reference engine looks at the token every 16,384 events, the actor engine at the next window:
        // either way shortly after the cancel, long before the planned stop.
        Assert.InRange(run.Reached.Nanoseconds, cancelAt.Nanoseconds, (scenario.StopAt - SimTime.FromSeconds(1)).Nanoseconds);
        return (network, run);
    }

    private static void AssertQueuesEndAtReached(RunTraces traces, SimTime reached, SimTime plannedStop)
    {
        var queue = Assert.Single(traces.Queues, q => q.Node == "r1" && q.Peer == "h2");
        // 2,000 slices over the planned run; only those that start before the time reached.
        long width = (plannedStop.Nanoseconds + 1999) / 2000;
        Assert.All(queue.Points, p => Assert.True(p.Start < reached, $"slice at {p.Start} is after the time reached, {reached}"));
        Assert.True(queue.Points[^1].Start.Nanoseconds >= reached.Nanoseconds - width, $"the series stops at {queue.Points[^1].Start}, short of {reached}");
        // The bottleneck is full (100 packets) from ~0.1 s to the end of what ran: no zero slice at the end.
        Assert.True(100 == queue.Points[^1].MaxPackets, $"reached {reached}, last slices {string.Join(", ", queue.Points.TakeLast(3))}");
        // Plotted as steps, the last slice's value holds until the time reached, and no further.
        var plotted = Assert.Single(QueuePlot.Series(traces), s => s.Label == "r1 eth1 → h2");
        Assert.Equal(reached.TotalSeconds, plotted.Xs[^1], 9);
        Assert.Equal(100, plotted.Ys[^1]);
        Assert.All(QueuePlot.Series(traces), s => Assert.True(s.Xs.Max() <= reached.TotalSeconds, $"{s.Label} is plotted to {s.Xs.Max()} s, after {reached}"));
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("actors")]
    public void An_interrupted_run_has_queue_series_that_end_at_the_time_reached(string engine)
    {
        var scenario = ScenarioRuns.Load("droptail.conf");
        var (network, run) = RunInterrupted(scenario, engine, SimTime.FromSeconds(3));
        AssertQueuesEndAtReached(RunTraces.Collect(network, run.Reached), run.Reached, scenario.StopAt);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("actors")]
    public void An_engine_stopped_before_the_planned_stop_has_queue_series_that_end_there(string engine)
    {
        // The network (and its queue histories) are built for the scenario's 12 s; the engine is run to 4 s.
        var scenario = ScenarioRuns.Load("droptail.conf");
        var network = NetworkBuilder.Build(scenario);
        var run = Engine(engine).Run(network, SimTime.FromSeconds(4));
        Assert.Equal((RunStatus.Completed, SimTime.FromSeconds(4)), (run.Status, run.Reached));
        AssertQueuesEndAtReached(RunTraces.Collect(network, run.Reached), run.Reached, scenario.StopAt);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("actors")]
    public void An_interrupted_tcp_run_has_window_series_that_end_at_the_time_reached(string engine)
    {
        var scenario = ScenarioRuns.Load("tcp-bottleneck.conf");
        var (network, run) = RunInterrupted(scenario, engine, SimTime.FromSeconds(2));
        var traces = RunTraces.Collect(network, run.Reached);
        Assert.Equal(run.Reached, traces.Reached);
        var sender = Assert.Single(traces.Windows, w => w.BytesSent > 0);
        Assert.All(sender.Samples, s => Assert.True(s.At <= run.Reached, $"window sample at {s.At} after {run.Reached}"));
        // The flow still runs at the interruption: its plotted windows reach the time reached, and no further.
        foreach (var panel in WindowPlot.Panels(traces))
            foreach (var series in panel.Series)
            {
                Assert.True(series.Xs[^1] <= run.Reached.TotalSeconds, $"{series.Label} is plotted to {series.Xs[^1]} s, after {run.Reached}");
                Assert.Equal(run.Reached.TotalSeconds, series.Xs[^1], 9);
            }
    }
}
