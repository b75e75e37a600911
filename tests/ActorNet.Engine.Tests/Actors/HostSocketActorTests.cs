using ActorNet.Core.Network;
using ActorNet.Core.Packets;
using ActorNet.Core.Sockets;
using ActorNet.Core.Time;
using ActorNet.Engine.Actors;
using Akka.Actor;
using Akka.Configuration;

namespace ActorNet.Engine.Tests.Actors;

/// <summary>A host's node actor on its own: its sockets are child actors that take turns the host waits for.</summary>
public class HostSocketActorTests() : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("akka.loglevel = WARNING"))
{
    [Fact]
    public async Task A_ping_socket_is_a_child_actor_of_its_host_and_its_turn_puts_the_echo_request_on_the_link()
    {
        // S1: ping starts on h1 at 1 s; h1's only link is link 0, so it sends on channel 0 (A→B).
        var network = NetworkBuilder.Build(TestScenarios.Ping(count: 1));
        var h1 = (Host)network["h1"];
        var coordinator = CreateTestProbe();
        var links = CreateTestProbe();
        var runner = new NodeRunner(h1, network.Nodes.Count);
        runner.Start();   // schedules the app's start
        var actor = Sys.ActorOf(NodeActor.Props(runner, coordinator.Ref, [links.Ref, links.Ref]), "h1");

        actor.Tell(new RunWindow(0, 1_000_000_001, ExpectedArrivalBatches: 0));

        var batch = links.ExpectMsg<LinkBatch>();
        Assert.Equal(0, batch.Channel);
        var echo = Assert.IsType<IcmpMessage>(batch.Items[0].Packet.Payload);
        var socket = Assert.IsType<IcmpEchoSocket>(Assert.Single(h1.Sockets));
        Assert.Equal(IcmpKind.EchoRequest, echo.Kind);
        Assert.Equal(socket.Identifier, echo.Identifier);   // stamped by the socket, not the app
        Assert.Equal(1, echo.Sequence);
        Assert.Equal(1_000_000_000, batch.Items[0].TxStart.Nanoseconds);
        Assert.Equal(1, coordinator.ExpectMsg<WindowDone>().EventsHandled);

        var child = await Sys.ActorSelection(actor.Path / "socket-0").ResolveOne(TimeSpan.FromSeconds(3));
        Assert.Equal(actor.Path, child.Path.Parent);
    }

    [Fact]
    public void The_host_waits_for_the_socket_turn_before_it_handles_its_next_event()
    {
        // Two pings at 1 s and 1.0001 s in one window: each send is a socket turn, and the second request
        // can only be on the wire after the first one (same port, FIFO), so the batch holds them in order.
        var scenario = TestScenarios.Ping(count: 2);
        scenario = scenario with { Apps = [((Core.Scenarios.PingAppSpec)scenario.Apps[0]) with { Interval = SimTime.FromMicroseconds(100) }] };
        var network = NetworkBuilder.Build(scenario);
        var h1 = (Host)network["h1"];
        var coordinator = CreateTestProbe();
        var links = CreateTestProbe();
        var runner = new NodeRunner(h1, network.Nodes.Count);
        runner.Start();
        var actor = Sys.ActorOf(NodeActor.Props(runner, coordinator.Ref, [links.Ref, links.Ref]));

        actor.Tell(new RunWindow(0, 1_001_000_000, ExpectedArrivalBatches: 0));

        var batch = links.ExpectMsg<LinkBatch>();
        Assert.Equal(2, batch.Count);
        Assert.Equal([1, 2], batch.Items.Take(2).Select(t => (int)((IcmpMessage)t.Packet.Payload).Sequence));
        Assert.Equal([1_000_000_000L, 1_000_100_000L], batch.Items.Take(2).Select(t => t.TxStart.Nanoseconds));
        coordinator.ExpectMsg<WindowDone>();
    }
}
