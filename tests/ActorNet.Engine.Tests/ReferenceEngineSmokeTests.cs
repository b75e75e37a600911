using ActorNet.Core.Apps;
using ActorNet.Core.Network;
using ActorNet.Engine.Reference;
using ActorNet.Results;

namespace ActorNet.Engine.Tests;

public class ReferenceEngineSmokeTests
{
    [Fact]
    public void Ping_through_one_router_has_the_exact_rtt_of_S1()
    {
        var network = NetworkBuilder.Build(TestScenarios.Ping());
        var run = new ReferenceEngine().Run(network, network.Scenario.StopAt);
        var ping = Assert.IsType<PingReport>(SummaryBuilder.Build(network, "reference", run).Apps.Single());
        Assert.Equal(5, ping.Received);
        // 84 B at 10 Mbit/s = 67.2 us per link; 4 link crossings of (5 ms + 67.2 us).
        Assert.All(ping.Replies, r => Assert.Equal(20_268_800L, r.RttNs));
        Assert.All(ping.Replies, r => Assert.Equal(63, r.Ttl));
    }
}
