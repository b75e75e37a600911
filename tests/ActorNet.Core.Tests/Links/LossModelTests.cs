using ActorNet.Core.Links;
using ActorNet.Core.Randomness;

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

    [Fact]
    public void No_loss_never_loses() =>
        Assert.DoesNotContain(true, Enumerable.Range(0, 1000).Select(_ => NoLossModel.Instance.Lose(RandomStream.For(1, "x"))));
}
