using ActorNet.Core.Topology;

namespace ActorNet.Core.Tests.Topology;

public class TopologyGraphTests
{
    [Fact]
    public void AddLink_returns_indices_in_the_order_added()
    {
        var g = new TopologyGraph(3);
        Assert.Equal(0, g.AddLink(0, 1, 5));
        Assert.Equal(1, g.AddLink(1, 2, 7));
        Assert.Equal(2, g.AddLink(0, 1, 5));   // parallel link
        Assert.Equal(3, g.LinkCount);
        Assert.Equal(new TopologyLink(1, 2, 7), g.GetLink(1));
        Assert.Equal(3, g.Degree(1));
        Assert.Equal(3, g.MaxDegree);
    }

    [Fact]
    public void AddLink_rejects_self_loops_unknown_nodes_and_non_positive_weights()
    {
        var g = new TopologyGraph(2);
        Assert.Throws<ArgumentException>(() => g.AddLink(1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.AddLink(0, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.AddLink(-1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.AddLink(0, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.AddLink(0, 1, -3));
        Assert.Equal(0, g.LinkCount);
    }

    [Fact]
    public void Adjacency_lists_links_by_ascending_index()
    {
        var g = new TopologyGraph(4);
        g.AddLink(2, 3, 1);   // 0
        g.AddLink(0, 2, 1);   // 1
        g.AddLink(1, 2, 1);   // 2
        g.AddLink(2, 0, 1);   // 3
        g.Freeze();
        Assert.Equal([0, 1, 2, 3], g.AdjacentLinks(2).ToArray());
        Assert.Equal([3, 0, 1, 0], g.AdjacentNodes(2).ToArray());
        Assert.Equal([1, 3], g.AdjacentLinks(0).ToArray());
    }

    [Fact]
    public void A_frozen_graph_takes_no_more_links()
    {
        var g = new TopologyGraph(2);
        g.AddLink(0, 1, 1);
        g.Freeze();
        g.Freeze();   // idempotent
        Assert.True(g.IsFrozen);
        Assert.Throws<InvalidOperationException>(() => g.AddLink(0, 1, 1));
    }

    [Fact]
    public void Adjacency_needs_Freeze_first()
    {
        var g = new TopologyGraph(2);
        g.AddLink(0, 1, 1);
        Assert.Throws<InvalidOperationException>(() => g.AdjacentLinks(0).Length);
    }

    [Fact]
    public void Freeze_rejects_weights_whose_sum_could_overflow_a_path()
    {
        var g = new TopologyGraph(3);
        g.AddLink(0, 1, long.MaxValue / 4 + 1);
        g.AddLink(1, 2, long.MaxValue / 4 + 1);
        Assert.Throws<InvalidOperationException>(g.Freeze);
    }

    [Fact]
    public void UniformWeight_is_the_common_weight_or_zero()
    {
        var same = new TopologyGraph(3);
        same.AddLink(0, 1, 4);
        same.AddLink(1, 2, 4);
        same.Freeze();
        Assert.Equal(4, same.UniformWeight);

        var mixed = new TopologyGraph(3);
        mixed.AddLink(0, 1, 4);
        mixed.AddLink(1, 2, 5);
        mixed.Freeze();
        Assert.Equal(0, mixed.UniformWeight);
    }
}
