using System.Diagnostics;
using System.Globalization;
using ActorNet.Core.Network;
using ActorNet.Core.Routing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Tracing;
using ActorNet.Engine;
using ActorNet.Engine.Actors;
using ActorNet.Engine.Reference;

namespace ActorNet.Benchmarks;

/// <summary>
/// Where a large topology's time and memory go (issue 11, "Large topologies"; docs/BENCHMARKS-LARGE.md):
/// the scenario is loaded (parse, validate, generate), the network built phase by phase (nodes and
/// links, route computation, routing tables, apps) and then run. After each phase a forced garbage
/// collection measures what the phase left on the managed heap (the collection is not in the phase's
/// time); during the run the heap is sampled every 50 ms for its peak. Per-destination routes computed
/// during the run (large topologies compute them on demand) are counted apart.
///   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- large scenario.conf [--engine actors|reference] [--threads N]
/// </summary>
public static class LargeTopologyBench
{
    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: large <scenario.conf> [--engine actors|reference] [--threads N]");
            return 2;
        }
        string engineName = Option(args, "--engine") ?? "actors";
        int threads = int.Parse(Option(args, "--threads") ?? "0", CultureInfo.InvariantCulture);
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        long heap = Heap();
        var rows = new List<(string Phase, double Seconds, double Cpu, long Bytes)>();
        var process = Process.GetCurrentProcess();
        // CPU time of the whole process (all threads): on a machine shared with other work, wall
        // time says more about the others than about this; CPU time much less.
        var cpu = process.TotalProcessorTime;
        void PhaseDone(string phase)
        {
            double seconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            long now = Heap();
            rows.Add((phase, seconds, cpuSeconds, now - heap));
            heap = now;
            process.Refresh();
            cpu = process.TotalProcessorTime;
            clock.Restart();
        }

        var loaded = ScenarioLoader.Load(args[0]);
        if (!loaded.Ok)
        {
            foreach (var e in loaded.Errors) Console.Error.WriteLine(e);
            return 1;
        }
        var scenario = loaded.Scenario;
        PhaseDone("load (parse, validate, generate)");
        var network = NetworkBuilder.Build(scenario, PhaseDone);
        var computed = network.Nodes.Select(n => n.Routes.Computed).FirstOrDefault(c => c is not null);
        int columnsBefore = computed?.OnDemandNextHops?.ColumnsComputed ?? 0;
        var columnTimeBefore = computed?.OnDemandNextHops?.ComputeTime ?? TimeSpan.Zero;

        ISimulationEngine engine = engineName == "reference" ? new ReferenceEngine() : new ActorEngine(threads);
        long peakHeap = heap;
        using (var sampler = new Timer(_ => InterlockedMax(ref peakHeap, GC.GetTotalMemory(false)), null, 0, 50))
        {
            clock.Restart();
            var run = engine.Run(network, scenario.StopAt);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{engine.Name}: {run.Status} at {run.Reached}, {run.Events:N0} events"));
        }
        PhaseDone("run (" + engine.Name + ")");

        int nodes = network.Nodes.Count, links = network.Channels.Count / 2;
        int entities = nodes + links;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario.Name}: {nodes:N0} nodes, {links:N0} links ({entities:N0} entities), {scenario.Apps.Count:N0} apps"));
        Console.WriteLine("| phase | wall s | CPU s | managed heap left, MiB | bytes per entity |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (phase, seconds, cpuSeconds, bytes) in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {phase} | {seconds:0.00} | {cpuSeconds:0.00} | {bytes / 1048576.0:0.0} | {(double)bytes / entities:0} |"));
        if (computed?.OnDemandNextHops is { } onDemand)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"routes on demand: {columnsBefore:N0} destinations before the run ({columnTimeBefore.TotalSeconds:0.00} s of search), {onDemand.ColumnsComputed - columnsBefore:N0} during it ({(onDemand.ComputeTime - columnTimeBefore).TotalSeconds:0.00} s), {onDemand.MemoryBytes / 1048576.0:0.0} MiB"));
        else if (computed?.NextHops is { } table)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all-pairs next hops: {table.MemoryBytes / 1048576.0:0.0} MiB"));
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"digest {TraceDigest.Combine(network.Nodes.Select(n => n.Trace).ToList(), network.Channels.Select(c => c.Trace).ToList())}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total {total.Elapsed.TotalSeconds:0.0} s (with forced collections); peak managed heap during the run {peakHeap / 1048576.0:0} MiB; peak working set {process.PeakWorkingSet64 / 1048576.0:0} MiB"));
        GC.KeepAlive(network);
        return 0;
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(true);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
