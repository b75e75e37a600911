using ActorNet.Core.Time;
using ActorNet.Engine.Actors;
using Akka.Actor;
using Akka.Configuration;

namespace ActorNet.Engine.Tests.Actors;

/// <summary>The coordinator on its own: probes play the nodes (and send the links' reports).</summary>
public class CoordinatorTests() : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("akka.loglevel = WARNING"))
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void Never_starts_a_window_before_every_woken_node_reported_and_counts_the_batches_they_announced()
    {
        var n0 = CreateTestProbe();
        var n1 = CreateTestProbe();
        var n2 = CreateTestProbe();
        var done = CreateTestProbe();
        // Lookahead 1 ms; first events: n0 and n1 at 0, n2 at 50 ms.
        var settings = new CoordinatorSettings(SimTime.FromMilliseconds(1), SimTime.FromMilliseconds(100), [0, 0, 50_000_000]);
        var coordinator = Sys.ActorOf(Coordinator.Props(settings, [n0.Ref, n1.Ref, n2.Ref], [], done.Ref));
        coordinator.Tell(BeginRun.Instance);

        Assert.Equal(new RunWindow(0, 1_000_000, 0), n0.ExpectMsg<RunWindow>());
        Assert.Equal(new RunWindow(0, 1_000_000, 0), n1.ExpectMsg<RunWindow>());
        n2.ExpectNoMsg(TimeSpan.Zero);   // only nodes with an event in the window are woken

        // n0 sent one batch to n1 (arrivals no earlier than 1.5 ms); n1 has not reported: no new window.
        coordinator.Tell(new WindowDone(0, 0, long.MaxValue, 2, [new BatchSent(0, 1, 1_500_000)]), n0.Ref);
        n0.ExpectNoMsg(Quiet);
        n1.ExpectNoMsg(TimeSpan.Zero);

        // n1 done, with a batch to n0 no earlier than 40 ms: window 1 starts at the earliest bound,
        // 1.5 ms (idle time skipped), and n1 must hold the one arrival batch sent to it.
        coordinator.Tell(new WindowDone(0, 1, 30_000_000, 1, [new BatchSent(3, 0, 40_000_000)]), n1.Ref);
        Assert.Equal(new RunWindow(1, 2_500_000, 1), n1.ExpectMsg<RunWindow>());
        n0.ExpectNoMsg(Quiet);

        coordinator.Tell(new WindowDone(1, 1, 30_000_000, 1, []), n1.Ref);
        Assert.Equal(new RunWindow(2, 31_000_000, 1), n1.ExpectMsg<RunWindow>());
        coordinator.Tell(new WindowDone(2, 1, long.MaxValue, 1, []), n1.Ref);
        // n0's arrival bound (40 ms) comes before n2's event (50 ms); n0 must hold its batch.
        Assert.Equal(new RunWindow(3, 41_000_000, 1), n0.ExpectMsg<RunWindow>());
        coordinator.Tell(new WindowDone(3, 0, long.MaxValue, 1, []), n0.Ref);
        Assert.Equal(new RunWindow(4, 51_000_000, 0), n2.ExpectMsg<RunWindow>());
        // n2 sends a batch to n1 arriving after stop-at: the run drains it before reporting.
        coordinator.Tell(new WindowDone(4, 2, long.MaxValue, 1, [new BatchSent(5, 1, 200_000_000)]), n2.Ref);
        Assert.Equal(new Drain(2), n1.ExpectMsg<Drain>());
        done.ExpectNoMsg(Quiet);
        coordinator.Tell(new Drained(1), n1.Ref);

        Assert.Equal(new RunFinished(RunStatus.Completed, SimTime.FromMilliseconds(100), 7, 5), done.ExpectMsg<RunFinished>());
    }

    [Fact]
    public void A_batch_that_could_land_inside_its_own_window_fails_the_run()
    {
        var n0 = CreateTestProbe();
        var settings = new CoordinatorSettings(SimTime.FromMilliseconds(1), SimTime.FromMilliseconds(100), [0, long.MaxValue]);
        var coordinator = Sys.ActorOf(Coordinator.Props(settings, [n0.Ref, CreateTestProbe().Ref], [], CreateTestProbe().Ref));
        Watch(coordinator);
        coordinator.Tell(BeginRun.Instance);
        n0.ExpectMsg<RunWindow>();
        EventFilter.Exception<SimulationException>().ExpectOne(() =>
            coordinator.Tell(new WindowDone(0, 0, long.MaxValue, 1, [new BatchSent(0, 1, 500_000)]), n0.Ref));
    }

    [Fact]
    public void The_last_window_ends_at_stop_at_and_events_after_it_are_not_run()
    {
        var n0 = CreateTestProbe();
        var done = CreateTestProbe();
        var settings = new CoordinatorSettings(SimTime.FromMilliseconds(10), SimTime.FromMilliseconds(15), [8_000_000]);
        var coordinator = Sys.ActorOf(Coordinator.Props(settings, [n0.Ref], [], done.Ref));
        coordinator.Tell(BeginRun.Instance);
        Assert.Equal(new RunWindow(0, 15_000_000, 0), n0.ExpectMsg<RunWindow>());
        coordinator.Tell(new WindowDone(0, 0, 15_000_000, 1, []), n0.Ref);
        Assert.Equal(RunStatus.Completed, done.ExpectMsg<RunFinished>().Status);
        n0.ExpectNoMsg(Quiet);
    }
}
