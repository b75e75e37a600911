namespace ActorNet.Engine.Actors.Window;

/// <summary>One link of a node as the coordinator sees it: the node at the other end and the link's delay (both directions share it).</summary>
public readonly record struct NodeLink(int Neighbour, long DelayNs);

/// <summary>
/// How far a woken node may run in a window (docs/ARCHITECTURE.md, "The window protocol"; issue 11).
/// <para>
/// The window of round k starts at <c>T</c> = the smallest lower bound <c>next[m]</c> over all nodes and has the
/// classic end <c>W = min(T + L, stop-at, interval boundary)</c>, <c>L</c> the network's smallest link delay. The
/// same nodes are woken as always (those with <c>next[n] &lt; W</c>), but each may run to its own end
/// </para>
/// <code>E_n = min(cap, min over the links (j, d) of n of  min(next[j], T + dmin[j]) + d)</code>
/// <para>
/// where <c>dmin[j]</c> is the smallest delay of j's links (or any lower bound of it, such as <c>L</c>) and
/// <c>cap = min(stop-at, interval boundary)</c>.
/// </para>
/// <para>
/// <b>Why nothing can land in n's past.</b> Let <c>A_j = min(next[j], T + dmin[j])</c>. (1) Every event that
/// exists now or will ever be created is at or after <c>T</c>: pending events are, by the definition of
/// <c>T</c> as the minimum of lower bounds that include every announced batch, and an event is never created
/// before the event that creates it. (2) Every event node j handles from now on is at or after
/// <c>A_j</c>: it is pending at j (at or after <c>next[j]</c>, which includes every batch already announced
/// to j), or it was created by j itself from an event of j (at or after that event, so by induction at or
/// after <c>A_j</c>), or it arrived over one of j's links, created by another node from an event at or after
/// <c>T</c> (1) and delayed by at least <c>dmin[j]</c>. (3) An event reaching n from outside comes over a
/// link (j, d) of n, created by j from an event at or after <c>A_j</c> (2), so it arrives at or after
/// <c>A_j + d ≥ E_n</c> (jitter only adds). Hence every event n will ever get with time <c>&lt; E_n</c> exists
/// when the window starts (it is in n's queue or in a batch announced to n, which n counts before running),
/// except those n creates itself while running. This holds for every later window too, since (2) bounds
/// every future event of j, not only those of this window: no event is ever created inside a range a node
/// has already run.
/// </para>
/// <para>
/// <c>E_n ≥ W</c>, because <c>A_j ≥ T</c> and <c>d ≥ L</c>: with no link information (<paramref name="links"/>
/// null) the end is <c>W</c>, the classic rule. A node with links of 20 ms beside links of 100 µs (a core
/// router on campus, the dumbbell's routers) runs up to 20 ms ahead when its neighbours are idle, and then is
/// not woken again until the window reaches its next event: fewer wake-ups and fuller link batches.
/// </para>
/// </summary>
public static class WindowHorizon
{
    /// <param name="start">T, the window's start (the smallest lower bound of any node's next event).</param>
    /// <param name="classicEnd">W = min(T + L, cap).</param>
    /// <param name="cap">min(stop-at, the observer's next interval boundary): no node runs past it.</param>
    /// <param name="links">The node's links, or null when not known yet (then the end is W).</param>
    /// <param name="next">Lower bounds of every node's next event (long.MaxValue: none known).</param>
    /// <param name="minDelay">Per node, a lower bound of the smallest delay of its links.</param>
    public static long End(long start, long classicEnd, long cap, NodeLink[]? links, long[] next, long[] minDelay)
    {
        if (links is null) return classicEnd;
        long end = cap;
        foreach (var (j, d) in links)
        {
            long a = Math.Min(next[j], SaturatingAdd(start, minDelay[j]));
            end = Math.Min(end, SaturatingAdd(a, d));
        }
        if (end < classicEnd) throw new InvalidOperationException($"window end {end} before the classic end {classicEnd}: a lower bound is wrong");
        return end;
    }

    public static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
