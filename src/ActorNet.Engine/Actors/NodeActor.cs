using Akka.Actor;

namespace ActorNet.Engine.Actors;

/// <summary>
/// A host or router as an actor: owns a <see cref="NodeRunner"/>, runs a window when the coordinator
/// says so and it holds every arrival batch it was told to expect, then sends one batch per used
/// channel to the link actors and reports to the coordinator.
/// </summary>
public sealed class NodeActor : ReceiveActor
{
    private readonly NodeRunner _runner;
    private readonly IActorRef _coordinator;
    private readonly IReadOnlyList<IActorRef> _links;
    // Arrival batches of windows before the pending/next window (a running total), and those of later windows.
    private long _arrivedBefore;
    private readonly Dictionary<long, int> _arrivedLater = [];
    private RunWindow? _pending;

    public NodeActor(NodeRunner runner, IActorRef coordinator, IReadOnlyList<IActorRef> linksById)
    {
        _runner = runner;
        _coordinator = coordinator;
        _links = linksById;
        Receive<Arrivals>(OnArrivals);
        Receive<RunWindow>(OnRunWindow);
    }

    public static Props Props(NodeRunner runner, IActorRef coordinator, IReadOnlyList<IActorRef> linksById) =>
        Akka.Actor.Props.Create(() => new NodeActor(runner, coordinator, linksById));

    private void OnArrivals(Arrivals a)
    {
        // Safe to queue at once: every event of a window-w batch is at or after window w's end, so it
        // can never be in the past of what this node has handled or is about to handle.
        foreach (var e in a.Events) _runner.Accept(e);
        if (_pending is not null && a.Window < _pending.Window) _arrivedBefore++;
        else _arrivedLater[a.Window] = _arrivedLater.GetValueOrDefault(a.Window) + 1;
        TryRun();
    }

    private void OnRunWindow(RunWindow w)
    {
        if (_pending is not null) throw new InvalidOperationException($"node {_runner.Node.Name}: window {w.Window} while {_pending.Window} is pending");
        _pending = w;
        foreach (var window in _arrivedLater.Keys.Where(k => k < w.Window).ToList())
        {
            _arrivedBefore += _arrivedLater[window];
            _arrivedLater.Remove(window);
        }
        TryRun();
    }

    private void TryRun()
    {
        if (_pending is not { } w) return;
        if (_arrivedBefore < w.ExpectedArrivalBatches) return;   // counted, not hoped: wait for the rest
        if (_arrivedBefore > w.ExpectedArrivalBatches)
            throw new InvalidOperationException($"node {_runner.Node.Name}: {_arrivedBefore} arrival batches, coordinator expected {w.ExpectedArrivalBatches}");
        _pending = null;
        long handled = _runner.RunUntil(w.EndNs);
        var batches = _runner.TakeBatches();
        foreach (var (channel, items) in batches) _links[channel / 2].Tell(new LinkBatch(w.Window, channel, items), Self);
        _coordinator.Tell(new WindowDone(w.Window, _runner.Node.Id, _runner.NextEventNs, batches.Count, handled), Self);
    }
}
