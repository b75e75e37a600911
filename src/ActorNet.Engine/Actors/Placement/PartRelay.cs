using Akka.Actor;

namespace ActorNet.Engine.Actors.Placement;

/// <summary>
/// Coordinator → one part's relay: wake these nodes of your part for one window (each with its own
/// <see cref="RunWindow"/>).
/// </summary>
public sealed record PartWake(long Window, IActorRef[] Nodes, RunWindow[] Windows, int Count) : ISimMessage;

/// <summary>Relay → coordinator: the reports of every node of the part that the window woke, in the order they came.</summary>
public sealed record PartDone(long Window, WindowDone[] Reports, int Count) : ISimMessage;

/// <summary>
/// The coordinator's hand in one part (docs/ARCHITECTURE.md, "Thread affinity"): it runs on the part's thread,
/// wakes the part's nodes for a window and sends the coordinator their reports as one message once all are in.
/// So a window costs the coordinator one message out and one in per part instead of per woken node, and the
/// per-node messages stay on the node's own core (fat10 wakes about 116 nodes in each of its 10,000 windows).
/// The nodes know the relay as their coordinator; anything else they send it (<see cref="Drained"/>) is passed on.
/// </summary>
public sealed class PartRelay(IActorRef coordinator) : UntypedActor
{
    private WindowDone[] _reports = new WindowDone[16];
    private int _expected;
    private int _received;
    private long _window = -1;

    public static Props Props(IActorRef coordinator) => Akka.Actor.Props.Create(() => new PartRelay(coordinator));

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
        if (_received < _expected) return;
        var reports = MessageArrays.Rent<WindowDone>(_expected);
        Array.Copy(_reports, reports, _expected);
        Array.Clear(_reports, 0, _expected);
        coordinator.Tell(new PartDone(_window, reports, _expected), Self);
    }
}
