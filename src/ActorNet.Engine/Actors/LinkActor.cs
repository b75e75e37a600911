using System.Collections.Immutable;
using ActorNet.Core.Links;
using ActorNet.Core.Simulation;
using Akka.Actor;

namespace ActorNet.Engine.Actors;

/// <summary>
/// A link as an actor: owns its two channels (A→B at even index, B→A at odd). A node's batch is
/// carried in the node's transmission order, so each channel's random draws, counter and trace are
/// what the reference engine produces; the arrivals go to the far node as one message, and the
/// coordinator learns that (and the earliest arrival time).
/// </summary>
public sealed class LinkActor : ReceiveActor
{
    private readonly Channel[] _channels;
    private readonly int _firstChannel;
    private readonly IReadOnlyList<IActorRef> _nodes;
    private readonly IActorRef _coordinator;

    /// <param name="firstChannel">The A→B channel's index (origin − N); the B→A channel is the next one.</param>
    public LinkActor(Channel aToB, Channel bToA, int firstChannel, IReadOnlyList<IActorRef> nodesById, IActorRef coordinator)
    {
        _channels = [aToB, bToA];
        _firstChannel = firstChannel;
        _nodes = nodesById;
        _coordinator = coordinator;
        Receive<LinkBatch>(Carry);
    }

    public static Props Props(Channel aToB, Channel bToA, int firstChannel, IReadOnlyList<IActorRef> nodesById, IActorRef coordinator) =>
        Akka.Actor.Props.Create(() => new LinkActor(aToB, bToA, firstChannel, nodesById, coordinator));

    private void Carry(LinkBatch batch)
    {
        var channel = _channels[batch.Channel - _firstChannel];
        var sink = new ArrivalCollector();
        foreach (var t in batch.Items)
        {
            try
            {
                channel.Carry(t.Packet, t.TxStart, t.TxEnd, sink);
            }
            catch (Exception ex) when (ex is not SimulationException)
            {
                throw new SimulationException("link channel " + channel.Name, t.TxStart, ex);
            }
        }
        if (sink.Events.Count == 0)
        {
            _coordinator.Tell(new LinkDone(batch.Window, batch.Channel, channel.ToNode, 0, long.MaxValue), Self);
            return;
        }
        long earliest = sink.Events.Min(e => e.Key.Time);
        _nodes[channel.ToNode].Tell(new Arrivals(batch.Window, [.. sink.Events]), Self);
        _coordinator.Tell(new LinkDone(batch.Window, batch.Channel, channel.ToNode, 1, earliest), Self);
    }

    private sealed class ArrivalCollector : IEventSink
    {
        public List<SimEvent> Events { get; } = [];
        public void Schedule(in SimEvent e) => Events.Add(e);
    }
}
