using ActorNet.Core.Network;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;

namespace ActorNet.Engine.Tests.Inspection;

/// <summary>
/// The reference engine's loop (ReferenceEngine.Run) cut so that it can stop at a time and go on from
/// there: <see cref="RunUntil"/> handles every event before <c>t</c> and leaves the rest queued. The
/// reference engine runs a network once, to its end; inspection needs the pause in the middle.
/// InspectionSideEffectTests checks that this loop gives the reference engine's digest.
/// </summary>
internal sealed class PausableRun : IEventSink
{
    private readonly EventQueue _queue = new();
    private readonly IReadOnlyList<Node> _nodes;

    public PausableRun(NetworkModel network)
    {
        _nodes = network.Nodes;
        foreach (var node in _nodes) node.Start(this);
    }

    public void Schedule(in SimEvent e) => _queue.Push(e);

    /// <summary>Handles every event with a time before <paramref name="stopAt"/>, in key order.</summary>
    public void RunUntil(SimTime stopAt)
    {
        while (_queue.Count > 0 && _queue.PeekKey.Time < stopAt.Nanoseconds)
        {
            var e = _queue.Pop();
            var node = _nodes[e.Node];
            node.Handle(e, this);
            node.RunSocketCallsInPlace(e.Key.At, this);
        }
    }
}
