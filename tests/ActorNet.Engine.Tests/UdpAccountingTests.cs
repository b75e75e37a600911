using ActorNet.Core.Addressing;
using ActorNet.Core.Apps;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Tracing;
using ActorNet.Core.Units;

namespace ActorNet.Engine.Tests;

/// <summary>
/// A UDP sender's packets are received, lost (dropped somewhere: queue full, link loss, link down, no
/// route…) or still in flight when the run ends, and the three add up: sent + copies made by links =
/// received + lost + in flight. Lost counts only real drops, so a run that drops nothing loses nothing.
/// </summary>
public class UdpAccountingTests
{
    private static readonly SourceSpan Here = new("test", 1, 1);
    private static readonly IpAddress H2 = Ipv4Address.Parse("10.0.2.2");

    /// <summary>h1 —[first, delay]— r1 —[10 Mbit/s, delay]— h2; the r1→h2 direction is shaped by <paramref name="shape"/>.</summary>
    private static Scenario Line(SimTime stopAt, long delayNs, Func<LinkSpec, LinkSpec> shape, AppSpec[] apps, string first = "10000000") => TestScenarios.Make("line", stopAt,
        [("h1", NodeKind.Host), ("r1", NodeKind.Router), ("h2", NodeKind.Host)],
        [TestScenarios.Link("h1", "r1", "10.0.1.0/24", first, delayNs), shape(TestScenarios.Link("r1", "h2", "10.0.2.0/24", "10000000", delayNs))],
        apps);

    private static UdpCbrAppSpec Cbr(string name, IpAddress target, long mbps, SimTime start, SimTime stop) => new()
    {
        Name = name, Node = "h1", Target = target, Port = 9000, Rate = DataRate.FromMbps(mbps), PacketBytes = 1000, Start = start, Stop = stop, At = Here,
    };

    private static UdpSinkAppSpec Sink() => new() { Name = "sink", Node = "h2", Port = 9000, At = Here };

    [Theory]
    [InlineData("reference")]
    [InlineData("actors")]
    public void A_flow_stopped_mid_stream_loses_nothing_and_has_the_last_one_way_delay_in_flight(string engine)
    {
        // 1000 B every 2 ms (4 Mbit/s) from 1 s, over two 10 Mbit/s, 10 ms links: 0.8 ms on each wire, so no
        // queueing, and each packet arrives 2 × (10 + 0.8) ms = 21.6 ms after it was sent. The run stops at
        // T = 2.001 s, mid-stream (the app would go on to 10 s). Sent: slots 1 s + 2k ms < T, k = 0…500: 501.
        // Received: those that arrived before T, sent before T − 21.6 ms = 1.9794 s, k = 0…489: 490.
        // In flight: the packets sent in the last one-way delay, k = 490…500: 11 (= ⌈21.6 / 2⌉). Nothing dropped.
        var scenario = Line(SimTime.FromMilliseconds(2001), 10_000_000, l => l,
            [Sink(), Cbr("cbr", H2, 4, SimTime.FromSeconds(1), SimTime.FromSeconds(10))]);
        var (network, summary) = ScenarioRuns.Run(scenario, engine);
        var sender = Assert.Single(summary.Apps.OfType<UdpSenderReport>());
        Assert.Equal(501, sender.Sent);
        Assert.Equal(490, sender.Received);
        Assert.Equal(0, sender.Lost);
        Assert.Equal(11, sender.InFlightAtEnd);
        Assert.All(summary.Nodes, n => Assert.Empty(n.Drops));
        Assert.Equal(0, network["r1"].Drops(DropReason.QueueFull));
    }

    /// <summary>
    /// Two flows from h1 (on a 100 Mbit/s link, so h1 itself never drops): "to-h2" at 12 Mbit/s into a 10 Mbit/s link with a 10-packet queue, 5 % loss and a
    /// 100 ms outage (queue drops, link loss, link down), and "nowhere" to an address no route leads to
    /// (r1 drops every packet: no route).
    /// </summary>
    private static Scenario Lossy(SimTime stopAt) => Line(stopAt, 1_000_000,
        l => l with { QueueA = new QueueLimit(10, 0), LossA = new BernoulliLoss(0.05), Down = [new DownInterval(SimTime.FromMilliseconds(1500), SimTime.FromMilliseconds(1600))] },
        [Sink(), Cbr("to-h2", H2, 12, SimTime.FromSeconds(1), SimTime.FromSeconds(3)), Cbr("nowhere", Ipv4Address.Parse("10.9.9.9"), 1, SimTime.FromSeconds(1), SimTime.FromSeconds(3))],
        first: "100000000");

    [Theory]
    [InlineData(2500)]   // mid-stream: the queue at r1 is full and packets are on the wires
    [InlineData(4000)]   // a second after the senders stopped: everything arrived or was dropped
    public void Lost_counts_the_drops_of_the_flow_wherever_they_happen_on_both_engines(int stopMs)
    {
        var scenario = Lossy(SimTime.FromMilliseconds(stopMs));
        var (network, reference) = ScenarioRuns.RunReference(scenario);
        var (_, actors) = ScenarioRuns.RunActors(scenario);
        var toH2 = reference.Apps.OfType<UdpSenderReport>().Single(a => a.Name == "to-h2");
        var nowhere = reference.Apps.OfType<UdpSenderReport>().Single(a => a.Name == "nowhere");

        // Only to-h2's packets use r1→h2; only nowhere's meet "no route".
        var bottleneck = reference.Ports.Single(p => p.Node == "r1" && p.Peer == "h2");
        Assert.True(bottleneck.DroppedQueueFull > 0 && bottleneck.LostOnLink > 0 && bottleneck.LostLinkDown > 0, "every kind of drop happened");
        Assert.Equal(bottleneck.DroppedQueueFull + bottleneck.LostOnLink + bottleneck.LostLinkDown, toH2.Lost);
        Assert.Equal(network["r1"].Drops(DropReason.NoRoute), nowhere.Lost);
        Assert.True(nowhere.Lost > 0);
        Assert.Null(nowhere.Received);      // no sink listens there
        Assert.Null(nowhere.InFlightAtEnd);

        Assert.Equal(toH2.Sent, toH2.Received + toH2.Lost + toH2.InFlightAtEnd);
        if (stopMs == 4000) Assert.Equal(0, toH2.InFlightAtEnd);
        else Assert.InRange(toH2.InFlightAtEnd!.Value, bottleneck.QueueAtEnd, bottleneck.QueueAtEnd + 10);   // the queue, the wires
        // Engine-independent, field by field (the reports are records of plain values).
        Assert.Equal(reference.Apps.OfType<UdpSenderReport>(), actors.Apps.OfType<UdpSenderReport>());
    }

    [Theory]
    [InlineData(1499)]
    [InlineData(12000)]
    public void Copies_made_by_a_duplicating_link_are_counted_so_the_books_balance(int stopMs)
    {
        // 1000 B every 8 ms for 10 s over links of 1 ms; r1→h2 delivers 10 % of packets twice.
        var scenario = Line(SimTime.FromMilliseconds(stopMs), 1_000_000, l => l with { Duplicate = 0.1 },
            [Sink(), Cbr("cbr", H2, 1, SimTime.Zero, SimTime.FromSeconds(10))]);
        var (_, summary) = ScenarioRuns.RunReference(scenario);
        var sender = Assert.Single(summary.Apps.OfType<UdpSenderReport>());
        var copies = summary.Ports.Single(p => p.Node == "r1" && p.Peer == "h2").Duplicated;
        Assert.True(copies > 0);
        Assert.Equal(copies, sender.Duplicated);
        Assert.Equal(0, sender.Lost);
        Assert.Equal(sender.Sent + copies, sender.Received + sender.InFlightAtEnd);
        // At 1.499 s the packet sent at 1.496 s is on its way (0.8 ms on each wire + 1 ms each: 3.6 ms in all), with
        // its copy if it got one; the one sent at 1.488 s arrived at 1.4916 s. At 12 s nothing is on its way.
        Assert.InRange(sender.InFlightAtEnd!.Value, stopMs == 1499 ? 1 : 0, stopMs == 1499 ? 2 : 0);
    }

    [Fact]
    public void Random_1000_drops_nothing_so_its_flows_lose_nothing()
    {
        // config/random-1000.conf: 100 flows of 10 Mbit/s on 100 Mbit/s host links and 1 Gbit/s routers, for
        // 100 ms; nothing overflows and no link loses, so what was not received was in flight.
        var (_, summary) = ScenarioRuns.RunReference(ScenarioRuns.Load("random-1000.conf"));
        Assert.All(summary.Nodes, n => Assert.Empty(n.Drops));
        var senders = summary.Apps.OfType<UdpSenderReport>().ToList();
        Assert.Equal(100, senders.Count);
        Assert.All(senders, s =>
        {
            Assert.Equal(0, s.Lost);
            Assert.Equal(s.Sent - s.Received, s.InFlightAtEnd);
            Assert.True(s.InFlightAtEnd > 0, $"{s.Name}: 1–5 ms a hop, so the last few ms of packets are still on their way");
        });
    }
}
