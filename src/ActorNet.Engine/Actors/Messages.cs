using System.Collections.Immutable;
using ActorNet.Core.Packets;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;

namespace ActorNet.Engine.Actors;

/// <summary>Marker for every message of the actor engine's window protocol (docs/ARCHITECTURE.md, "The actor engine").</summary>
public interface ISimMessage;

/// <summary>Coordinator → itself (from the run supervisor): start the first window.</summary>
public sealed record BeginRun : ISimMessage
{
    public static readonly BeginRun Instance = new();
}

/// <summary>
/// Coordinator → node: handle your events with time &lt; <paramref name="EndNs"/> in window
/// <paramref name="Window"/>, but only once you hold <paramref name="ExpectedArrivalBatches"/> arrival
/// batches (a running total over the run) from windows before this one.
/// </summary>
public sealed record RunWindow(long Window, long EndNs, long ExpectedArrivalBatches) : ISimMessage;

/// <summary>One transmission a port started in a window: the link's channel decides its fate at window end.</summary>
public readonly record struct Transmission(Packet Packet, SimTime TxStart, SimTime TxEnd);

/// <summary>Node → link: the transmissions on one channel (index = origin − N) in one window, in the node's event order.</summary>
public sealed record LinkBatch(long Window, int Channel, ImmutableArray<Transmission> Items) : ISimMessage;

/// <summary>Node → coordinator: window done; my next event time (long.MaxValue: none) and how many link batches I sent.</summary>
public sealed record WindowDone(long Window, int Node, long NextEventNs, int BatchesSent, long EventsHandled) : ISimMessage;

/// <summary>Link → node: the arrival events one channel produced from one batch (all at or after the window's end).</summary>
public sealed record Arrivals(long Window, ImmutableArray<SimEvent> Events) : ISimMessage;

/// <summary>
/// Link → coordinator: one batch of <paramref name="Window"/> carried. If <paramref name="ArrivalBatches"/>
/// is 1, node <paramref name="DestinationNode"/> was sent one <see cref="Arrivals"/> whose earliest event is
/// at <paramref name="EarliestArrivalNs"/>; 0 means everything was lost.
/// </summary>
public sealed record LinkDone(long Window, int Channel, int DestinationNode, int ArrivalBatches, long EarliestArrivalNs) : ISimMessage;

/// <summary>Coordinator → its report target: the run ended (completed at stop-at, or interrupted).</summary>
public sealed record RunFinished(RunStatus Status, SimTime Reached, long Events, long Windows) : ISimMessage;
