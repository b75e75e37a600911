using ActorNet.Core.Network;
using ActorNet.Core.Time;
using ActorNet.Engine.Actors;
using ActorNet.Results;
using CsCheck;

namespace ActorNet.Engine.Tests.Actors;

/// <summary>
/// Per-node window ends (WindowHorizon) matter where short and long links meet: a node behind long links runs
/// far past the classic window end while its neighbours are still busy. Property: on random networks whose links
/// are 50 µs, 1 ms or 20 ms long (mixed at random), with loss, jitter and duplicates, and a random stop-at that
/// cuts batches in flight, the actor engine's digest and summary equal the reference engine's at 1, 2 or 4 threads.
/// </summary>
public class HeterogeneousDelayDigestPropertyTests
{
    private static readonly long[] DelaysNs = [50_000, 1_000_000, 20_000_000];

    [Fact]
    public void Actor_engine_digest_equals_reference_when_short_and_long_links_mix()
    {
        Gen.Select(Gen.Int[2, 7], Gen.Int[2, 5], Gen.Int, Gen.ULong, Gen.Int[0, 1000], Gen.Int[0, 2].Select(i => 1 << i)).Sample((routers, hosts, shape, seed, stopMs, threads) =>
        {
            var scenario = RandomTopologyDigestPropertyTests.Build(routers, hosts, shape, seed);
            var random = new Random(shape ^ 0x5eed);
            scenario = scenario with
            {
                StopAt = SimTime.FromMicroseconds(1000L * (300 + stopMs) + 71),
                Links = [.. scenario.Links.Select(l => l with { Delay = SimTime.FromNanoseconds(DelaysNs[random.Next(DelaysNs.Length)]) })],
            };
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
        }, iter: 15, threads: 1);
    }
}
