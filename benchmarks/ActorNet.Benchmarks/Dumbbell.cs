using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Benchmarks;

/// <summary>
/// S4's path widened to N flows (SCENARIOS.md S4/S6, issue 5's benchmark): senders a1..aN —[100 Mbit/s,
/// 1 ms]— r1 —[10 Mbit/s, 20 ms, 100 packets]— r2 —[100 Mbit/s, 1 ms]— b1..bN, one unlimited NewReno
/// bulk transfer ai → bi each (defaults: IW10, delayed ACK, MSS 1460), started <c>stagger</c> apart.
/// </summary>
public static class Dumbbell
{
    private static readonly SourceSpan Here = new("dumbbell", 1, 1);

    public static Scenario Build(int flows, SimTime stopAt, SimTime stagger = default)
    {
        var nodes = new List<NodeSpec> { new("r1", NodeKind.Router, Here), new("r2", NodeKind.Router, Here) };
        var links = new List<LinkSpec> { Link("bottleneck", "r1", "r2", "10.255.0.0/24", 10_000_000, SimTime.FromMilliseconds(20)) };
        var apps = new List<AppSpec>();
        for (int i = 1; i <= flows; i++)
        {
            nodes.Add(new($"a{i}", NodeKind.Host, Here));
            nodes.Add(new($"b{i}", NodeKind.Host, Here));
            links.Add(Link($"a{i}-r1", $"a{i}", "r1", $"10.1.{i}.0/24", 100_000_000, SimTime.FromMilliseconds(1)));
            links.Add(Link($"r2-b{i}", "r2", $"b{i}", $"10.2.{i}.0/24", 100_000_000, SimTime.FromMilliseconds(1)));
            // No SHA-256 of the bytes: it is app work (S8's check), not network simulation, and costs about 30 % of the run.
            apps.Add(new TcpSinkAppSpec { Name = $"sink{i}", Node = $"b{i}", Port = 5001, Sha256 = false, At = Here });
            apps.Add(new TcpBulkAppSpec
            {
                Name = $"bulk{i}", Node = $"a{i}", Target = IpAddress.Parse($"10.2.{i}.2"), Port = 5001,
                Start = stagger * (i - 1), Sha256 = false, At = Here,
            });
        }
        return new Scenario
        {
            Name = $"dumbbell-{flows}",
            SourceFile = "benchmarks/Dumbbell.cs",
            SourceText = "",
            Seed = 1,
            StopAt = stopAt,
            Nodes = nodes.OrderBy(n => n.Name, StringComparer.Ordinal).ToList(),
            Links = links,
            Routing = RoutingSpec.Default,
            Routes = [],
            Apps = apps,
        };
    }

    private static LinkSpec Link(string name, string a, string b, string subnet, long bitsPerSecond, SimTime delay)
    {
        var prefix = IpPrefix.Parse(subnet);
        return new LinkSpec
        {
            Name = name,
            NodeA = a,
            NodeB = b,
            Subnet = prefix,
            AddressA = new Ipv4Address(prefix.Network.V4.Value + 1),
            AddressB = new Ipv4Address(prefix.Network.V4.Value + 2),
            Rate = new DataRate(bitsPerSecond),
            Delay = delay,
            QueueA = new QueueLimit(100, 0),
            QueueB = new QueueLimit(100, 0),
            At = Here,
        };
    }
}
