using System.Diagnostics;
using System.Globalization;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Engine;
using ActorNet.Engine.Actors;
using ActorNet.Engine.Reference;
using ActorNet.Engine.Results;

namespace ActorNet.Benchmarks;

/// <summary>
/// Whole-run engine benchmark (not BenchmarkDotNet: one run is seconds long): the reference and the
/// actor engine side by side in one process, on config files and on the code-built fat-tree, at the
/// given thread counts. Each case: one warm-up run per engine, then n timed runs; the median wall
/// time gives events/s; digests must agree.
///   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- engines [-n 3] [--threads 1,2] [cases...]
/// Cases: droptail, campus (config/), fat1, fat10, fat100 (k=8 fat-tree, 10 Gbit/s, links of 1/10/100 us).
/// </summary>
public static class EngineBench
{
    public static int Run(string[] args)
    {
        int n = 3;
        int[] threads = [1, 2];
        var cases = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "-n") n = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--threads") threads = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            else cases.Add(args[i]);
        }
        if (cases.Count == 0) cases = ["droptail", "campus", "fat1", "fat10", "fat100"];
        Console.WriteLine("| scenario | events | reference M ev/s | actors threads | actors M ev/s | ratio | windows | events/window |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in cases)
        {
            var scenario = Scenario(c);
            var (refWall, refEvents, refDigest, _) = Measure(scenario, () => new ReferenceEngine(), n);
            foreach (int t in threads)
            {
                var (wall, events, digest, windows) = Measure(scenario, () => new ActorEngine(t), n);
                if (digest != refDigest || events != refEvents) throw new InvalidOperationException($"{c}: digests differ ({digest} vs {refDigest})");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {c} | {events:N0} | {refEvents / refWall / 1e6:0.00} | {t} | {events / wall / 1e6:0.00} | {refWall / wall:0.00}x | {windows:N0} | {(double)events / Math.Max(1, windows):0.0} |"));
            }
        }
        return 0;
    }

    public static Scenario Scenario(string c) => c switch
    {
        "fat1" => FatTreeScenario.Build(8, SimTime.FromMicroseconds(1), SimTime.FromMilliseconds(10)),
        "fat10" => FatTreeScenario.Build(8, SimTime.FromMicroseconds(10), SimTime.FromMilliseconds(10)),
        "fat100" => FatTreeScenario.Build(8, SimTime.FromMicroseconds(100), SimTime.FromMilliseconds(10)),
        _ => ScenarioLoader.Load(Path.Combine(FindRoot(), "config", c + ".conf")).Scenario ?? throw new InvalidOperationException($"bad scenario {c}"),
    };

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "ActorNet.sln"))) return d.FullName;
        throw new InvalidOperationException("ActorNet.sln not found above " + AppContext.BaseDirectory);
    }

    private static (double Wall, long Events, string Digest, long Windows) Measure(Scenario scenario, Func<ISimulationEngine> engine, int n)
    {
        var walls = new List<double>();
        long events = 0, windows = 0;
        string digest = "";
        for (int i = 0; i <= n; i++)
        {
            var network = NetworkBuilder.Build(scenario);
            var e = engine();
            var run = e.Run(network, scenario.StopAt);
            digest = SummaryBuilder.Digest(network);
            events = run.Events;
            if (e is ActorEngine a) windows = a.LastWindows;
            if (i > 0) walls.Add(run.WallSeconds);
        }
        walls.Sort();
        return (walls[walls.Count / 2], events, digest, windows);
    }
}
