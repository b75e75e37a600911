using ActorNet.Core.Addressing;
using ActorNet.Core.Apps;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Tracing;
using ActorNet.Core.Units;

namespace ActorNet.Engine.Tests;

/// <summary>Apps and link behaviours beyond S1–S3: lost probes, on/off timing, down links, duplication, jitter.</summary>
public class AppBehaviourTests
{
    private static readonly SourceSpan Here = new("test", 1, 1);

    /// <summary>h1 — r1 — h2 with 10 Mbit/s, 1 ms links; the r1–h2 link is shaped by <paramref name="shape"/>.</summary>
    private static Scenario Line(Func<LinkSpec, LinkSpec> shape, params AppSpec[] apps) => TestScenarios.Make("line", SimTime.FromSeconds(20),
        [("h1", NodeKind.Host), ("r1", NodeKind.Router), ("h2", NodeKind.Host)],
        [TestScenarios.Link("h1", "r1", "10.0.1.0/24", "10000000", 1_000_000), shape(TestScenarios.Link("r1", "h2", "10.0.2.0/24", "10000000", 1_000_000))],
        apps);

    private static readonly IpAddress H2 = Ipv4Address.Parse("10.0.2.2");

    [Fact]
    public void Traceroute_prints_a_star_for_every_probe_past_a_dead_link()
    {
        var trace = new TracerouteAppSpec { Name = "tr", Node = "h1", Target = H2, MaxHops = 3, ProbesPerHop = 2, Start = SimTime.FromSeconds(1), At = Here };
        var scenario = Line(l => l with { Down = [new DownInterval(SimTime.Zero, SimTime.FromSeconds(100))] }, trace);
        var report = Assert.IsType<TracerouteReport>(Assert.Single(ScenarioRuns.RunReference(scenario).Summary.Apps));
        Assert.False(report.Reached);
        Assert.Equal(3, report.Hops.Count);
        // Hop 1 is r1, which answers from its side of h1–r1 (10.0.1.2; TestScenarios gives side A .1, side B .2); beyond it the probes die on the down link.
        Assert.All(report.Hops[0].Probes, p => Assert.Equal(IpAddress.Parse("10.0.1.2"), p!.From));
        Assert.All(report.Hops.Skip(1).SelectMany(h => h.Probes), Assert.Null);
    }

    [Fact]
    public void Packets_sent_while_a_link_is_down_are_lost_and_counted()
    {
        // Ping once a second for 10 s from t = 1 s; the link is down during [3 s, 6 s): seq 3, 4, 5 are lost.
        var ping = new PingAppSpec { Name = "p", Node = "h1", Target = H2, Count = 10, Start = SimTime.FromSeconds(1), At = Here };
        var scenario = Line(l => l with { Down = [new DownInterval(SimTime.FromSeconds(3), SimTime.FromSeconds(6))] }, ping);
        var (network, summary) = ScenarioRuns.RunReference(scenario);
        var report = Assert.IsType<PingReport>(Assert.Single(summary.Apps));
        Assert.Equal([1, 2, 6, 7, 8, 9, 10], report.Replies.Select(r => r.Sequence));
        Assert.Equal(3, network["r1"].Drops(DropReason.LinkDown));
    }

    [Fact]
    public void On_off_sends_only_during_on_periods()
    {
        // 1000 B at 8 Mbit/s = one packet per 1 ms; on 10 ms, off 10 ms, for 100 ms: 5 bursts of 10.
        var sink = new UdpSinkAppSpec { Name = "sink", Node = "h2", Port = 9000, At = Here };
        var onoff = new UdpOnOffAppSpec
        {
            Name = "onoff", Node = "h1", Target = H2, Port = 9000, Rate = DataRate.FromMbps(8), PacketBytes = 1000,
            OnTime = SimTime.FromMilliseconds(10), OffTime = SimTime.FromMilliseconds(10),
            Start = SimTime.FromSeconds(1), Stop = SimTime.FromSeconds(1) + SimTime.FromMilliseconds(100), At = Here,
        };
        var summary = ScenarioRuns.RunReference(Line(l => l, sink, onoff)).Summary;
        var sender = Assert.Single(summary.Apps.OfType<UdpSenderReport>());
        var received = Assert.Single(summary.Apps.OfType<UdpSinkReport>());
        Assert.Equal(50, sender.Sent);
        Assert.Equal(50, received.Received);
        // The last packet leaves at 1 s + 4 × 20 ms + 9 ms; it arrives 2 × (1 ms + 0.8 ms) later.
        Assert.Equal(1_000_000_000 + 89_000_000 + 2 * 1_800_000, received.LastArrivalNs);
    }

    [Fact]
    public void Loss_on_one_direction_drops_only_that_direction()
    {
        // r1–h2 loses everything r1 sends (a→b) and nothing h2 sends: pings die on the way out, and h2's own
        // pings to h1 get no answer either (the replies come back through a→b), but their requests arrive.
        var ping = new PingAppSpec { Name = "ping", Node = "h1", Target = H2, Count = 5, Start = SimTime.FromSeconds(1), At = Here };
        var back = new PingAppSpec { Name = "back", Node = "h2", Target = Ipv4Address.Parse("10.0.1.1"), Count = 5, Start = SimTime.FromSeconds(1), At = Here };
        var summary = ScenarioRuns.RunReference(Line(l => l with { LossA = new BernoulliLoss(1.0) }, ping, back)).Summary;
        var aToB = summary.Ports.Single(p => p.Node == "r1" && p.Peer == "h2");
        var bToA = summary.Ports.Single(p => p.Node == "h2" && p.Peer == "r1");
        Assert.Equal(aToB.Transmitted, aToB.LostOnLink);      // 5 requests + 5 replies, all lost
        Assert.Equal(10, aToB.LostOnLink);
        Assert.Equal(0, bToA.LostOnLink);
        Assert.Equal(5, bToA.Transmitted);                     // h2's requests go out and arrive at r1
        Assert.All(summary.Apps.OfType<PingReport>(), p => Assert.Empty(p.Replies));
    }

    [Fact]
    public void A_duplicating_link_delivers_some_packets_twice()
    {
        var sink = new UdpSinkAppSpec { Name = "sink", Node = "h2", Port = 9000, At = Here };
        var cbr = new UdpCbrAppSpec { Name = "cbr", Node = "h1", Target = H2, Port = 9000, Rate = DataRate.FromMbps(1), PacketBytes = 500, Start = SimTime.Zero, Stop = SimTime.FromSeconds(10), At = Here };
        var summary = ScenarioRuns.RunReference(Line(l => l with { Duplicate = 0.1 }, sink, cbr)).Summary;
        var sent = Assert.Single(summary.Apps.OfType<UdpSenderReport>()).Sent;          // 2,500
        var got = Assert.Single(summary.Apps.OfType<UdpSinkReport>()).Received;
        var dup = summary.Ports.Single(p => p.Node == "r1" && p.Peer == "h2").Duplicated;
        Assert.Equal(2_500, sent);
        Assert.Equal(sent + dup, got);
        Assert.InRange(dup, 250 - 80, 250 + 80); // Binomial(2500, 0.1): sd 15
    }

    [Fact]
    public void Jitter_reorders_but_never_delivers_early()
    {
        var sink = new UdpSinkAppSpec { Name = "sink", Node = "h2", Port = 9000, At = Here };
        var ping = new PingAppSpec { Name = "p", Node = "h1", Target = H2, Count = 50, Interval = SimTime.FromMilliseconds(100), Start = SimTime.Zero, At = Here };
        var summary = ScenarioRuns.RunReference(Line(l => l with { Jitter = SimTime.FromMilliseconds(5) }, sink, ping)).Summary;
        var report = Assert.Single(summary.Apps.OfType<PingReport>());
        // 84 B at 10 Mbit/s: 67.2 us per link; base RTT 4 × 1.0672 ms; the jittery link adds 0–5 ms each way.
        long baseRtt = 4 * 1_067_200;
        Assert.Equal(50, report.Received);
        Assert.All(report.Replies, r => Assert.InRange(r.RttNs, baseRtt, baseRtt + 2 * 5_000_000));
        Assert.True(report.Replies.Select(r => r.RttNs).Distinct().Count() > 10, "jitter should vary the RTT");
    }
}
