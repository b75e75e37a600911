using System.CommandLine;
using System.Globalization;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Engine;
using ActorNet.Engine.Reference;
using ActorNet.Engine.Results;

namespace ActorNet.Cli.Commands;

/// <summary>
/// actornet bench &lt;scenario&gt;: a scenario benchmark. Runs the whole scenario several times in this
/// process after a warm-up run and reports build time, wall time and events/s (median and spread),
/// plus the digest, which must be the same every time. Use a Release build.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("scenario") { Description = "Scenario file (HOCON)" };
        var repeat = new Option<int>("--repeat", "-n") { Description = "Timed runs after one warm-up run", DefaultValueFactory = _ => 3 };
        var cmd = new Command("bench", "Benchmark a whole scenario: wall time and events/s of the engine (build with -c Release).") { file, repeat };
        cmd.SetAction(pr =>
        {
            var loaded = ScenarioLoader.Load(pr.GetRequiredValue(file).FullName);
            if (!ScenarioReporting.ReportErrors(loaded, stderr)) return CliApp.BadInput;
            int n = pr.GetValue(repeat);
            if (n < 1)
            {
                stderr.WriteLine("error: --repeat must be at least 1");
                return CliApp.BadInput;
            }
            var scenario = loaded.Scenario!;
#if DEBUG
            stderr.WriteLine("warning: this is a Debug build; figures are not representative (use dotnet run -c Release)");
#endif
            string? digest = null;
            var rows = new List<(double Build, double Wall, long Events, long Transmissions)>();
            for (int i = 0; i <= n; i++)
            {
                var t0 = System.Diagnostics.Stopwatch.StartNew();
                var network = NetworkBuilder.Build(scenario);
                double build = t0.Elapsed.TotalSeconds;
                var run = new ReferenceEngine().Run(network, scenario.StopAt);
                var d = SummaryBuilder.Digest(network);
                if (digest is not null && d != digest)
                {
                    stderr.WriteLine($"error: run {i} gave digest {d}, run 0 gave {digest}: the engine is not deterministic");
                    return CliApp.RunFailed;
                }
                digest = d;
                long tx = network.Nodes.SelectMany(x => x.Interfaces).Sum(x => x.Port.Transmitted);
                if (i > 0) rows.Add((build, run.WallSeconds, run.Events, tx));
            }
            var walls = rows.Select(r => r.Wall).Order().ToList();
            double median = walls[walls.Count / 2];
            var r0 = rows[0];
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scenario {scenario.Name}: engine reference, {r0.Events:N0} events, {r0.Transmissions:N0} link transmissions, build {rows.Select(r => r.Build).Order().ElementAt(rows.Count / 2) * 1e3:0.0} ms"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wall {median:0.000} s median of {n} (min {walls[0]:0.000}, max {walls[^1]:0.000}); {r0.Events / median / 1e6:0.00} M events/s; {median * 1e6 / Math.Max(1, r0.Transmissions):0.000} us per link transmission"));
            stdout.WriteLine($"digest {digest} (identical in all {n + 1} runs)");
            return CliApp.Ok;
        });
        return cmd;
    }
}
