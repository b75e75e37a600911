using ActorNet.Core.Addressing;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Units;
using ActorNet.Engine.Actors;
using ActorNet.Results;
using CsCheck;

namespace ActorNet.Engine.Tests.Actors;

/// <summary>
/// Property: on a random connected network of 2–8 routers with hosts, lossy/jittery/duplicating
/// links and random UDP CBR and ping traffic, under a random seed, the actor engine's digest and
/// summary equal the reference engine's, at 1, 2 or 4 threads or the automatic choice (0).
/// </summary>
public class RandomTopologyDigestPropertyTests
{
    private static readonly SourceSpan Here = new("property", 1, 1);

    [Fact]
    public void Actor_engine_digest_equals_reference_on_random_networks()
    {
        Gen.Select(Gen.Int[2, 8], Gen.Int[2, 6], Gen.Int, Gen.ULong, Gen.Int[0, 3].Select(i => i == 3 ? 0 : 1 << i)).Sample((routers, hosts, shape, seed, threads) =>
        {
            long events = AssertSameAsReference(Build(routers, hosts, shape, seed), threads);
            Assert.True(events > 0, "the scenario should do something");
        }, iter: 20, threads: 1);
    }

    /// <summary>
    /// The counting rule (docs/ARCHITECTURE.md, "The actor engine"): links never report to the coordinator;
    /// a receiver counts every batch announced to it, including batches lost entirely (empty arrivals), while
    /// the next window already runs; batches still in flight at stop-at are drained before the run is
    /// reported. Property: with links that lose everything and a stop-at anywhere (batches in flight), the
    /// digest still equals the reference engine's.
    /// </summary>
    [Fact]
    public void Batches_lost_entirely_or_in_flight_at_stop_at_are_counted_and_drained()
    {
        Gen.Select(Gen.Int[2, 6], Gen.Int[2, 5], Gen.Int, Gen.ULong, Gen.Int[1, 1500], Gen.Int[0, 3].Select(i => i == 3 ? 0 : 1 << i)).Sample((routers, hosts, shape, seed, stopMs, threads) =>
        {
            var scenario = Build(routers, hosts, shape, seed);
            scenario = scenario with
            {
                StopAt = SimTime.FromMicroseconds(1000L * stopMs + 137),
                Links = [.. scenario.Links.Select((l, i) => i % 3 == 1 ? l with { Loss = new BernoulliLoss(1.0) } : l)],
            };
            AssertSameAsReference(scenario, threads);
        }, iter: 15, threads: 1);
    }

    /// <summary>Runs both engines; asserts equal events, digest and summary; returns the event count.</summary>
    private static long AssertSameAsReference(Scenario scenario, int threads)
    {
        var reference = NetworkBuilder.Build(scenario);
        var r = new Reference.ReferenceEngine().Run(reference, scenario.StopAt);
        var actors = NetworkBuilder.Build(scenario);
        var a = new ActorEngine(threads).Run(actors, scenario.StopAt);
        Assert.Equal(RunStatus.Completed, a.Status);
        Assert.Equal(r.Events, a.Events);
        var expected = SummaryBuilder.Build(reference, "x", r with { WallSeconds = 0 });
        var actual = SummaryBuilder.Build(actors, "x", a with { WallSeconds = 0 });
        Assert.Equal(expected.Run.Digest, actual.Run.Digest);
        Assert.Equal(ConfigDigestEqualityTests.Comparable(expected), ConfigDigestEqualityTests.Comparable(actual));
        return r.Events;
    }

    /// <summary>A connected random graph: a random tree over the routers plus a few extra links; each host on one router.</summary>
    internal static Scenario Build(int routers, int hosts, int shape, ulong seed)
    {
        var random = new Random(shape);
        var links = new List<LinkSpec>();
        int subnet = 0;
        LinkSpec Link(string a, string b)
        {
            int s = subnet++;
            var spec = TestScenarios.Link(a, b, $"10.{s / 256}.{s % 256}.0/24", (1_000_000L * random.Next(1, 101)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                100_000L * random.Next(1, 31), queue: random.Next(2, 60));
            return spec with
            {
                Loss = random.Next(3) == 0 ? NoLoss.Instance : new BernoulliLoss(random.NextDouble() * 0.2),
                Jitter = random.Next(3) == 0 ? SimTime.FromNanoseconds(random.Next(0, 500_000)) : SimTime.Zero,
                Duplicate = random.Next(4) == 0 ? random.NextDouble() * 0.1 : 0,
            };
        }
        for (int i = 1; i < routers; i++) links.Add(Link("r" + random.Next(i), "r" + i));
        for (int extra = random.Next(routers); extra > 0; extra--)
        {
            int a = random.Next(routers), b = random.Next(routers);
            if (a != b) links.Add(Link("r" + Math.Min(a, b), "r" + Math.Max(a, b)));
        }
        // Hosts are the A side of their access link, so their address is the subnet's .1.
        var hostAddress = new IpAddress[hosts];
        for (int h = 0; h < hosts; h++)
        {
            var access = Link("h" + h, "r" + random.Next(routers));
            links.Add(access);
            hostAddress[h] = access.AddressA;
        }

        var apps = new List<AppSpec>();
        var stop = SimTime.FromMilliseconds(1500);
        for (int h = 0; h < hosts; h++)
            apps.Add(new UdpSinkAppSpec { Name = "sink-" + h, Node = "h" + h, Port = 7000, At = Here });
        for (int f = random.Next(1, 2 * hosts); f > 0; f--)
        {
            int from = random.Next(hosts), to = (from + random.Next(1, hosts)) % hosts;
            if (random.Next(3) == 0)
                apps.Add(new PingAppSpec
                {
                    Name = $"ping-{f}", Node = "h" + from, Target = hostAddress[to], Count = random.Next(1, 6),
                    Interval = SimTime.FromMilliseconds(random.Next(50, 300)), Start = SimTime.FromMilliseconds(random.Next(0, 300)), At = Here,
                });
            else
                apps.Add(new UdpCbrAppSpec
                {
                    Name = $"cbr-{f}", Node = "h" + from, Target = hostAddress[to], Port = 7000,
                    Rate = new DataRate(100_000L * random.Next(1, 40)), PacketBytes = random.Next(100, 1400),
                    Start = SimTime.FromMilliseconds(random.Next(0, 300)), Stop = SimTime.FromMilliseconds(random.Next(400, 1400)), At = Here,
                });
        }
        var nodes = Enumerable.Range(0, routers).Select(i => ("r" + i, NodeKind.Router))
            .Concat(Enumerable.Range(0, hosts).Select(i => ("h" + i, NodeKind.Host)));
        return TestScenarios.Make($"random-{routers}r-{hosts}h-{shape}", stop, nodes, links, apps, seed);
    }
}
