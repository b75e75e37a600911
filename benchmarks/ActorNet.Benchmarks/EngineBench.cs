using System.Diagnostics;
using System.Globalization;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Engine;
using ActorNet.Engine.Actors;
using ActorNet.Engine.Reference;
using ActorNet.Results;

namespace ActorNet.Benchmarks;

/// <summary>
/// Whole-run engine benchmark (not BenchmarkDotNet: one run is seconds long): the reference and the
/// actor engine side by side in one process, on config files (S11 with three lookaheads among them), at the
/// given thread counts. Each case: one warm-up run per engine, then n timed runs; the median wall
/// time gives events/s; digests must agree.
///   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- engines [-n 3] [--threads 1,2] [--spin-us N] [--wake F] [--sockets actors|host] [--actors-only | --reference-only] [cases...]
/// B/event is the managed allocation of a run per event (the reference engine's and the actor engine's).
/// --threads 0 is the engine's automatic choice; --wake sets the wake fraction of fixed thread counts.
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
        int spin = -1;   // the engine's default
        double? wake = null;   // the engine's default
        var sockets = SocketPlacement.Actors;   // for profiling the actor engine alone (no reference runs, no ratio)
        var cases = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "-n") n = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--threads") threads = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            else if (args[i] == "--actors-only") actorsOnly = true;
            else if (args[i] == "--reference-only") threads = [];
            else if (args[i] == "--spin-us") spin = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--wake") wake = double.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--sockets") sockets = Enum.Parse<SocketPlacement>(args[++i], ignoreCase: true);
            else cases.Add(args[i]);
        }
        if (cases.Count == 0) cases = ["droptail", "campus", "fat1", "fat10", "fat100"];
        Console.WriteLine("| scenario | events | transmissions | reference M ev/s | reference µs/tx | actors threads | actors M ev/s | actors µs/tx | ratio | windows | events/window | B/event ref | B/event actors | CPU s ref | CPU s actors |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in cases)
        {
            var scenario = Scenario(c);
            var reference = actorsOnly ? null : Measure(scenario, () => new ReferenceEngine(), n);
            if (threads.Length == 0 && reference is not null)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {c} | {reference.Events:N0} | {reference.Transmissions:N0} | {reference.EventsPerSecond / 1e6:0.00} | {reference.MicrosPerTransmission:0.000} | - | - | - | - | - | - | {reference.BytesPerEvent:0} | - | {reference.Cpu:0.00} | - |"));
            foreach (int t in threads)
            {
                var actors = Measure(scenario, () => new ActorEngine(t, spin, sockets) { WakeFraction = wake }, n);
                if (reference is not null && (actors.Digest != reference.Digest || actors.Events != reference.Events))
                    throw new InvalidOperationException($"{c}: digests differ ({actors.Digest} vs {reference.Digest})");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {c} | {actors.Events:N0} | {actors.Transmissions:N0} | {reference?.EventsPerSecond / 1e6:0.00} | {reference?.MicrosPerTransmission:0.000} | {t} | {actors.EventsPerSecond / 1e6:0.00} | {actors.MicrosPerTransmission:0.000} | {reference?.Wall / actors.Wall:0.00}x | {actors.Windows:N0} | {(double)actors.Events / Math.Max(1, actors.Windows):0.0} | {reference?.BytesPerEvent:0} | {actors.BytesPerEvent:0} | {reference?.Cpu:0.00} | {actors.Cpu:0.00} |"));
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
        // The issue-5 dumbbell: 4 bulk NewReno flows through S4's bottleneck for 60 s; S4 (one flow, 60 s); S6 (two flows 1 s apart, 120 s).
        "dumbbell" => Dumbbell.Build(flows: 4, SimTime.FromSeconds(60)),
        "s4" => Dumbbell.Build(flows: 1, SimTime.FromSeconds(60)),
        "s6" => Dumbbell.Build(flows: 2, SimTime.FromSeconds(120), stagger: SimTime.FromSeconds(1)),
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

    /// <summary>
    /// Median wall time of n runs (after one warm-up), and what the run did; <paramref name="Cpu"/> is the median
    /// CPU time the process used during a run (every thread: workers, spinning, GC), the measure of work done that
    /// a noisy machine disturbs least (two threads that multiply the work show it here even when wall time hides it).
    /// </summary>
    private sealed record Result(double Wall, long Events, long Transmissions, string Digest, long Windows, double BytesPerEvent, double Cpu = 0)
    {
        public double EventsPerSecond => Events / Wall;
        /// <summary>Wall time per packet transmission on a link (the figure ns-3 is compared by).</summary>
        public double MicrosPerTransmission => Wall * 1e6 / Math.Max(1, Transmissions);
    }

    private static Result Measure(Scenario scenario, Func<ISimulationEngine> engine, int n)
    {
        var walls = new List<double>();
        var cpus = new List<double>();
        Result? last = null;
        for (int i = 0; i <= n; i++)
        {
            var network = NetworkBuilder.Build(scenario);
            var e = engine();
            long allocated = GC.GetTotalAllocatedBytes(true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var run = e.Run(network, scenario.StopAt);
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            double bytesPerEvent = (GC.GetTotalAllocatedBytes(true) - allocated) / (double)Math.Max(1, run.Events);
            long transmissions = network.Nodes.Sum(node => node.Interfaces.Sum(itf => itf.Port.Transmitted));
            last = new Result(run.WallSeconds, run.Events, transmissions, SummaryBuilder.Digest(network), (e as ActorEngine)?.LastWindows ?? 0, bytesPerEvent);
            if (i > 0)
            {
                walls.Add(run.WallSeconds);
                cpus.Add(cpuSeconds);
            }
        }
        walls.Sort();
        cpus.Sort();
        return last! with { Wall = walls[walls.Count / 2], Cpu = cpus[cpus.Count / 2] };
    }
}
