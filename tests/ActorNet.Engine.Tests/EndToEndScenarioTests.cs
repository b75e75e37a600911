using ActorNet.Core.Addressing;
using ActorNet.Core.Apps;
using ActorNet.Core.Tracing;

namespace ActorNet.Engine.Tests;

/// <summary>SCENARIOS.md S1–S3 through the config files, asserting the numbers theory gives (reference engine; the actor engine in a subclass).</summary>
public class EndToEndScenarioTests
{
    private readonly string _engine;

    public EndToEndScenarioTests() : this("reference") { }

    protected EndToEndScenarioTests(string engine) => _engine = engine;

    [Fact]
    public void S1_ping_every_echo_has_rtt_20_2688_ms_and_ttl_63()
    {
        var (_, summary) = ScenarioRuns.Run(ScenarioRuns.Load("ping.conf"), _engine);
        var ping = Assert.IsType<PingReport>(Assert.Single(summary.Apps));
        Assert.Equal(5, ping.Sent);
        Assert.Equal(5, ping.Received);
        // 84 B IP packets (56 data + 8 ICMP + 20 IP): 84·8 / 10^7 s = 67,200 ns per link.
        // RTT = 2 directions × 2 links × (5,000,000 + 67,200) ns = 20,268,800 ns.
        Assert.All(ping.Replies, r => Assert.Equal(20_268_800L, r.RttNs));
        // The reply crosses one router: TTL 64 − 1.
        Assert.All(ping.Replies, r => Assert.Equal(63, r.Ttl));
        Assert.Equal([1, 2, 3, 4, 5], ping.Replies.Select(r => r.Sequence));
    }

    [Fact]
    public void S2_traceroute_shows_each_router_facing_h1_then_h2_at_k_times_2_00928_ms()
    {
        var (_, summary) = ScenarioRuns.Run(ScenarioRuns.Load("traceroute.conf"), _engine);
        var trace = Assert.IsType<TracerouteReport>(Assert.Single(summary.Apps));
        Assert.True(trace.Reached);
        string[] expected = ["10.0.1.1", "10.0.2.2", "10.0.3.2", "10.0.4.2"];
        Assert.Equal(expected.Length, trace.Hops.Count);
        for (int k = 1; k <= expected.Length; k++)
        {
            var hop = trace.Hops[k - 1];
            Assert.Equal(k, hop.Ttl);
            Assert.Equal(3, hop.Probes.Count);
            // Probe 60 B: 4,800 ns per link at 100 Mbit/s; answer 56 B: 4,480 ns per link.
            // RTT = k·(1 ms + 4.8 us) + k·(1 ms + 4.48 us) = k × 2,009,280 ns.
            Assert.All(hop.Probes, p =>
            {
                Assert.NotNull(p);
                Assert.Equal(IpAddress.Parse(expected[k - 1]), p!.From);
                Assert.Equal(k * 2_009_280L, p.RttNs);
            });
        }
        Assert.All(trace.Hops[^1].Probes, p => Assert.True(p!.IsDestination));
    }

    [Fact]
    public void S3_droptail_delivers_12600_drops_12400_and_accounts_for_every_packet()
    {
        var (network, summary) = ScenarioRuns.Run(ScenarioRuns.Load("droptail.conf"), _engine);
        var sender = Assert.Single(summary.Apps.OfType<UdpSenderReport>());
        var sink = Assert.Single(summary.Apps.OfType<UdpSinkReport>());
        // 10 s at one packet per 400 us.
        Assert.Equal(25_000, sender.Sent);
        // r1 serves one 1000 B packet per 800 us; arrivals come twice as fast, so the 100-packet
        // buffer fills after ~200 arrivals and every second arrival is dropped: ~12,500 served
        // during the 10 s plus the 100 left in the buffer = 12,600 delivered, 12,400 dropped.
        Assert.InRange(sink.Received, 12_598, 12_602);
        var bottleneck = Assert.Single(summary.Ports, p => p.Node == "r1" && p.Peer == "h2");
        Assert.InRange(bottleneck.DroppedQueueFull, 12_398, 12_402);
        Assert.Equal(100, bottleneck.PeakQueuePackets);
        // Nothing vanishes: every packet sent is delivered or dropped (the run lasts until the buffer drains).
        Assert.Equal(0, bottleneck.QueueAtEnd);
        Assert.Equal(25_000, sink.Received + bottleneck.DroppedQueueFull);
        Assert.Equal(sink.Received, sender.Received);
        Assert.Equal(bottleneck.DroppedQueueFull, sender.Lost);   // every loss is a drop at r1, and nothing is left on its way
        Assert.Equal(0, sender.InFlightAtEnd);
        Assert.Equal(bottleneck.DroppedQueueFull, network["r1"].Drops(DropReason.QueueFull));
    }
}

/// <summary>The same physics over IPv6 (RFC 8200 headers of 40 B, ICMPv6 per RFC 4443).</summary>
public class Ipv6EndToEndTests
{
    [Fact]
    public void Ping6_rtt_counts_the_40_byte_header_and_hop_limit_drops_by_one()
    {
        var (_, summary) = ScenarioRuns.RunReference(ScenarioRuns.Load("ipv6.conf"));
        var ping = Assert.Single(summary.Apps.OfType<PingReport>());
        Assert.Equal(3, ping.Received);
        // 104 B per packet: 83,200 ns per link; 4 × (5,000,000 + 83,200) ns.
        Assert.All(ping.Replies, r => Assert.Equal(20_332_800L, r.RttNs));
        Assert.All(ping.Replies, r => Assert.Equal(63, r.Ttl));
    }

    [Fact]
    public void Traceroute6_sees_the_router_then_the_destination()
    {
        var (_, summary) = ScenarioRuns.RunReference(ScenarioRuns.Load("ipv6.conf"));
        var trace = Assert.Single(summary.Apps.OfType<TracerouteReport>());
        Assert.True(trace.Reached);
        Assert.Equal(2, trace.Hops.Count);
        // Probe 80 B: 64,000 ns per link; answer 96 B (8 + quoted 40 + 8, in a 40 B header): 76,800 ns per link.
        Assert.All(trace.Hops[0].Probes, p => Assert.Equal((IpAddress.Parse("2001:db8:1::1"), 10_140_800L), (p!.From, p.RttNs)));
        Assert.All(trace.Hops[1].Probes, p => Assert.Equal((IpAddress.Parse("2001:db8:2::2"), 20_281_600L), (p!.From, p.RttNs)));
    }
}
