using ActorNet.Core.Randomness;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Scenarios.Generators;

/// <summary>One entry of <c>generate.traffic</c>, already checked by the validator.</summary>
public abstract record TrafficParameters
{
    /// <summary>Prefix of the app names, e.g. "udp-pairs-1".</summary>
    public required string Name { get; init; }
    public SimTime Start { get; init; }
}

/// <summary>
/// <see cref="Flows"/> UDP CBR flows between random host pairs (source ≠ destination), flow i
/// to port <see cref="FirstPort"/> + i with a sink on the destination.
/// </summary>
public sealed record UdpPairsParameters : TrafficParameters
{
    public required int Flows { get; init; }
    public required DataRate Rate { get; init; }
    public int PacketBytes { get; init; } = 1500;
    public required SimTime Stop { get; init; }
    /// <summary>Seed of the pair choice (default: the run seed).</summary>
    public required ulong Seed { get; init; }
    public ushort FirstPort { get; init; } = 5000;
}

/// <summary>Every host pings every other host (ordered pairs): <see cref="Count"/> requests each.</summary>
public sealed record PingAllParameters : TrafficParameters
{
    public int Count { get; init; } = 1;
    public SimTime Interval { get; init; } = SimTime.FromSeconds(1);
    public int DataBytes { get; init; } = 56;
    public SimTime Timeout { get; init; } = SimTime.FromSeconds(2);
}

/// <summary>Expands traffic entries into ordinary apps. Deterministic for the same hosts, parameters and seed.</summary>
public static class TrafficGenerator
{
    /// <summary>Apps of one entry, named <c>&lt;name&gt;-cbr-i</c> / <c>&lt;name&gt;-sink-i</c> or <c>&lt;name&gt;-ping-i</c>, i from 0.</summary>
    public static IReadOnlyList<AppSpec> Build(TrafficParameters t, IReadOnlyList<GeneratedHost> hosts, SourceSpan at) => t switch
    {
        UdpPairsParameters u => UdpPairs(u, hosts, at),
        PingAllParameters g => PingAll(g, hosts, at),
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>The (source, destination) host indices of each flow: uniform, source ≠ destination.</summary>
    public static IReadOnlyList<(int Source, int Destination)> ChoosePairs(int hosts, int flows, ulong seed, string name)
    {
        if (hosts < 2) throw new ArgumentOutOfRangeException(nameof(hosts), "pairs need at least two hosts");
        // One stream per entry, named like the per-entity streams of a run (DESIGN §1).
        var random = RandomStream.For(seed, $"generate/traffic/{name}");
        var pairs = new (int, int)[flows];
        for (int i = 0; i < flows; i++)
        {
            int src = (int)random.NextInclusive(hosts - 1);
            int dst = (int)random.NextInclusive(hosts - 2);
            if (dst >= src) dst++;   // uniform over the other hosts
            pairs[i] = (src, dst);
        }
        return pairs;
    }

    private static List<AppSpec> UdpPairs(UdpPairsParameters u, IReadOnlyList<GeneratedHost> hosts, SourceSpan at)
    {
        var pairs = ChoosePairs(hosts.Count, u.Flows, u.Seed, u.Name);
        var apps = new List<AppSpec>(2 * u.Flows);
        for (int i = 0; i < pairs.Count; i++)
        {
            var (src, dst) = pairs[i];
            ushort port = checked((ushort)(u.FirstPort + i));
            apps.Add(new UdpSinkAppSpec { Name = $"{u.Name}-sink-{i}", Node = hosts[dst].Name, Port = port, At = at });
            apps.Add(new UdpCbrAppSpec
            {
                Name = $"{u.Name}-cbr-{i}",
                Node = hosts[src].Name,
                Target = hosts[dst].Address,
                Port = port,
                Rate = u.Rate,
                PacketBytes = u.PacketBytes,
                Start = u.Start,
                Stop = u.Stop,
                At = at,
            });
        }
        return apps;
    }

    private static List<AppSpec> PingAll(PingAllParameters g, IReadOnlyList<GeneratedHost> hosts, SourceSpan at)
    {
        var apps = new List<AppSpec>(hosts.Count * Math.Max(0, hosts.Count - 1));
        int n = 0;
        foreach (var src in hosts)
            foreach (var dst in hosts)
            {
                if (src.Name == dst.Name) continue;
                apps.Add(new PingAppSpec
                {
                    Name = $"{g.Name}-ping-{n++}",
                    Node = src.Name,
                    Target = dst.Address,
                    Count = g.Count,
                    Interval = g.Interval,
                    DataBytes = g.DataBytes,
                    Timeout = g.Timeout,
                    Start = g.Start,
                    At = at,
                });
            }
        return apps;
    }
}
