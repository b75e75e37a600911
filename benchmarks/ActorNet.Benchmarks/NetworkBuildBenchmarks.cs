using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Scenarios.Generators;
using BenchmarkDotNet.Attributes;

namespace ActorNet.Benchmarks;

/// <summary>
/// Building a whole network from a scenario: nodes, interfaces, channels, route computation and
/// every node's routing table, for a random graph of N routers (average degree 4, delays 1–10 ms)
/// with one host per router. The targets: 1,000 routers in under 1 s, 10,000 in under 30 s.
///   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- --filter '*NetworkBuild*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class NetworkBuildBenchmarks
{
    private Scenario _scenario = null!;

    [Params(1_000, 10_000)]
    public int Routers { get; set; }

    [GlobalSetup]
    public void Setup() => _scenario = RandomRouterScenario.Build(Routers, seed: 1);

    [Benchmark]
    public NetworkModel Build()
    {
        var network = NetworkBuilder.Build(_scenario);
        Console.WriteLine($"// {Routers} routers: {network.Nodes.Count} nodes, {network.Channels.Count} channels, " +
            $"managed heap {GC.GetTotalMemory(false) / (1 << 20)} MiB, peak working set {Environment.WorkingSet / (1 << 20)} MiB");
        return network;
    }
}
