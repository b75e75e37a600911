using Akka.Actor;

namespace ActorNet.Engine.Actors.Placement;

/// <summary>
/// Coordinator → one part's relay: wake these nodes of your part for one window (each with its own
/// <see cref="RunWindow"/>).
/// </summary>
public sealed record PartWake(long Window, IActorRef[] Nodes, RunWindow[] Windows, int Count) : ISimMessage;

/// <summary>
/// Relay → coordinator: the reports of every node of <paramref name="Part"/> that the window woke, in the order they
/// came, and the events they handled in all (what the part cost: <see cref="ThreadTeam.Balance"/>).
/// </summary>
public sealed record PartDone(long Window, WindowDone[] Reports, int Count, int Part = 0, long Events = 0) : ISimMessage;

/// <summary>
/// The coordinator's hand in one part (docs/ARCHITECTURE.md, "Thread affinity"): it runs on the part's thread,
/// wakes the part's nodes for a window and sends the coordinator their reports as one message once all are in.
/// So a window costs the coordinator one message out and one in per part instead of per woken node, and the
/// per-node messages stay on the node's own core (fat10 wakes about 116 nodes in each of its 10,000 windows).
/// The nodes know the relay as their coordinator; anything else they send it (<see cref="Drained"/>) is passed on.
/// </summary>
public sealed class PartRelay(IActorRef coordinator, int part = 0) : UntypedActor
{
    private WindowDone[] _reports = new WindowDone[16];
    private int _expected;
    private int _received;
    private long _window = -1;
    private long _events;

    public static Props Props(IActorRef coordinator, int part = 0) => Akka.Actor.Props.Create(() => new PartRelay(coordinator, part));

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case WindowDone done: OnWindowDone(done); break;
            case PartWake wake: OnWake(wake); break;
            default: coordinator.Forward(message); break;
        }
    }

    private void OnWake(PartWake wake)
    {
        if (_received < _expected) throw new InvalidOperationException($"part relay: window {wake.Window} while window {_window} still waits for {_expected - _received} nodes");
        _window = wake.Window;
        _expected = wake.Count;
        _received = 0;
        _events = 0;
        if (_reports.Length < wake.Count) _reports = new WindowDone[Math.Max(wake.Count, 2 * _reports.Length)];
        for (int i = 0; i < wake.Count; i++) wake.Nodes[i].Tell(wake.Windows[i], Self);
        MessageArrays.Return(wake.Nodes, wake.Count);
        MessageArrays.Return(wake.Windows, wake.Count);
    }

    private void OnWindowDone(WindowDone done)
    {
        if (done.Window != _window || _received >= _expected)
            throw new InvalidOperationException($"part relay: node {done.Node} reported window {done.Window}, expected {_expected - _received} reports of window {_window}");
        _reports[_received++] = done;
        _events += done.EventsHandled;
        if (_received < _expected) return;
        var reports = MessageArrays.Rent<WindowDone>(_expected);
        Array.Copy(_reports, reports, _expected);
        Array.Clear(_reports, 0, _expected);
        coordinator.Tell(new PartDone(_window, reports, _expected, part, _events), Self);
    }
}
