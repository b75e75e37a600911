using ActorNet.Core.Tcp.Congestion;

namespace ActorNet.Core.Tests.Tcp;

public sealed class CongestionControlFactoryTests
{
    [Fact]
    public void Every_listed_name_makes_an_algorithm_reporting_that_name()
    {
        Assert.Equal(["reno", "newreno", "cubic"], CongestionControlFactory.Names);
        foreach (string name in CongestionControlFactory.Names)
        {
            Assert.True(CongestionControlFactory.TryCreate(name, out var algorithm));
            Assert.Equal(name, algorithm.Name);
            Assert.Equal(name, CongestionControlFactory.Create(name).Name);
        }
    }

    [Fact]
    public void Each_call_makes_a_new_instance()
    {
        // Algorithms hold per-connection state (bytes_acked, W_max...): two connections must not share one.
        Assert.NotSame(CongestionControlFactory.Create("cubic"), CongestionControlFactory.Create("cubic"));
    }

    [Theory]
    [InlineData("Reno")]
    [InlineData("bbr")]
    [InlineData("")]
    public void Unknown_names_are_refused(string name)
    {
        Assert.False(CongestionControlFactory.TryCreate(name, out var algorithm));
        Assert.Null(algorithm);
        var e = Assert.Throws<ArgumentException>(() => CongestionControlFactory.Create(name));
        Assert.Contains("reno, newreno, cubic", e.Message);
    }

    [Fact]
    public void Names_serve_the_scenario_did_you_mean()
    {
        Assert.Equal("did you mean 'cubic'?", ActorNet.Core.Scenarios.Suggest.Fix("cubci", [.. CongestionControlFactory.Names], "congestion control"));
        Assert.Equal("did you mean 'newreno'?", ActorNet.Core.Scenarios.Suggest.Fix("new-reno", [.. CongestionControlFactory.Names], "congestion control"));
    }
}
