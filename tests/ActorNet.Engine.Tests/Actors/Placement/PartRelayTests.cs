using ActorNet.Engine.Actors;
using ActorNet.Engine.Actors.Placement;
using Akka.Actor;
using Akka.Configuration;

namespace ActorNet.Engine.Tests.Actors.Placement;

/// <summary>
/// A part's relay: wakes the nodes it is given, answers the coordinator once (every report of the window in one
/// message) and only when all are in, passes anything else on, and refuses a report it was not waiting for.
/// </summary>
public class PartRelayTests() : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("akka.loglevel = WARNING"))
{
    [Fact]
    public void Bundles_the_reports_of_one_window_into_one_message()
    {
        var coordinator = CreateTestProbe();
        var n0 = CreateTestProbe();
        var n1 = CreateTestProbe();
        var relay = Sys.ActorOf(PartRelay.Props(coordinator.Ref));
        relay.Tell(new PartWake(7, [n0.Ref, n1.Ref], [new RunWindow(7, 100, 0), new RunWindow(7, 100, 2)], 2), coordinator.Ref);
        Assert.Equal(new RunWindow(7, 100, 0), n0.ExpectMsg<RunWindow>());
        Assert.Equal(new RunWindow(7, 100, 2), n1.ExpectMsg<RunWindow>());

        relay.Tell(new WindowDone(7, 1, 150, 3, []), n1.Ref);
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));   // n0 is still running
        relay.Tell(new WindowDone(7, 0, long.MaxValue, 5, [new BatchSent(4, 1, 120)]), n0.Ref);
        var done = coordinator.ExpectMsg<PartDone>();
        Assert.Equal(7, done.Window);
        Assert.Equal(new[] { 1, 0 }, done.Reports.Take(done.Count).Select(r => r.Node));
        Assert.Equal(new BatchSent(4, 1, 120), done.Reports[1].Batches[0]);
    }

    [Fact]
    public void Passes_other_messages_on_with_their_sender()
    {
        var coordinator = CreateTestProbe();
        var node = CreateTestProbe();
        var relay = Sys.ActorOf(PartRelay.Props(coordinator.Ref));
        relay.Tell(new Drained(3), node.Ref);
        Assert.Equal(new Drained(3), coordinator.ExpectMsg<Drained>());
        Assert.Equal(node.Ref, coordinator.LastSender);
    }

    [Fact]
    public void A_report_for_another_window_fails_the_relay()
    {
        var coordinator = CreateTestProbe();
        var node = CreateTestProbe();
        var relay = Sys.ActorOf(PartRelay.Props(coordinator.Ref));
        relay.Tell(new PartWake(2, [node.Ref], [new RunWindow(2, 100, 0)], 1));
        node.ExpectMsg<RunWindow>();
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => relay.Tell(new WindowDone(1, 0, 0, 0, []), node.Ref));
    }
}
