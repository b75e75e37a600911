using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Engine.Tests;

/// <summary>Scenarios built in code, so engine tests do not depend on the file loader.</summary>
internal static class TestScenarios
{
    private static readonly SourceSpan Here = new("test", 1, 1);

    public static LinkSpec Link(string a, string b, string subnet, string rate, long delayNs, int queue = 100) => new()
    {
        Name = a + "-" + b,
        NodeA = a,
        NodeB = b,
        Subnet = IpPrefix.Parse(subnet),
        AddressA = IpPrefix.Parse(subnet).Network.IsV4
            ? new Ipv4Address(IpPrefix.Parse(subnet).Network.V4.Value + 1)
            : new Ipv6Address(IpPrefix.Parse(subnet).Network.V6.Value + 1),
        AddressB = IpPrefix.Parse(subnet).Network.IsV4
            ? new Ipv4Address(IpPrefix.Parse(subnet).Network.V4.Value + 2)
            : new Ipv6Address(IpPrefix.Parse(subnet).Network.V6.Value + 2),
        Rate = new DataRate(long.Parse(rate)),
        Delay = SimTime.FromNanoseconds(delayNs),
        QueueA = new QueueLimit(queue, 0),
        QueueB = new QueueLimit(queue, 0),
        At = Here,
    };

    public static Scenario Make(string name, SimTime stopAt, IEnumerable<(string Name, NodeKind Kind)> nodes, IEnumerable<LinkSpec> links, IEnumerable<AppSpec> apps, ulong seed = 1) => new()
    {
        Name = name,
        SourceFile = "test",
        SourceText = "",
        Seed = seed,
        StopAt = stopAt,
        Nodes = nodes.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => new NodeSpec(n.Name, n.Kind, Here)).ToList(),
        Links = links.ToList(),
        Routing = RoutingSpec.Default,
        Routes = [],
        Apps = apps.ToList(),
    };

    /// <summary>S1: h1 —[10 Mbit/s, 5 ms]— r1 —[10 Mbit/s, 5 ms]— h2, ping h2 with 56 data bytes.</summary>
    public static Scenario Ping(int count = 5) => Make("ping", SimTime.FromSeconds(10),
        [("h1", NodeKind.Host), ("r1", NodeKind.Router), ("h2", NodeKind.Host)],
        [Link("h1", "r1", "10.0.1.0/24", "10000000", 5_000_000), Link("r1", "h2", "10.0.2.0/24", "10000000", 5_000_000)],
        [new PingAppSpec { Name = "ping-1", Node = "h1", Target = Ipv4Address.Parse("10.0.2.2"), Count = count, Start = SimTime.FromSeconds(1), At = Here }]);
}
