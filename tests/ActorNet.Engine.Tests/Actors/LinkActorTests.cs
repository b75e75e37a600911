using ActorNet.Core.Addressing;
using ActorNet.Core.Links;
using ActorNet.Core.Packets;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;
using ActorNet.Engine.Actors;
using Akka.Actor;
using Akka.Configuration;

namespace ActorNet.Engine.Tests.Actors;

/// <summary>A link actor on its own: probes play the nodes.</summary>
public class LinkActorTests() : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("akka.loglevel = WARNING"))
{
    private const int Nodes = 2;     // node 0 is A, node 1 is B; the link's channels are origins 2 and 3
    private const long DelayNs = 3_000_000;

    private static (Channel AToB, Channel BToA) Channels(LossModelSpec loss)
    {
        var link = TestScenarios.Link("a", "b", "10.0.9.0/24", "10000000", DelayNs) with { Loss = loss };
        return (new Channel(Nodes, "a-b/a>b", link, fromA: true, toNode: 1, toInterface: 0, runSeed: 42),
                new Channel(Nodes + 1, "a-b/b>a", link, fromA: false, toNode: 0, toInterface: 0, runSeed: 42));
    }

    private static Transmission[] Batch(int count) => [.. Enumerable.Range(0, count).Select(i => new Transmission(
        new Packet { Id = i, Source = IpAddress.Parse("10.0.9.1"), Destination = IpAddress.Parse("10.0.9.2"), Payload = new UdpDatagram(1, 2, 100) },
        SimTime.FromMicroseconds(100 * i), SimTime.FromMicroseconds(100 * i + 80)))];

    [Fact]
    public void Delays_each_packet_by_the_propagation_delay_and_forwards_the_batch_to_the_far_node()
    {
        var (ab, ba) = Channels(NoLoss.Instance);
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        var link = Sys.ActorOf(LinkActor.Props(ab, ba, 0, [a.Ref, b.Ref]));
        link.Tell(new LinkBatch(5, 1_000_000, 0, Batch(3), 3));

        var arrivals = b.ExpectMsg<Arrivals>();
        Assert.Equal(5, arrivals.Window);
        Assert.Equal([80_000 + DelayNs, 180_000 + DelayNs, 280_000 + DelayNs], arrivals.Events.Take(arrivals.Count).Select(e => e.Key.Time));
        Assert.All(arrivals.Events.Take(arrivals.Count), e => Assert.Equal((Nodes, 1, EventKind.PacketArrival), (e.Key.Origin, e.Node, e.Kind)));
        Assert.Equal([0L, 1, 2], arrivals.Events.Take(arrivals.Count).Select(e => e.Key.Seq));
                a.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Loses_packets_exactly_as_the_channel_would_on_its_own()
    {
        var (ab, ba) = Channels(new BernoulliLoss(0.5));
        var (oracle, _) = Channels(new BernoulliLoss(0.5));
        var b = CreateTestProbe();
        var link = Sys.ActorOf(LinkActor.Props(ab, ba, 0, [CreateTestProbe().Ref, b.Ref]));
        var batch = Batch(40);
        var copy = batch.ToArray();   // the link returns the batch's array to the pool
        link.Tell(new LinkBatch(1, 0, 0, batch, batch.Length));

        var expected = new List<long>();
        var sink = new Collect();
        foreach (var t in copy) oracle.Carry(t.Packet, t.TxStart, t.TxEnd, sink);
        var arrivals = b.ExpectMsg<Arrivals>();
        Assert.Equal(sink.Events.Select(e => ((Packet)e.Payload!).Id), arrivals.Events.Take(arrivals.Count).Select(e => ((Packet)e.Payload!).Id));
        Assert.InRange(arrivals.Count, 5, 35);   // some lost, some not
        Assert.Equal(40 - arrivals.Count, ab.Lost);
        Assert.Equal(ab.Lost, ab.Trace.Records);
    }

    [Fact]
    public void A_batch_lost_entirely_still_reaches_the_node_as_an_empty_batch_it_can_count()
    {
        var (ab, ba) = Channels(new BernoulliLoss(1.0));
        var a = CreateTestProbe();
        var link = Sys.ActorOf(LinkActor.Props(ab, ba, 0, [a.Ref, CreateTestProbe().Ref]));
        link.Tell(new LinkBatch(2, 0, 1, Batch(4), 4));   // B → A
        var arrivals = a.ExpectMsg<Arrivals>();
        Assert.Equal((2L, 0), (arrivals.Window, arrivals.Count));
        Assert.Equal(4, ba.Lost);
    }

    [Fact]
    public void An_arrival_inside_the_batch_window_fails_the_link()
    {
        var (ab, ba) = Channels(NoLoss.Instance);
        var link = Sys.ActorOf(LinkActor.Props(ab, ba, 0, [CreateTestProbe().Ref, CreateTestProbe().Ref]));
        // The window ends at 10 ms, but the first packet lands at 3.08 ms: the lookahead would be violated.
        EventFilter.Exception<SimulationException>().ExpectOne(() => link.Tell(new LinkBatch(0, 10_000_000, 0, Batch(1), 1)));
    }

    private sealed class Collect : IEventSink
    {
        public List<SimEvent> Events { get; } = [];
        public void Schedule(in SimEvent e) => Events.Add(e);
    }
}
