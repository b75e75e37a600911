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
/// actor engine side by side in one process, on config files (S11 with three lookaheads among them), at the
/// given thread counts. Each case: one warm-up run per engine, then n timed runs; the median wall
/// time gives events/s; digests must agree.
///   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- engines [-n 3] [--threads 1,2] [--spin-us N] [--actors-only] [cases...]
/// B/event is the managed allocation of a run per event (the reference engine's and the actor engine's).
/// Cases: droptail, campus (config/), fat1, fat10, fat100 (config/fat-tree.conf, S11, with links of 1/10/100 us),
/// fat10-heavy, fat100-heavy (S11 with 128 flows of 4 Gbit/s, 20 ms).
/// </summary>
public static class EngineBench
{
    public static int Run(string[] args)
    {
        int n = 3;
        int[] threads = [1, 2];
        bool actorsOnly = false;
        int spin = -1;   // the engine's default   // for profiling the actor engine alone (no reference runs, no ratio)
        var cases = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "-n") n = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--threads") threads = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            else if (args[i] == "--actors-only") actorsOnly = true;
            else if (args[i] == "--spin-us") spin = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else cases.Add(args[i]);
        }
        if (cases.Count == 0) cases = ["droptail", "campus", "fat1", "fat10", "fat100"];
        Console.WriteLine("| scenario | events | reference M ev/s | actors threads | actors M ev/s | ratio | windows | events/window | B/event ref | B/event actors |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in cases)
        {
            var scenario = Scenario(c);
            var (refWall, refEvents, refDigest, _, refBytes) = actorsOnly ? (double.NaN, 0L, "", 0L, 0.0) : Measure(scenario, () => new ReferenceEngine(), n);
            foreach (int t in threads)
            {
                var (wall, events, digest, windows, bytes) = Measure(scenario, () => new ActorEngine(t, spin), n);
                if (!actorsOnly && (digest != refDigest || events != refEvents)) throw new InvalidOperationException($"{c}: digests differ ({digest} vs {refDigest})");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {c} | {events:N0} | {refEvents / refWall / 1e6:0.00} | {t} | {events / wall / 1e6:0.00} | {refWall / wall:0.00}x | {windows:N0} | {(double)events / Math.Max(1, windows):0.0} | {refBytes:0} | {bytes:0} |"));
            }
        }
        return 0;
    }

    public static Scenario Scenario(string c) => c switch
    {
        // S11 itself (config/fat-tree.conf: k = 8, 10 Gbit/s, 64 flows of 1 Gbit/s) with every
        // link's delay set to 1, 10 (as written) or 100 us: the lookahead sweep.
        "fat1" => WithDelay(Load("fat-tree"), SimTime.FromMicroseconds(1)),
        "fat10" => WithDelay(Load("fat-tree"), SimTime.FromMicroseconds(10)),
        "fat100" => WithDelay(Load("fat-tree"), SimTime.FromMicroseconds(100)),
        // S11 with heavier traffic: 128 flows of 4 Gbit/s (every host sends) instead of 64 of 1 Gbit/s.
        "fat10-heavy" => Heavy(SimTime.FromMicroseconds(10)),
        "fat100-heavy" => Heavy(SimTime.FromMicroseconds(100)),
        _ => Load(c),
    };

    private static Scenario Heavy(SimTime delay)
    {
        var path = Path.Combine(FindRoot(), "config", "fat-tree.conf");
        const string flows = "flows = 64, rate = 1Gbit/s";
        var text = File.ReadAllText(path);
        if (!text.Contains(flows, StringComparison.Ordinal)) throw new InvalidOperationException($"{path} no longer says '{flows}'");
        var result = ScenarioLoader.LoadFromText(text.Replace(flows, "flows = 128, rate = 4Gbit/s", StringComparison.Ordinal), path);
        var s = result.Scenario ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
        return WithDelay(s with { StopAt = SimTime.FromMilliseconds(20) }, delay);
    }

    private static Scenario Load(string name)
    {
        var result = ScenarioLoader.Load(Path.Combine(FindRoot(), "config", name + ".conf"));
        return result.Scenario ?? throw new InvalidOperationException($"config/{name}.conf: " + string.Join("; ", result.Errors));
    }

    private static Scenario WithDelay(Scenario s, SimTime delay) => s with { Links = s.Links.Select(l => l with { Delay = delay }).ToList() };

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "ActorNet.sln"))) return d.FullName;
        throw new InvalidOperationException("ActorNet.sln not found above " + AppContext.BaseDirectory);
    }

    private static (double Wall, long Events, string Digest, long Windows, double BytesPerEvent) Measure(Scenario scenario, Func<ISimulationEngine> engine, int n)
    {
        double bytesPerEvent = 0;
        var walls = new List<double>();
        long events = 0, windows = 0;
        string digest = "";
        for (int i = 0; i <= n; i++)
        {
            var network = NetworkBuilder.Build(scenario);
            var e = engine();
            long allocated = GC.GetTotalAllocatedBytes(true);
            var run = e.Run(network, scenario.StopAt);
            bytesPerEvent = (GC.GetTotalAllocatedBytes(true) - allocated) / (double)Math.Max(1, run.Events);
            digest = SummaryBuilder.Digest(network);
            events = run.Events;
            if (e is ActorEngine a) windows = a.LastWindows;
            if (i > 0) walls.Add(run.WallSeconds);
        }
        walls.Sort();
        return (walls[walls.Count / 2], events, digest, windows, bytesPerEvent);
    }
}
