using System.Diagnostics;
using System.Globalization;
using ActorNet.Core.Topology;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ActorNet.Benchmarks;

/// <summary>
/// All-pairs next hops for 1,000 random routers, average degree 4 (target: under 1 s;
/// ns-3's global routing needs minutes). Weights 1 (BFS), 1..100 (bucket queue) and
/// 1..1,000,000 (4-ary heap), on one thread and on all cores.
///   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- --filter '*Routing*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class RoutingBenchmarks
{
    private TopologyGraph _graph = null!;

    [Params(1, -1)]
    public int Threads { get; set; }

    [Params(1L, 100L, 1_000_000L)]
    public long MaxWeight { get; set; }

    [GlobalSetup]
    public void Setup() => _graph = RandomTopology.Build(1_000, 4, seed: 1, minWeight: 1, maxWeight: MaxWeight);

    [Benchmark]
    public NextHopTable Routers1000() => RouteComputation.Compute(_graph, Threads);
}

/// <summary>
/// 10,000 random routers, average degree 4, weights 1..100 (bucket queue) or 1..1,000,000
/// (heap), all cores (target: under 30 s and
/// 24 GiB). One measured run: BenchmarkDotNet's usual dozens of iterations would take minutes.
/// Cleanup prints the table's own size and the process's peak working set.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class RoutingBenchmarks10k
{
    private TopologyGraph _graph = null!;
    private NextHopTable? _last;

    [Params(100L, 1_000_000L)]
    public long MaxWeight { get; set; }

    [Params(false, true)]
    public bool StoreDistances { get; set; }

    [GlobalSetup]
    public void Setup() => _graph = RandomTopology.Build(10_000, 4, seed: 1, minWeight: 1, maxWeight: MaxWeight);

    [Benchmark]
    public NextHopTable Routers10000() => _last = RouteComputation.Compute(_graph, storeDistances: StoreDistances);

    [GlobalCleanup]
    public void Cleanup()
    {
        const double mib = 1024 * 1024;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "// Routing 10k (maxWeight={6}, storeDistances={0}): table {1:F1} MiB, {2} B/entry; GC heap {3:F1} MiB; peak working set {4:F1} MiB; {5} cores",
            StoreDistances, (_last?.MemoryBytes ?? 0) / mib, _last?.BytesPerEntry, GC.GetTotalMemory(false) / mib,
            self.PeakWorkingSet64 / mib, Environment.ProcessorCount, MaxWeight));
    }
}
