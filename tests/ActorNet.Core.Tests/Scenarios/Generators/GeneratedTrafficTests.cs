using ActorNet.Core.Scenarios;
using ActorNet.Core.Scenarios.Generators;
using ActorNet.Core.Time;
using ActorNet.Core.Units;
using CsCheck;

namespace ActorNet.Core.Tests.Scenarios.Generators;

/// <summary><c>generate.traffic</c>: udp-pairs and ping-all expand into ordinary apps, deterministically.</summary>
public class GeneratedTrafficTests
{
    private const string FatTree4 = "topology = fat-tree, k = 4, rate = 10Gbit/s, delay = 10us";

    private static Scenario Load(string traffic, string head = "stop-at = 1s") =>
        GeneratedTopologyTests.Load($"{FatTree4}\ntraffic = [\n{traffic}\n]", head: head);

    [Fact]
    public void Udp_pairs_makes_a_sink_and_a_cbr_sender_per_flow_on_distinct_hosts_and_ports()
    {
        var s = Load("{ type = udp-pairs, flows = 20, rate = 100Mbit/s, packet-size = 1000, start = 1ms, stop = 5ms, seed = 3 }");
        var sinks = s.Apps.OfType<UdpSinkAppSpec>().ToList();
        var senders = s.Apps.OfType<UdpCbrAppSpec>().ToList();
        Assert.Equal(20, sinks.Count);
        Assert.Equal(20, senders.Count);
        Assert.Equal(Enumerable.Range(5000, 20).Select(p => (ushort)p), senders.Select(c => c.Port));
        var addressOf = s.Links.Where(l => l.NodeB.StartsWith("host-", StringComparison.Ordinal)).ToDictionary(l => l.NodeB, l => l.AddressB);   // hosts are side b of their link
        for (int i = 0; i < 20; i++)
        {
            var (sink, cbr) = (sinks[i], senders[i]);
            Assert.Equal($"udp-pairs-1-sink-{i}", sink.Name);
            Assert.Equal($"udp-pairs-1-cbr-{i}", cbr.Name);
            Assert.Equal(sink.Port, cbr.Port);
            Assert.NotEqual(cbr.Node, sink.Node);
            Assert.Equal(addressOf[sink.Node], cbr.Target);
            Assert.Equal(DataRate.FromMbps(100), cbr.Rate);
            Assert.Equal(1000, cbr.PacketBytes);
            Assert.Equal(SimTime.FromMilliseconds(1), cbr.Start);
            Assert.Equal(SimTime.FromMilliseconds(5), cbr.Stop);
        }
    }

    [Fact]
    public void Udp_pairs_is_the_same_for_a_seed_and_differs_for_another()
    {
        static IEnumerable<(string, string)> Pairs(Scenario s) =>
            s.Apps.OfType<UdpCbrAppSpec>().Zip(s.Apps.OfType<UdpSinkAppSpec>(), (c, k) => (c.Node, k.Node));
        var a = Load("{ type = udp-pairs, flows = 30, rate = 1Mbit/s, seed = 7 }");
        var b = Load("{ type = udp-pairs, flows = 30, rate = 1Mbit/s, seed = 7 }");
        var c = Load("{ type = udp-pairs, flows = 30, rate = 1Mbit/s, seed = 8 }");
        Assert.Equal(a.Apps, b.Apps);
        Assert.NotEqual(Pairs(a), Pairs(c));
    }

    [Fact]
    public void Udp_pairs_seed_defaults_to_the_run_seed_and_stop_to_stop_at()
    {
        var a = Load("{ type = udp-pairs, flows = 10, rate = 1Mbit/s }", head: "stop-at = 2s\nseed = 5");
        var b = Load("{ type = udp-pairs, flows = 10, rate = 1Mbit/s, seed = 5 }", head: "stop-at = 2s\nseed = 1");
        Assert.Equal(a.Apps, b.Apps);
        Assert.All(a.Apps.OfType<UdpCbrAppSpec>(), c => Assert.Equal(SimTime.FromSeconds(2), c.Stop));
    }

    [Fact]
    public void A_second_udp_pairs_entry_continues_the_ports_of_the_first()
    {
        var s = Load("""
            { type = udp-pairs, flows = 5, rate = 1Mbit/s }
            { type = udp-pairs, flows = 5, rate = 1Mbit/s, name = bulk }
            """);
        var ports = s.Apps.OfType<UdpSinkAppSpec>().Select(k => (int)k.Port).ToList();
        Assert.Equal(Enumerable.Range(5000, 10), ports);
        Assert.Contains(s.Apps, a => a.Name == "bulk-cbr-4");
    }

    [Fact]
    public void Chosen_pairs_are_uniform_enough_and_never_a_host_to_itself()
    {
        Gen.Int[2, 200].Select(Gen.Int[1, 500], Gen.ULong).Sample((hosts, flows, seed) =>
        {
            var pairs = TrafficGenerator.ChoosePairs(hosts, flows, seed, "t");
            Assert.Equal(flows, pairs.Count);
            Assert.All(pairs, p =>
            {
                Assert.NotEqual(p.Source, p.Destination);
                Assert.InRange(p.Source, 0, hosts - 1);
                Assert.InRange(p.Destination, 0, hosts - 1);
            });
            Assert.Equal(pairs, TrafficGenerator.ChoosePairs(hosts, flows, seed, "t"));
        });
        // 16 hosts, 16,000 flows: every source about 1,000 times (binomial sd ≈ 31).
        var many = TrafficGenerator.ChoosePairs(16, 16_000, 1, "t");
        Assert.All(many.GroupBy(p => p.Source), g => Assert.InRange(g.Count(), 850, 1150));
        Assert.All(many.GroupBy(p => p.Destination), g => Assert.InRange(g.Count(), 850, 1150));
    }

    [Fact]
    public void Ping_all_pings_every_ordered_pair_once()
    {
        var s = Load("{ type = ping-all, count = 2, interval = 10ms, start = 1ms }");
        var pings = s.Apps.OfType<PingAppSpec>().ToList();
        Assert.Equal(16 * 15, pings.Count);
        Assert.Equal(16 * 15, pings.Select(p => (p.Node, p.Target)).Distinct().Count());
        Assert.All(pings, p => Assert.Equal((2, SimTime.FromMilliseconds(10), SimTime.FromMilliseconds(1)), (p.Count, p.Interval, p.Start)));
        Assert.Equal(s.Apps.Count, s.Apps.Select(a => a.Name).Distinct().Count());
    }
}
