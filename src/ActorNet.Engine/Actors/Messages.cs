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
/// Every arrival the node's batches of this window cause is at or after <paramref name="ArrivalsNotBeforeNs"/> (the
/// coordinator's bound for the far ends of its links; the link actors check it). <paramref name="EndNs"/> is the
/// node's own end (<see cref="Window.WindowHorizon"/>): nodes woken in one window may be given different ends.
/// </summary>
public sealed record RunWindow(long Window, long EndNs, long ExpectedArrivalBatches, long ArrivalsNotBeforeNs) : ISimMessage
{
    /// <summary>The classic window: every arrival it causes is at or after its end.</summary>
    public RunWindow(long Window, long EndNs, long ExpectedArrivalBatches) : this(Window, EndNs, ExpectedArrivalBatches, EndNs) { }
}

/// <summary>One transmission a port started in a window: the link's channel decides its fate at window end.</summary>
public readonly record struct Transmission(Packet Packet, SimTime TxStart, SimTime TxEnd);

/// <summary>
/// Node → link: the first <paramref name="Count"/> transmissions of <paramref name="Items"/> on one channel
/// (index = origin − N) in one window, in the node's event order; every arrival they cause must be at or after
/// <paramref name="WindowEndNs"/> (the window's <see cref="RunWindow.ArrivalsNotBeforeNs"/>: the link checks it).
/// <paramref name="Items"/> is rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>: the sender never
/// touches it again and the link returns it once carried (no allocation per batch on the hot path).
/// </summary>
public sealed record LinkBatch(long Window, long WindowEndNs, int Channel, Transmission[] Items, int Count) : ISimMessage;

/// <summary>
/// What a node announces for one batch it sent: the channel, the node at its far end, and a lower bound of
/// any arrival it can cause (the earliest transmission end + the channel's delay; jitter only adds).
/// </summary>
public readonly record struct BatchSent(int Channel, int Destination, long EarliestArrivalNs);

/// <summary>
/// Node → coordinator: window done; my next event time (long.MaxValue: none), the events I handled and
/// the link batches I sent: the first <paramref name="SentCount"/> of <paramref name="Sent"/>, an array rented
/// from <see cref="MessageArrays"/> that the coordinator returns.
/// </summary>
public sealed record WindowDone(long Window, int Node, long NextEventNs, long EventsHandled, BatchSent[] Sent, int SentCount) : ISimMessage
{
    /// <summary>The node's links (neighbour, delay), in its first report only: the coordinator's <see cref="Window.WindowHorizon"/> needs them.</summary>
    public Window.NodeLink[]? Links { get; init; }

    /// <summary>A report whose array holds exactly the batches sent (tests).</summary>
    public WindowDone(long window, int node, long nextEventNs, long eventsHandled, BatchSent[] sent)
        : this(window, node, nextEventNs, eventsHandled, sent, sent.Length) { }

    public ReadOnlySpan<BatchSent> Batches => Sent.AsSpan(0, SentCount);

    public bool Equals(WindowDone? other) => other is not null && (Window, Node, NextEventNs, EventsHandled) == (other.Window, other.Node, other.NextEventNs, other.EventsHandled)
        && Batches.SequenceEqual(other.Batches);
    public override int GetHashCode() => HashCode.Combine(Window, Node, NextEventNs, EventsHandled, SentCount);
}

/// <summary>
/// Link → node: the arrival events one channel produced from one batch of <paramref name="Window"/> (all at or
/// after that window's end), the first <paramref name="Count"/> of <paramref name="Events"/>; sent even when
/// everything was lost (Count 0), because the node counts batches. <paramref name="Events"/> is rented from
/// <see cref="System.Buffers.ArrayPool{T}.Shared"/> and returned by the node once queued.
/// </summary>
public sealed record Arrivals(long Window, SimEvent[] Events, int Count) : ISimMessage;

/// <summary>
/// Host → one of its socket actors: take one turn for <paramref name="Input"/> at virtual time <paramref name="NowNs"/>
/// (the host waits for the answer before it goes on, so the turns of a host never overlap).
/// </summary>
public sealed record SocketTurn(int Socket, Core.Sockets.SocketInput Input, long NowNs) : ISimMessage;

/// <summary>
/// Socket actor → its host: the actions of one turn, in the order taken. A socket actor sends the same reply
/// object after every turn, its list refilled (see <see cref="SocketActor"/>): read it before giving that socket
/// its next turn.
/// </summary>
public sealed record SocketTurnDone(int Socket, IReadOnlyList<Core.Sockets.SocketAction> Actions) : ISimMessage;

/// <summary>
/// Coordinator → node, at the end of the run: reply <see cref="Drained"/> once you hold
/// <paramref name="ExpectedArrivalBatches"/> arrival batches in all (so every link has carried every batch,
/// and every channel's counters and trace are final, before the run is reported done).
/// </summary>
public sealed record Drain(long ExpectedArrivalBatches) : ISimMessage;

/// <summary>Node → coordinator: every arrival batch the <see cref="Drain"/> named is here.</summary>
public sealed record Drained(int Node) : ISimMessage;

/// <summary>
/// Coordinator → every link, when an interval of the journal closes (<see cref="IRunObserver"/>): answer
/// <see cref="LinkFlushed"/>. A link handles its mail in order, and every batch of the windows before was put in
/// its mailbox before the node reported the window done, so the answer means every such batch is carried.
/// </summary>
public sealed record FlushLink : ISimMessage
{
    public static readonly FlushLink Instance = new();
}

/// <summary>Link → coordinator: every batch sent to me before <see cref="FlushLink"/> is carried.</summary>
public sealed record LinkFlushed : ISimMessage
{
    public static readonly LinkFlushed Instance = new();
}

/// <summary>Coordinator → its report target: the run ended (completed at stop-at, or interrupted).</summary>
public sealed record RunFinished(RunStatus Status, SimTime Reached, long Events, long Windows) : ISimMessage;

/// <summary>
/// The arrays of <see cref="LinkBatch"/> and <see cref="Arrivals"/>: rented by the sender, handed over with the
/// message, returned by the receiver. Not <see cref="System.Buffers.ArrayPool{T}.Shared"/>: that pool keeps a
/// few arrays per size and core, and a window has one array in flight per active channel (hundreds), so most
/// rentals allocated, the arrays lived across a window and were promoted (measured on S11: 290 B allocated per
/// event against the reference engine's 54, and a gen-1 collection every 25 ms). This pool never gives up an
/// array: it holds at most what the largest window had in flight. An array that did not come from here (a
/// test's) is simply dropped.
/// </summary>
public static class MessageArrays
{
    public static T[] Rent<T>(int atLeast) => Pool<T>.Rent(atLeast);

    /// <summary>Returns an array; the first <paramref name="used"/> elements are cleared if they hold references.</summary>
    public static void Return<T>(T[] array, int used) => Pool<T>.Return(array, used);

    // Each thread keeps up to LocalMax arrays per size without a lock and goes to the shared, locked stacks only
    // when it has none (or too many, when arrays rented on one thread are returned on another). At one thread the
    // lock was 5 % of the run on campus (issue 11).
    private static class Pool<T>
    {
        private const int MinLength = 16;
        private const int LocalMax = 64;
        private static readonly Stack<T[]>[] BySize = Enumerable.Range(0, 31).Select(_ => new Stack<T[]>()).ToArray();
        [ThreadStatic] private static Stack<T[]>[]? t_local;

        private static Stack<T[]>[] Local => t_local ??= Enumerable.Range(0, 31).Select(_ => new Stack<T[]>()).ToArray();

        public static T[] Rent(int atLeast)
        {
            int length = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinLength, atLeast));
            int size = System.Numerics.BitOperations.Log2((uint)length);
            if (Local[size].TryPop(out var array)) return array;
            var stack = BySize[size];
            lock (stack)
                if (stack.TryPop(out array)) return array;
            return new T[length];
        }

        public static void Return(T[] array, int used)
        {
            if (array.Length < MinLength || !System.Numerics.BitOperations.IsPow2(array.Length)) return;
            if (System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>()) Array.Clear(array, 0, used);
            int size = System.Numerics.BitOperations.Log2((uint)array.Length);
            var local = Local[size];
            if (local.Count < LocalMax)
            {
                local.Push(array);
                return;
            }
            var stack = BySize[size];
            lock (stack) stack.Push(array);
        }
    }
}
