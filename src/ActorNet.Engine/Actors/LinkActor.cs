using ActorNet.Core.Links;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;
using Akka.Actor;

namespace ActorNet.Engine.Actors;

/// <summary>
/// A link as an actor: owns its two channels (A→B at even index, B→A at odd). A node's batch is
/// carried in the node's transmission order, so each channel's random draws, counter and trace are
/// what the reference engine produces; the arrivals go to the far node as one message (even when
/// all were lost: the node counts batches). It never reports to the coordinator: the sending node
/// announced the batch, and the receiving node counts it. Batches and arrivals travel in pooled
/// arrays (see <see cref="LinkBatch"/>, <see cref="Arrivals"/>).
/// </summary>
public sealed class LinkActor : UntypedActor
{
    private readonly Channel[] _channels;
    private readonly int _firstChannel;
    private readonly IReadOnlyList<IActorRef> _nodes;
    private readonly ArrivalCollector _sink = new();

    /// <param name="firstChannel">The A→B channel's index (origin − N); the B→A channel is the next one.</param>
    public LinkActor(Channel aToB, Channel bToA, int firstChannel, IReadOnlyList<IActorRef> nodesById)
    {
        _channels = [aToB, bToA];
        _firstChannel = firstChannel;
        _nodes = nodesById;
    }

    protected override void OnReceive(object message)
    {
        if (message is LinkBatch batch) Carry(batch);
        else if (message is FlushLink) Sender.Tell(LinkFlushed.Instance);
        else Unhandled(message);
    }

    public static Props Props(Channel aToB, Channel bToA, int firstChannel, IReadOnlyList<IActorRef> nodesById) =>
        Akka.Actor.Props.Create(() => new LinkActor(aToB, bToA, firstChannel, nodesById));

    private void Carry(LinkBatch batch)
    {
        var channel = _channels[batch.Channel - _firstChannel];
        // A duplicate adds one arrival per packet at most.
        _sink.Begin(MessageArrays.Rent<SimEvent>(batch.Count + batch.Count / 4));
        var items = batch.Items;
        for (int i = 0; i < batch.Count; i++)
        {
            ref readonly var t = ref items[i];
            try
            {
                channel.Carry(t.Packet, t.TxStart, t.TxEnd, _sink);
            }
            catch (Exception ex) when (ex is not SimulationException)
            {
                throw new SimulationException("link channel " + channel.Name, t.TxStart, ex);
            }
        }
        MessageArrays.Return(items, batch.Count);
        var (events, count) = _sink.End();
        for (int i = 0; i < count; i++)
            if (events[i].Key.Time < batch.WindowEndNs)
                throw new SimulationException("link channel " + channel.Name, events[i].Key.At,
                    new InvalidOperationException($"an arrival at {events[i].Key.At} is inside window {batch.Window} ending {new SimTime(batch.WindowEndNs)}: lookahead violated"));
        _nodes[channel.ToNode].Tell(new Arrivals(batch.Window, events, count), Self);
    }

    private sealed class ArrivalCollector : IEventSink
    {
        private SimEvent[] _events = [];
        private int _count;

        public void Begin(SimEvent[] events) => (_events, _count) = (events, 0);

        public (SimEvent[] Events, int Count) End()
        {
            var result = (_events, _count);
            _events = [];
            return result;
        }

        public void Schedule(in SimEvent e)
        {
            if (_count == _events.Length)
            {
                var bigger = MessageArrays.Rent<SimEvent>(2 * _events.Length);
                _events.AsSpan(0, _count).CopyTo(bigger);
                MessageArrays.Return(_events, _count);
                _events = bigger;
            }
            _events[_count++] = e;
        }
    }
}
