using ActorNet.Engine.Actors.Window;

namespace ActorNet.Engine.Tests.Actors;

/// <summary>The window-end rule on its own (WindowHorizon): E_n = min(cap, min over n's links (j, d) of min(next[j], T + dmin[j]) + d).</summary>
public class WindowHorizonTests
{
    private const long Ms = 1_000_000;

    [Fact]
    public void Without_link_information_the_end_is_the_classic_one()
    {
        Assert.Equal(5 * Ms, WindowHorizon.End(4 * Ms, 5 * Ms, 100 * Ms, null, [4 * Ms, 4 * Ms], [Ms, Ms]));
    }

    [Fact]
    public void A_node_behind_a_long_link_runs_until_its_busy_neighbour_could_reach_it()
    {
        // Dumbbell-like: r1 (node 1) has a 1 ms link to a (node 0) and a 20 ms link to r2 (node 2).
        // T = 4 ms (a's next event); r2's next is 30 ms; a's smallest delay is 1 ms, r2's 1 ms.
        long[] next = [4 * Ms, long.MaxValue, 30 * Ms];
        long[] minDelay = [Ms, Ms, Ms];
        NodeLink[] r1 = [new(0, Ms), new(2, 20 * Ms)];
        // From a: min(4, 4 + 1) + 1 = 5 ms. From r2: min(30, 4 + 1) + 20 = 25 ms. So 5 ms: the classic end here.
        Assert.Equal(5 * Ms, WindowHorizon.End(4 * Ms, 5 * Ms, 100 * Ms, r1, next, minDelay));
        // a idle (nothing pending): a can only be reached from outside, no earlier than T + 1 ms, so r1 may run to 6 ms.
        next[0] = long.MaxValue;
        Assert.Equal(6 * Ms, WindowHorizon.End(4 * Ms, 5 * Ms, 100 * Ms, r1, next, minDelay));
        // b-side node with only the 20 ms link (e.g. r2 seen from r1's side): 4 + 1 + 20 = 25 ms, unless r1's own next is earlier.
        NodeLink[] onlyLong = [new(1, 20 * Ms)];
        Assert.Equal(25 * Ms, WindowHorizon.End(4 * Ms, 5 * Ms, 100 * Ms, onlyLong, next, minDelay));
        next[1] = 4 * Ms + 500_000;
        Assert.Equal(24 * Ms + 500_000, WindowHorizon.End(4 * Ms, 5 * Ms, 100 * Ms, onlyLong, next, minDelay));
    }

    [Fact]
    public void The_end_never_passes_stop_at_or_the_interval_boundary_and_a_node_without_links_runs_to_it()
    {
        long[] next = [0, long.MaxValue];
        long[] minDelay = [long.MaxValue, long.MaxValue];
        Assert.Equal(7 * Ms, WindowHorizon.End(0, Ms, 7 * Ms, [], next, minDelay));
        // Saturating: an idle neighbour with no links of its own cannot overflow the sum.
        Assert.Equal(7 * Ms, WindowHorizon.End(0, Ms, 7 * Ms, [new(1, Ms)], next, minDelay));
    }

    [Fact]
    public void A_lower_bound_below_the_window_start_is_a_bug_and_fails_loudly()
    {
        // next[0] = 1 ms is before T = 4 ms: T was not the minimum of the bounds.
        Assert.Throws<InvalidOperationException>(() => WindowHorizon.End(4 * Ms, 5 * Ms, 100 * Ms, [new(0, Ms)], [Ms], [Ms]));
    }
}
