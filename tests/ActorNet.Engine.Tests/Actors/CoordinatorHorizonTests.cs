using ActorNet.Core.Time;
using ActorNet.Engine.Actors;
using ActorNet.Engine.Actors.Window;
using Akka.Actor;
using Akka.Configuration;

namespace ActorNet.Engine.Tests.Actors;

/// <summary>
/// The coordinator with per-node window ends (WindowHorizon) and the wake fraction: probes play the nodes
/// n0 —1 ms— n1 —20 ms— n2, which introduce their links in their first report.
/// </summary>
public class CoordinatorHorizonTests() : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("akka.loglevel = WARNING"))
{
    private const long Ms = 1_000_000;
    private static readonly NodeLink[] N0 = [new(1, Ms)];
    private static readonly NodeLink[] N1 = [new(0, Ms), new(2, 20 * Ms)];
    private static readonly NodeLink[] N2 = [new(1, 20 * Ms)];

    private (IActorRef Coordinator, Akka.TestKit.TestProbe[] Nodes) Start(double wakeFraction = 0.25)
    {
        var nodes = new[] { CreateTestProbe(), CreateTestProbe(), CreateTestProbe() };
        var settings = new CoordinatorSettings(SimTime.FromMilliseconds(1), SimTime.FromMilliseconds(100), [0, 0, 0]) { WakeFraction = wakeFraction };
        var coordinator = Sys.ActorOf(Coordinator.Props(settings, [.. nodes.Select(p => p.Ref)], [], CreateTestProbe().Ref));
        coordinator.Tell(BeginRun.Instance);
        // Window 0: links not known yet, so everyone gets the classic end.
        foreach (var n in nodes) Assert.Equal(new RunWindow(0, Ms, 0), n.ExpectMsg<RunWindow>());
        coordinator.Tell(new WindowDone(0, 0, 10 * Ms, 1, []) { Links = N0 }, nodes[0].Ref);
        coordinator.Tell(new WindowDone(0, 1, 1_200_000, 1, []) { Links = N1 }, nodes[1].Ref);
        coordinator.Tell(new WindowDone(0, 2, 1_500_000, 1, []) { Links = N2 }, nodes[2].Ref);
        return (coordinator, nodes);
    }

    [Fact]
    public void A_node_behind_a_long_link_runs_far_ahead_and_only_nodes_near_the_window_start_are_woken()
    {
        var (coordinator, nodes) = Start();
        // Window 1 starts at 1.2 ms (n1); a quarter of the lookahead wakes nodes before 1.45 ms: n1 only, not n2 (1.5 ms).
        // n1's end: from n0 min(10, 1.2 + 1) + 1 = 3.2 ms; from n2 min(1.5, 1.2 + 20) + 20 = 21.5 ms.
        // Its batches are checked against its neighbours' ends (1 ms, not woken since) and the classic end 2.2 ms.
        Assert.Equal(new RunWindow(1, 3_200_000, 0, 2_200_000), nodes[1].ExpectMsg<RunWindow>());
        nodes[2].ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        coordinator.Tell(new WindowDone(1, 1, 5 * Ms, 2, []), nodes[1].Ref);
        // Window 2 at 1.5 ms: n2, behind its 20 ms link, may run to min(5, 1.5 + 1) + 20 = 22.5 ms; whatever it
        // sends n1 arrives after n1's end of window 1, 3.2 ms.
        Assert.Equal(new RunWindow(2, 22_500_000, 0, 3_200_000), nodes[2].ExpectMsg<RunWindow>());
        nodes[0].ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void With_wake_fraction_one_every_node_before_the_classic_end_is_woken()
    {
        var (_, nodes) = Start(wakeFraction: 1);
        // Window 1 at 1.2 ms wakes everything before the classic end 2.2 ms: n1 and n2 (1.5 ms), each to its own end.
        Assert.Equal(new RunWindow(1, 3_200_000, 0, 2_200_000), nodes[1].ExpectMsg<RunWindow>());
        Assert.Equal(new RunWindow(1, 21_200_000, 0, 3_200_000), nodes[2].ExpectMsg<RunWindow>());
        nodes[0].ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_batch_that_could_reach_a_neighbour_before_its_own_end_fails_the_run()
    {
        var (coordinator, nodes) = Start();
        nodes[1].ExpectMsg<RunWindow>();
        coordinator.Tell(new WindowDone(1, 1, 5 * Ms, 2, []), nodes[1].Ref);
        nodes[2].ExpectMsg<RunWindow>();
        // After the classic end (2.5 ms) but before n1's end of window 1 (3.2 ms): n1 may already have run past it.
        EventFilter.Exception<SimulationException>().ExpectOne(() =>
            coordinator.Tell(new WindowDone(2, 2, long.MaxValue, 1, [new BatchSent(3, 1, 3_000_000)]), nodes[2].Ref));
    }
}
