using ActorNet.Engine.Actors.Placement;
using CsCheck;

namespace ActorNet.Engine.Tests.Actors.Placement;

/// <summary>The parts actors run in: every entity placed, regions connected and balanced by weight, the same every time.</summary>
public class EntityPlacementTests
{
    [Fact]
    public void One_part_holds_everything()
    {
        var p = EntityPlacement.Compute([3, 1, 2], [(0, 1), (1, 2)], 1);
        Assert.Equal(1, p.Parts);
        Assert.All(p.NodePart, part => Assert.Equal(0, part));
        Assert.All(p.LinkPart, part => Assert.Equal(0, part));
    }

    [Fact]
    public void A_chain_is_cut_once_in_the_middle()
    {
        // 0 - 1 - 2 - ... - 9, equal weights: the breadth-first order from an end is the chain itself.
        var links = Enumerable.Range(0, 9).Select(i => (i, i + 1)).ToArray();
        var p = EntityPlacement.Compute(Enumerable.Repeat(1, 10).ToArray(), links, 2);
        Assert.Equal(5, p.NodePart.Count(part => part == 0));
        Assert.Equal(5, p.NodePart.Count(part => part == 1));
        int cut = links.Count(l => p.NodePart[l.Item1] != p.NodePart[l.Item2]);
        Assert.Equal(1, cut);
    }

    [Fact]
    public void A_dumbbell_keeps_each_side_with_its_router()
    {
        // r1 (0) joined to r2 (1); hosts 2..5 on r1, hosts 6..9 on r2.
        var links = new List<(int, int)> { (0, 1) };
        for (int h = 2; h <= 5; h++) links.Add((h, 0));
        for (int h = 6; h <= 9; h++) links.Add((1, h));
        var weights = new[] { 6, 6, 2, 2, 2, 2, 2, 2, 2, 2 };
        var p = EntityPlacement.Compute(weights, links, 2);
        Assert.NotEqual(p.NodePart[0], p.NodePart[1]);
        for (int h = 2; h <= 5; h++) Assert.Equal(p.NodePart[0], p.NodePart[h]);
        for (int h = 6; h <= 9; h++) Assert.Equal(p.NodePart[1], p.NodePart[h]);
    }

    [Fact]
    public void Every_part_weighs_its_share_within_one_node_and_links_run_at_one_of_their_ends()
    {
        var graphs = Gen.Int[2, 60].SelectMany(n => Gen.Select(
            Gen.Int[1, 9].Array[n],
            Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1]).Where(l => l.Item1 != l.Item2).Array[0, 3 * n],
            Gen.Int[1, 4]));
        graphs.Sample((weights, links, parts) =>
        {
            var p = EntityPlacement.Compute(weights, links, parts);
            var load = new long[parts];
            for (int i = 0; i < weights.Length; i++)
            {
                Assert.InRange(p.NodePart[i], 0, parts - 1);
                load[p.NodePart[i]] += weights[i];
            }
            double share = weights.Sum() / (double)parts;
            foreach (long l in load) Assert.InRange(l, share - weights.Max(), share + weights.Max());
            for (int l = 0; l < links.Length; l++)
                Assert.True(p.LinkPart[l] == p.NodePart[links[l].Item1] || p.LinkPart[l] == p.NodePart[links[l].Item2]);
            var again = EntityPlacement.Compute(weights, links, parts);
            Assert.Equal(p.NodePart, again.NodePart);
            Assert.Equal(p.LinkPart, again.LinkPart);
        }, iter: 300);
    }
}
