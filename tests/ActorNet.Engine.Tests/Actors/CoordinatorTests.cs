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
    public void Never_starts_a_window_before_every_node_and_link_of_the_previous_one_reported()
    {
        var n0 = CreateTestProbe();
        var n1 = CreateTestProbe();
        var n2 = CreateTestProbe();
        var done = CreateTestProbe();
        // Lookahead 1 ms; first events: n0 and n1 at 0, n2 at 50 ms.
        var settings = new CoordinatorSettings(SimTime.FromMilliseconds(1), SimTime.FromMilliseconds(100), [0, 0, 50_000_000]);
        var coordinator = Sys.ActorOf(Coordinator.Props(settings, [n0.Ref, n1.Ref, n2.Ref], done.Ref));
        coordinator.Tell(BeginRun.Instance);

        Assert.Equal(new RunWindow(0, 1_000_000, 0), n0.ExpectMsg<RunWindow>());
        Assert.Equal(new RunWindow(0, 1_000_000, 0), n1.ExpectMsg<RunWindow>());
        n2.ExpectNoMsg(TimeSpan.Zero);   // only nodes with an event in the window are woken

        // n0 sent one batch; the link reports it before n1 is done: still no new window.
        coordinator.Tell(new WindowDone(0, 0, long.MaxValue, BatchesSent: 1, EventsHandled: 2), n0.Ref);
        coordinator.Tell(new LinkDone(0, Channel: 0, DestinationNode: 1, ArrivalBatches: 1, EarliestArrivalNs: 1_500_000));
        n0.ExpectNoMsg(Quiet);
        n1.ExpectNoMsg(TimeSpan.Zero);

        // n1 done, announcing a batch whose link has not reported: still no new window.
        coordinator.Tell(new WindowDone(0, 1, 30_000_000, BatchesSent: 1, EventsHandled: 1), n1.Ref);
        n0.ExpectNoMsg(Quiet);
        n1.ExpectNoMsg(TimeSpan.Zero);

        // The last link reports (everything lost): window 1 starts at the earliest event, 1.5 ms
        // (idle time skipped), and n1 must hold the one arrival batch sent to it.
        coordinator.Tell(new LinkDone(0, Channel: 3, DestinationNode: 0, ArrivalBatches: 0, EarliestArrivalNs: long.MaxValue));
        Assert.Equal(new RunWindow(1, 2_500_000, 1), n1.ExpectMsg<RunWindow>());
        n0.ExpectNoMsg(Quiet);

        coordinator.Tell(new WindowDone(1, 1, 30_000_000, 0, 1), n1.Ref);
        Assert.Equal(new RunWindow(2, 31_000_000, 1), n1.ExpectMsg<RunWindow>());
        coordinator.Tell(new WindowDone(2, 1, long.MaxValue, 0, 1), n1.Ref);
        Assert.Equal(new RunWindow(3, 51_000_000, 0), n2.ExpectMsg<RunWindow>());
        coordinator.Tell(new WindowDone(3, 2, long.MaxValue, 0, 1), n2.Ref);

        Assert.Equal(new RunFinished(RunStatus.Completed, SimTime.FromMilliseconds(100), 6, 4), done.ExpectMsg<RunFinished>());
    }

    [Fact]
    public void The_last_window_ends_at_stop_at_and_events_after_it_are_not_run()
    {
        var n0 = CreateTestProbe();
        var done = CreateTestProbe();
        var settings = new CoordinatorSettings(SimTime.FromMilliseconds(10), SimTime.FromMilliseconds(15), [8_000_000]);
        var coordinator = Sys.ActorOf(Coordinator.Props(settings, [n0.Ref], done.Ref));
        coordinator.Tell(BeginRun.Instance);
        Assert.Equal(new RunWindow(0, 15_000_000, 0), n0.ExpectMsg<RunWindow>());
        coordinator.Tell(new WindowDone(0, 0, 15_000_000, 0, 1), n0.Ref);
        Assert.Equal(RunStatus.Completed, done.ExpectMsg<RunFinished>().Status);
        n0.ExpectNoMsg(Quiet);
    }
}
