namespace ActorNet.Core.Simulation;

public enum EventKind : byte
{
    /// <summary>A packet reaches <see cref="SimEvent.Node"/> on interface <see cref="SimEvent.Arg"/>.</summary>
    PacketArrival,
    /// <summary>The transmitter of interface <see cref="SimEvent.Arg"/> finished a packet.</summary>
    TransmitComplete,
    /// <summary>App <see cref="SimEvent.Arg"/>'s timer; <see cref="SimEvent.Data"/> is its token.</summary>
    AppTimer,
    /// <summary>Socket <see cref="SimEvent.Arg"/>'s timer; <see cref="SimEvent.Data"/> = generation &lt;&lt; 3 | timer number.</summary>
    SocketTimer,
    /// <summary>
    /// A packet the node sent to one of its own addresses (<see cref="SimEvent.Payload"/>) is delivered to it, with no
    /// link and no interface: created by the node itself, so its key comes from the node's own counter.
    /// </summary>
    LocalDelivery,
}

/// <summary>
/// One event for one node. Engines only order and route these; what they mean is the node's
/// business (<see cref="Network.Node.Handle"/>).
/// </summary>
public readonly struct SimEvent(EventKey key, int node, EventKind kind, int arg, object? payload, long data = 0)
{
    public EventKey Key { get; } = key;
    public int Node { get; } = node;
    public EventKind Kind { get; } = kind;
    public int Arg { get; } = arg;
    public object? Payload { get; } = payload;
    /// <summary>A number for the handler (an app timer's token).</summary>
    public long Data { get; } = data;

    public override string ToString() => $"{Key.At} node={Node} {Kind} arg={Arg}";
}

/// <summary>
/// What an engine offers node logic: a place to put the node's own future events, and a way to
/// hand a packet whose transmission started to the link (the channel that carries it).
/// </summary>
public interface IEventSink
{
    void Schedule(in SimEvent e);

    /// <summary>
    /// A transmission of <paramref name="packet"/> on <paramref name="channel"/> runs from
    /// <paramref name="txStart"/> to <paramref name="txEnd"/>. The channel's decisions (loss, duplication,
    /// jitter) depend only on its own packet sequence, so an engine may carry the packet at once (the
    /// default: the reference engine) or later, in the same order per channel (the actor engine's link
    /// actors, at the end of a window). Arrivals are at least the channel's delay after txEnd.
    /// </summary>
    void Transmit(Links.Channel channel, Packets.Packet packet, Time.SimTime txStart, Time.SimTime txEnd) =>
        channel.Carry(packet, txStart, txEnd, this);
}
