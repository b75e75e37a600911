using ActorNet.Core.Addressing;
using ActorNet.Core.Network;
using ActorNet.Core.Packets;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;
using ActorNet.Core.Tracing;
using ActorNet.Engine.Actors;
using Akka.Actor;
using Akka.Configuration;

namespace ActorNet.Engine.Tests.Actors;

/// <summary>A router's node actor on its own: probes play the coordinator and the link actors.</summary>
public class RouterNodeActorTests() : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("akka.loglevel = WARNING"))
{
    // h1 —eth0— r1 —eth1— h2, r1 —eth2— h3. Node ids by name: h1 0, h2 1, h3 2, r1 3.
    // Channels (origin − N): link l is 2l (A→B) and 2l+1 (B→A): r1→h2 is 2, r1→h3 is 4.
    private static NetworkModel Network(int queuePackets = 100) => NetworkBuilder.Build(TestScenarios.Make("router", SimTime.FromSeconds(1),
        [("h1", NodeKind.Host), ("h2", NodeKind.Host), ("h3", NodeKind.Host), ("r1", NodeKind.Router)],
        [
            TestScenarios.Link("h1", "r1", "10.0.1.0/24", "10000000", 1_000_000),
            TestScenarios.Link("r1", "h2", "10.0.2.0/24", "10000000", 1_000_000, queuePackets),
            TestScenarios.Link("r1", "h3", "10.0.3.0/24", "10000000", 1_000_000),
        ], []));

    private static SimEvent ArrivalFromH1(Node r1, long atNs, long seq, string destination, long packetId) =>
        new(new EventKey(atNs, r1.Id + 1 /* any origin id of a channel */, seq), r1.Id, EventKind.PacketArrival, 0, new Packet
        {
            Id = packetId,
            Source = IpAddress.Parse("10.0.1.2"),
            Destination = IpAddress.Parse(destination),
            Payload = new UdpDatagram(5000, 6000, 972),
        });

    private (Node R1, IActorRef Actor, Akka.TestKit.TestProbe Coordinator, Akka.TestKit.TestProbe Links) Start(NetworkModel network)
    {
        var r1 = network["r1"];
        var coordinator = CreateTestProbe();
        var links = CreateTestProbe();
        var actor = Sys.ActorOf(NodeActor.Props(new NodeRunner(r1, network.Nodes.Count), coordinator.Ref, [links.Ref, links.Ref, links.Ref]));
        return (r1, actor, coordinator, links);
    }

    [Fact]
    public void Forwards_by_longest_prefix_match_to_the_link_of_the_destination()
    {
        var (r1, actor, coordinator, links) = Start(Network());
        actor.Tell(Arrivals(ArrivalFromH1(r1, 1_000_000, 0, "10.0.3.2", 7)));
        actor.Tell(new RunWindow(1, 1_500_000, ExpectedArrivalBatches: 1));

        var batch = links.ExpectMsg<LinkBatch>();
        Assert.Equal(1, batch.Window);
        Assert.Equal(4, batch.Channel);   // r1 → h3: 10.0.3.0/24 is the longest match
        Assert.Equal(1, batch.Count);
        var t = batch.Items[0];
        Assert.Equal(7, t.Packet.Id);
        Assert.Equal(63, t.Packet.Ttl);
        Assert.Equal(1_000_000, t.TxStart.Nanoseconds);
        // 1000 B at 10 Mbit/s: 800 us on the wire, so it is still transmitting at the window's end (1.5 ms).
        Assert.Equal(1_800_000, t.TxEnd.Nanoseconds);
        var done = coordinator.ExpectMsg<WindowDone>();
        Assert.Equal(new WindowDone(1, r1.Id, 1_800_000, 1, [new BatchSent(4, 2, 1_800_000 + 1_000_000)]), done);
    }

    [Fact]
    public void Drops_on_a_full_buffer_and_counts_it()
    {
        var (r1, actor, coordinator, links) = Start(Network(queuePackets: 1));
        // Three packets for h2 at once: one goes on the wire, one waits, the third finds the buffer full.
        actor.Tell(Arrivals([.. Enumerable.Range(0, 3).Select(i => ArrivalFromH1(r1, 1_000_000, i, "10.0.2.2", 10 + i))]));
        actor.Tell(new RunWindow(1, 1_100_000, ExpectedArrivalBatches: 1));

        var batch = links.ExpectMsg<LinkBatch>();
        Assert.Equal(2, batch.Channel);
        Assert.Equal(1, batch.Count);
        Assert.Equal(10, batch.Items[0].Packet.Id);
        Assert.Equal(new WindowDone(1, r1.Id, 1_800_000, 3, [new BatchSent(2, 1, 2_800_000)]), coordinator.ExpectMsg<WindowDone>());
        Assert.Equal(1, r1.Drops(DropReason.QueueFull));
        Assert.Equal(1, r1.Interfaces[1].Port.Queue.Count);
    }

    [Fact]
    public void Does_not_run_a_window_before_holding_every_arrival_batch_it_was_told_to_expect()
    {
        var (r1, actor, coordinator, links) = Start(Network());
        actor.Tell(new RunWindow(1, 1_500_000, ExpectedArrivalBatches: 2));
        actor.Tell(Arrivals(ArrivalFromH1(r1, 1_000_000, 0, "10.0.2.2", 1)));
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        links.ExpectNoMsg(TimeSpan.Zero);

        // The second batch carries an earlier event than the first: the key orders them, not delivery.
        actor.Tell(Arrivals(ArrivalFromH1(r1, 900_000, 0, "10.0.2.2", 2)));
        var batch = links.ExpectMsg<LinkBatch>();
        Assert.Equal([2L], batch.Items.Take(batch.Count).Select(t => t.Packet.Id));   // packet 1 waits behind packet 2 in the buffer
        Assert.Equal(2, coordinator.ExpectMsg<WindowDone>().EventsHandled);
    }

    private static Arrivals Arrivals(params SimEvent[] events) => new(0, events, events.Length);
}
