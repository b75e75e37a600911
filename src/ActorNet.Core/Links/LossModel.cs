using ActorNet.Core.Randomness;
using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Links;

/// <summary>Decides, packet by packet, whether a channel loses it. Stateful (Gilbert–Elliott), so one per direction.</summary>
public abstract class LossModel
{
    public abstract bool Lose(RandomStream random);

    public static LossModel Create(LossModelSpec spec) => spec switch
    {
        NoLoss => NoLossModel.Instance,
        BernoulliLoss b => new BernoulliLossModel(b.P),
        GilbertElliottLoss g => new GilbertElliottLossModel(g.PGoodToBad, g.PBadToGood, g.LossInGood, g.LossInBad),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "unknown loss model"),
    };
}

public sealed class NoLossModel : LossModel
{
    public static readonly NoLossModel Instance = new();
    public override bool Lose(RandomStream random) => false;
}

public sealed class BernoulliLossModel(double p) : LossModel
{
    public double P { get; } = p;
    public override bool Lose(RandomStream random) => random.Chance(P);
}

/// <summary>
/// Gilbert–Elliott two-state Markov loss: the state moves first (Good→Bad with pGB, Bad→Good with
/// pBG), then the packet is lost with the state's probability. Mean burst length in Bad = 1/pBG.
/// </summary>
public sealed class GilbertElliottLossModel(double pGoodToBad, double pBadToGood, double lossInGood, double lossInBad) : LossModel
{
    public bool InBadState { get; private set; }

    public override bool Lose(RandomStream random)
    {
        InBadState = InBadState ? !random.Chance(pBadToGood) : random.Chance(pGoodToBad);
        return random.Chance(InBadState ? lossInBad : lossInGood);
    }

    /// <summary>Stationary loss rate: πB·lossBad + πG·lossGood with πB = pGB / (pGB + pBG).</summary>
    public double StationaryLossRate
    {
        get
        {
            double sum = pGoodToBad + pBadToGood;
            double pBad = sum == 0 ? 0 : pGoodToBad / sum;
            return pBad * lossInBad + (1 - pBad) * lossInGood;
        }
    }
}
