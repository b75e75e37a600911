using ActorNet.Core.Addressing;
using ActorNet.Core.Links;
using ActorNet.Core.Packets;
using ActorNet.Core.Randomness;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Tests.Links;

public class LossModelTests
{
    [Fact]
    public void Bernoulli_loses_about_p_of_packets()
    {
        var model = new BernoulliLossModel(0.01);
        var random = RandomStream.For(1, "test");
        int lost = Enumerable.Range(0, 200_000).Count(_ => model.Lose(random));
        // Binomial(200000, 0.01): mean 2000, sd ≈ 44.5; ±5 sd.
        Assert.InRange(lost, 2000 - 223, 2000 + 223);
    }

    [Fact]
    public void Gilbert_elliott_matches_its_stationary_rate_and_is_bursty()
    {
        var model = new GilbertElliottLossModel(0.01, 0.2, 0.0, 0.5);
        var random = RandomStream.For(2, "test");
        var losses = Enumerable.Range(0, 400_000).Select(_ => model.Lose(random)).ToArray();
        double rate = losses.Count(x => x) / (double)losses.Length;
        // πB = 0.01 / 0.21 ≈ 0.0476; loss ≈ 0.0238.
        Assert.InRange(rate, model.StationaryLossRate * 0.9, model.StationaryLossRate * 1.1);
        // Bursty: a loss is followed by a loss far more often than the average rate.
        int pairs = 0, after = 0;
        for (int i = 1; i < losses.Length; i++)
            if (losses[i - 1]) { pairs++; if (losses[i]) after++; }
        Assert.True(after / (double)pairs > 3 * rate, $"P(loss|loss) = {after / (double)pairs}, rate {rate}");
    }

    /// <summary>
    /// A channel with no loss model but duplication and jitter on (both draw from the channel's random
    /// stream) carries 20,000 packets: every one arrives, copies are the only extra arrivals, and nothing is
    /// traced as a drop. The same harness with 1 % loss does lose packets, so it can see a loss.
    /// </summary>
    [Theory]
    [InlineData(1UL)]
    [InlineData(7UL)]
    public void No_loss_never_loses_on_a_busy_channel_with_other_impairments(ulong seed)
    {
        const int packets = 20_000;
        var (channel, arrivals) = Carry(new NoLoss(), packets, seed);
        Assert.Equal(0, channel.Lost);
        Assert.Equal(0, channel.LostToDownLink);
        Assert.InRange(channel.Duplicated, 1, packets);        // the other impairments really ran
        Assert.Equal(packets + channel.Duplicated, channel.Delivered);
        Assert.Equal(Enumerable.Range(0, packets).Select(i => (long)i), arrivals.Distinct().Order());
        Assert.Equal(channel.Duplicated, channel.Trace.Records); // duplicates are its only records: no drop

        var (lossy, lossyArrivals) = Carry(new BernoulliLoss(0.01), packets, seed);
        Assert.InRange(lossy.Lost, 1, packets / 50);            // Binomial(20000, 0.01): mean 200
        Assert.Equal(packets - lossy.Lost, lossyArrivals.Distinct().Count());
    }

    /// <summary>Packets 0…n−1 through one channel direction (1 Gbit/s, 1 ms, 30 % duplication, up to 2 ms jitter); the ids that arrived.</summary>
    private static (Channel Channel, List<long> Arrivals) Carry(LossModelSpec loss, int packets, ulong seed)
    {
        var link = new LinkSpec
        {
            Name = "a-b", NodeA = "a", NodeB = "b",
            Subnet = IpPrefix.Parse("10.0.0.0/24"), AddressA = IpAddress.Parse("10.0.0.1"), AddressB = IpAddress.Parse("10.0.0.2"),
            Rate = DataRate.FromMbps(1000), Delay = SimTime.FromMilliseconds(1),
            Loss = loss, Duplicate = 0.3, Jitter = SimTime.FromMilliseconds(2),
            At = new SourceSpan("test", 1, 1),
        };
        var channel = new Channel(originId: 2, "a->b", link, fromA: true, toNode: 1, toInterface: 0, seed);
        var sink = new Arrivals();
        for (int i = 0; i < packets; i++)
        {
            var p = new Packet { Id = i, Source = link.AddressA, Destination = link.AddressB, Payload = new UdpDatagram(5000, 9000, 100) };
            var start = SimTime.FromMicroseconds(10 * i);
            channel.Carry(p, start, start + channel.Rate.TransmissionTime(p.TotalLength), sink);
        }
        return (channel, sink.Ids);
    }

    private sealed class Arrivals : IEventSink
    {
        public List<long> Ids { get; } = [];
        public void Schedule(in SimEvent e) => Ids.Add(((Packet)e.Payload!).Id);
    }
}
