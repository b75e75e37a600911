namespace ActorNet.Core.Simulation;

public enum EventKind : byte
{
    /// <summary>A packet reaches <see cref="SimEvent.Node"/> on interface <see cref="SimEvent.Arg"/>.</summary>
    PacketArrival,
    /// <summary>The transmitter of interface <see cref="SimEvent.Arg"/> finished a packet.</summary>
    TransmitComplete,
    /// <summary>App <see cref="SimEvent.Arg"/>'s timer; <see cref="SimEvent.Data"/> is its token.</summary>
    AppTimer,
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

/// <summary>What an engine offers node logic: a place to put future events (its own or another node's).</summary>
public interface IEventSink
{
    void Schedule(in SimEvent e);
}
