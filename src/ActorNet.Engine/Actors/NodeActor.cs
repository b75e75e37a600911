using ActorNet.Core.Simulation;
using ActorNet.Core.Sockets;
using Akka.Actor;

namespace ActorNet.Engine.Actors;

/// <summary>
/// A host or router as an actor: owns a <see cref="NodeRunner"/>, runs a window when the coordinator
/// says so and it holds every arrival batch it was told to expect, then sends one batch per used
/// channel to the link actors and reports to the coordinator, naming those batches. A host's sockets
/// are its children (<see cref="SocketActor"/>): when a step queues a socket turn, the window pauses
/// until that socket answers, then goes on in order.
/// </summary>
public sealed class NodeActor : UntypedActor
{
    private readonly NodeRunner _runner;
    private readonly IActorRef _coordinator;
    private readonly IReadOnlyList<IActorRef> _links;
    private readonly List<NodeRunner.OutBatch> _batches = [];
    // Arrival batches of windows before the pending window (a running total), those of later windows
    // (only the pending window's own can overtake its RunWindow, see ARCHITECTURE), and all of them.
    private long _arrivedBefore;
    private readonly Dictionary<long, int> _arrivedLater = [];
    private readonly List<long> _moved = [];
    private long _arrivedTotal;
    private RunWindow? _pending;
    private RunWindow? _running;              // the window being run (paused while a socket takes its turn)
    private SocketCall? _awaiting;
    private readonly List<IActorRef?> _sockets = [];
    private readonly List<(int Socket, ISocket Logic)> _newSockets = [];
    private long _lastWindow = -1;
    private Drain? _drain;
    private bool _introduced;

    public NodeActor(NodeRunner runner, IActorRef coordinator, IReadOnlyList<IActorRef> linksById)
    {
        _runner = runner;
        _coordinator = coordinator;
        _links = linksById;
    }

    // A switch, not ReceiveActor's handler table: these are the engine's hottest messages.
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Arrivals a: OnArrivals(a); break;
            case RunWindow w: OnRunWindow(w); break;
            case Drain d: OnDrain(d); break;
            case SocketTurnDone t: OnSocketTurnDone(t); break;
            default: Unhandled(message); break;
        }
    }

    public static Props Props(NodeRunner runner, IActorRef coordinator, IReadOnlyList<IActorRef> linksById) =>
        Akka.Actor.Props.Create(() => new NodeActor(runner, coordinator, linksById));

    private void OnArrivals(Arrivals a)
    {
        // Safe to queue at once: every event of a window-w batch is at or after window w's end, so it
        // can never be in the past of what this node has handled or is about to handle.
        var events = a.Events;
        for (int i = 0; i < a.Count; i++) _runner.Accept(events[i]);
        MessageArrays.Return(events, a.Count);
        _arrivedTotal++;
        if (a.Window <= _lastWindow) _arrivedBefore++;   // a window this node already started from: counted as before the next
        else _arrivedLater[a.Window] = _arrivedLater.GetValueOrDefault(a.Window) + 1;
        if (_drain is not null) TryDrained();
        else TryRun();
    }

    private void OnRunWindow(RunWindow w)
    {
        if (_pending is not null) throw new InvalidOperationException($"node {_runner.Node.Name}: window {w.Window} while {_pending.Window} is pending");
        _pending = w;
        _lastWindow = w.Window - 1;
        if (_arrivedLater.Count == 0)
        {
            TryRun();
            return;
        }
        _moved.Clear();
        foreach (var (window, count) in _arrivedLater)
        {
            if (window >= w.Window) continue;
            _arrivedBefore += count;
            _moved.Add(window);
        }
        foreach (var window in _moved) _arrivedLater.Remove(window);
        TryRun();
    }

    private void TryRun()
    {
        if (_pending is not { } w) return;
        if (_arrivedBefore < w.ExpectedArrivalBatches) return;   // counted, not hoped: wait for the rest
        if (_arrivedBefore > w.ExpectedArrivalBatches)
            throw new InvalidOperationException($"node {_runner.Node.Name}: {_arrivedBefore} arrival batches, coordinator expected {w.ExpectedArrivalBatches}");
        _pending = null;
        _running = w;
        Step();
    }

    /// <summary>Runs the window on until its end, or until a socket must take a turn.</summary>
    private void Step()
    {
        var w = _running!;
        bool paused = _runner.Run(w.EndNs, out var call);
        SpawnNewSockets();
        if (paused)
        {
            _awaiting = call;
            var socket = call.Socket < _sockets.Count ? _sockets[call.Socket] : null;
            if (socket is null) throw new InvalidOperationException($"node {_runner.Node.Name}: socket {call.Socket} has no actor");
            socket.Tell(new SocketTurn(call.Socket, call.Input, _runner.Now.Nanoseconds), Self);
            return;
        }
        _running = null;
        _runner.TakeBatches(_batches);
        var sent = _batches.Count == 0 ? [] : MessageArrays.Rent<BatchSent>(_batches.Count);
        for (int i = 0; i < _batches.Count; i++)
        {
            var b = _batches[i];
            _links[b.Channel / 2].Tell(new LinkBatch(w.Window, w.ArrivalsNotBeforeNs, b.Channel, b.Items, b.Count), Self);
            sent[i] = new BatchSent(b.Channel, b.Destination, b.EarliestArrivalNs);
        }
        // The first report introduces the node's links (the coordinator's WindowHorizon needs them).
        _coordinator.Tell(new WindowDone(w.Window, _runner.Node.Id, _runner.NextEventNs, _runner.TakeHandledCount(), sent, _batches.Count)
        {
            Links = _introduced ? null : _runner.Links,
        }, Self);
        _introduced = true;
    }

    private void OnSocketTurnDone(SocketTurnDone done)
    {
        if (_awaiting is not { } call || call.Socket != done.Socket)
            throw new InvalidOperationException($"node {_runner.Node.Name}: socket {done.Socket} answered a turn it was not given");
        _awaiting = null;
        _runner.CompleteSocketCall(call, done.Actions);
        Step();
    }

    private void SpawnNewSockets()
    {
        _newSockets.Clear();
        _runner.TakeNewSockets(_newSockets);
        foreach (var (id, logic) in _newSockets)
        {
            while (_sockets.Count <= id) _sockets.Add(null);
            _sockets[id] = Context.ActorOf(SocketActor.Props(logic, _runner.Node.Name).WithDispatcher(Context.Props.Dispatcher), "socket-" + id);
        }
    }

    /// <summary>A socket that fails fails the run (a restarted socket would have lost its state): escalate to the run supervisor.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(0, 0, Decider.From(_ => Directive.Escalate), loggingEnabled: false);

    private void OnDrain(Drain d)
    {
        if (_pending is not null) throw new InvalidOperationException($"node {_runner.Node.Name}: drain while window {_pending.Window} is pending");
        _drain = d;
        TryDrained();
    }

    private void TryDrained()
    {
        if (_drain is null || _arrivedTotal < _drain.ExpectedArrivalBatches) return;
        _drain = null;
        _coordinator.Tell(new Drained(_runner.Node.Id), Self);
    }
}
