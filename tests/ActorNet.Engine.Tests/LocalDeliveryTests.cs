using ActorNet.Core.Addressing;
using ActorNet.Core.Apps;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Units;
using ActorNet.Engine.Actors;
using ActorNet.Results;

namespace ActorNet.Engine.Tests;

/// <summary>
/// Packets a host sends to one of its own addresses never reach a link: the host delivers them itself, as a
/// real host's stack does (Linux routes a local destination through its loopback device). Local
/// delivery takes no virtual time, and it is an event of the host (keyed by the host's own counter), so both
/// engines run it in the same order and agree on the digest.
/// </summary>
public class LocalDeliveryTests
{
    private static readonly SourceSpan Here = new("test", 1, 1);

    /// <summary>h1 —[10 Mbit/s, 5 ms]— r1 —[10 Mbit/s, 5 ms]— h2 (S1's line), IPv4 or IPv6, with these apps.</summary>
    private static Scenario Line(bool v6, params AppSpec[] apps) => TestScenarios.Make("self", SimTime.FromSeconds(10),
        [("h1", NodeKind.Host), ("r1", NodeKind.Router), ("h2", NodeKind.Host)],
        [
            TestScenarios.Link("h1", "r1", v6 ? "2001:db8:1::/64" : "10.0.1.0/24", "10000000", 5_000_000),
            TestScenarios.Link("r1", "h2", v6 ? "2001:db8:2::/64" : "10.0.2.0/24", "10000000", 5_000_000),
        ],
        apps);

    private static IpAddress H1(bool v6) => IpAddress.Parse(v6 ? "2001:db8:1::1" : "10.0.1.1");

    /// <summary>The reference engine, and the actor engine with sockets as child actors and inside the host: one digest.</summary>
    private static (Results.RunSummary Reference, Results.RunSummary Actors) RunBoth(Scenario scenario)
    {
        var (_, reference) = ScenarioRuns.RunReference(scenario);
        var (_, actors) = ScenarioRuns.RunActors(scenario);
        Assert.Equal(reference.Run.Digest, actors.Run.Digest);
        var network = NetworkBuilder.Build(scenario);
        var hostSockets = new ActorEngine(2, sockets: SocketPlacement.Host).Run(network, scenario.StopAt);
        Assert.Equal(RunStatus.Completed, hostSockets.Status);
        Assert.Equal(reference.Run.Digest, SummaryBuilder.Build(network, "actors", hostSockets).Run.Digest);
        return (reference, actors);
    }

    // The actor engine runs a window of events with time < E in key order. A local delivery created while handling
    // an event at t is at t < E too, so the node handles it in the same window: one window [0, 1 s + 1 ns) takes the
    // ping's start, the request's delivery, the reply's delivery and the app's reading of it, and the node's next
    // event is the second ping's timer at 2 s. (No other node is involved: nothing waits for a later window.)
    [Fact]
    public void A_local_delivery_is_handled_in_the_window_of_the_event_that_caused_it()
    {
        var ping = new PingAppSpec { Name = "ping", Node = "h1", Target = H1(false), Count = 2, Start = SimTime.FromSeconds(1), At = Here };
        var network = NetworkBuilder.Build(Line(false, ping));
        var runner = new NodeRunner(network["h1"], network.Nodes.Count, socketsInPlace: true);
        runner.Start();
        Assert.False(runner.Run(1_000_000_001, out _));
        Assert.Equal(3, runner.TakeHandledCount());   // app start, request delivered, reply delivered
        Assert.Equal(2_000_000_000, runner.NextEventNs);
        var report = Assert.IsType<PingReport>(((Host)network["h1"]).Apps.Single().Report());
        Assert.Equal(new PingReply(1, 0, 64), Assert.Single(report.Replies));
    }

    // Through r1 the echo would take 2 × 2 × (5 ms + 67.2 µs) = 20.2688 ms (S1) and come back with TTL 63. Delivered
    // by h1 itself: no link, no serialization, no queue, no hop: RTT 0 and TTL 64, and h1's port sends nothing.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_host_pinging_its_own_address_gets_every_reply_at_once(bool v6)
    {
        var ping = new PingAppSpec { Name = "ping", Node = "h1", Target = H1(v6), Count = 5, Start = SimTime.FromSeconds(1), At = Here };
        var (reference, actors) = RunBoth(Line(v6, ping));
        foreach (var summary in new[] { reference, actors })
        {
            var report = Assert.IsType<PingReport>(Assert.Single(summary.Apps));
            Assert.Equal([1, 2, 3, 4, 5], report.Replies.Select(r => r.Sequence));
            Assert.All(report.Replies, r => Assert.Equal((0L, 64), (r.RttNs, r.Ttl)));
            Assert.All(summary.Ports, p => Assert.Equal(0, p.Transmitted));
            // Each echo request and each reply is originated and delivered by h1.
            var h1 = summary.Nodes.Single(n => n.Node == "h1");
            Assert.Equal((0L, 10L, 10L), (h1.Received, h1.Delivered, h1.Originated));
        }
    }

    // A 1 MB transfer from h1 to a sink on h1 crosses no link, so every step takes no virtual time: with delayed
    // ACKs off nothing waits for a timer (every segment is acknowledged at once, Nagle's short segment goes when that
    // ACK comes), so the handshake, all 1,000,000 bytes and both FINs happen at the start time, 1 s. Only the
    // sender's TIME-WAIT takes time: it closes at 1 s + 2·MSL = 3 s (MSL 1 s).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_tcp_transfer_to_a_sink_on_the_same_host_completes_in_no_time(bool v6)
    {
        var tcp = new TcpSpec { DelayedAck = false, Msl = SimTime.FromSeconds(1) };
        var scenario = Line(v6,
            new TcpSinkAppSpec { Name = "sink", Node = "h1", Port = 5001, Tcp = tcp, At = Here },
            new TcpBulkAppSpec { Name = "bulk", Node = "h1", Target = H1(v6), Port = 5001, Bytes = 1_000_000, Start = SimTime.FromSeconds(1), Tcp = tcp, At = Here });
        var (reference, _) = RunBoth(scenario);

        var bulk = Assert.Single(reference.Apps.OfType<TcpBulkReport>());
        var flow = Assert.Single(Assert.Single(reference.Apps.OfType<TcpSinkReport>()).Flows);
        Assert.Equal((1_000_000L, 1_000_000L), (bulk.BytesGiven, flow.Bytes));
        Assert.Equal(bulk.Sha256, flow.Sha256);
        Assert.Equal(H1(v6), flow.Remote);
        long start = 1_000_000_000;
        Assert.Equal((start, start, start), (bulk.ConnectedAtNs, flow.FirstByteNs, flow.LastByteNs));
        Assert.Equal(("closed", "closed"), (bulk.Outcome, flow.Outcome));
        Assert.Equal(start + 2_000_000_000, bulk.ClosedAtNs);
        Assert.All(reference.Ports, p => Assert.Equal(0, p.Transmitted));
        var flowSummary = Assert.Single(reference.TcpFlows);
        Assert.Equal(("h1", "h1", 0L), (flowSummary.ClientNode, flowSummary.ServerNode, flowSummary.BytesRetransmitted));
    }

    // 1000 B packets at 8 Mbit/s from 1 s to 1.1 s: one every 1 ms, 100 in all, each delivered at its send time.
    [Fact]
    public void A_udp_flow_to_a_sink_on_the_same_host_arrives_whole_at_its_send_times()
    {
        var scenario = Line(false,
            new UdpSinkAppSpec { Name = "sink", Node = "h1", Port = 9000, At = Here },
            new UdpCbrAppSpec
            {
                Name = "cbr", Node = "h1", Target = H1(false), Port = 9000, Rate = DataRate.FromMbps(8), PacketBytes = 1000,
                Start = SimTime.FromSeconds(1), Stop = SimTime.FromSeconds(1) + SimTime.FromMilliseconds(100), At = Here,
            });
        var (reference, _) = RunBoth(scenario);
        var sender = Assert.Single(reference.Apps.OfType<UdpSenderReport>());
        var sink = Assert.Single(reference.Apps.OfType<UdpSinkReport>());
        Assert.Equal((100L, 100L, 0L), (sender.Sent, sink.Received, sender.Lost!.Value));
        Assert.Equal((1_000_000_000L, 1_099_000_000L), (sink.FirstArrivalNs!.Value, sink.LastArrivalNs!.Value));
        Assert.All(reference.Ports, p => Assert.Equal(0, p.Transmitted));
    }
}
