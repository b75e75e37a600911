using System.CommandLine;
using System.Globalization;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Results;

namespace ActorNet.Cli.Commands;

/// <summary>
/// actornet bench &lt;scenario&gt;: a scenario benchmark. Runs the whole scenario several times in this
/// process after a warm-up run and reports build time, wall time and events/s (median and spread),
/// plus the digest, which must be the same every time. With --engine both, runs the reference and
/// the actor engine side by side, checks their digests agree and prints the ratio. Use a Release build.
/// </summary>
internal static class BenchCommand
{
    private sealed record Result(string Engine, double MedianWall, double MinWall, double MaxWall, double MedianBuild, long Events, long Transmissions, string Digest);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = ScenarioArgument.Create();
        var repeat = new Option<int>("--repeat", "-n")
        {
            Description = "Timed runs after one warm-up run",
            DefaultValueFactory = _ => 3,
            // The default parser's message names the CLR type (System.Int32).
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= 1) return v;
                r.AddError($"--repeat {(text.Length == 0 ? "\"\"" : text)}: give a whole number of timed runs, 1 or more, e.g. --repeat 5");
                return 0;
            },
        };
        var engine = EngineOptions.Engine(allowBoth: true);
        var threads = EngineOptions.Threads();
        var sockets = EngineOptions.Sockets();
        var cmd = new Command("bench", "Benchmark a whole scenario: wall time and events/s of the engine (build with -c Release).") { file, repeat, engine, threads, sockets };
        cmd.SetAction(pr =>
        {
            var loaded = ScenarioLoader.Load(pr.GetRequiredValue(file).FullName);
            if (!ScenarioReporting.ReportErrors(loaded, stderr)) return CliApp.BadInput;
            int n = pr.GetValue(repeat);
            var scenario = loaded.Scenario!;
#if DEBUG
            stderr.WriteLine("warning: this is a Debug build; figures are not representative (use dotnet run -c Release)");
#endif
            string which = pr.GetValue(engine) ?? EngineOptions.Actors;
            string[] engines = which == EngineOptions.Both ? [EngineOptions.Reference, EngineOptions.Actors] : [which];
            var results = new List<Result>();
            foreach (var name in engines)
            {
                var r = Measure(scenario, name, pr.GetValue(threads), pr.GetValue(sockets) ?? "actors", n, stderr);
                if (r is null) return CliApp.RunFailed;
                results.Add(r);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"scenario {scenario.Name}: engine {Label(name, pr.GetValue(threads), pr.GetValue(sockets) ?? "actors")}, {r.Events:N0} events, {r.Transmissions:N0} link transmissions, build {r.MedianBuild * 1e3:0.0} ms"));
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wall {r.MedianWall:0.000} s median of {n} (min {r.MinWall:0.000}, max {r.MaxWall:0.000}); {r.Events / r.MedianWall / 1e6:0.00} M events/s; {r.MedianWall * 1e6 / Math.Max(1, r.Transmissions):0.000} us per link transmission"));
                stdout.WriteLine($"digest {r.Digest} (identical in all {n + 1} runs)");
            }
            if (results.Count == 2)
            {
                var (reference, actors) = (results[0], results[1]);
                if (reference.Digest != actors.Digest)
                {
                    stderr.WriteLine($"error: the actor engine's digest {actors.Digest} differs from the reference engine's {reference.Digest}");
                    return CliApp.RunFailed;
                }
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ratio actors/reference {reference.MedianWall / actors.MedianWall:0.00}x events/s ({actors.Events / actors.MedianWall / 1e6:0.00} M vs {reference.Events / reference.MedianWall / 1e6:0.00} M); digests equal"));
            }
            return CliApp.Ok;
        });
        return cmd;
    }

    private static string Label(string engine, int? threads, string sockets) =>
        engine == EngineOptions.Actors ? $"actors ({threads ?? Environment.ProcessorCount} threads, sockets in {sockets})" : engine;

    private static Result? Measure(Scenario scenario, string engine, int? threads, string sockets, int n, TextWriter stderr)
    {
        string? digest = null;
        var rows = new List<(double Build, double Wall, long Events, long Transmissions)>();
        for (int i = 0; i <= n; i++)
        {
            var t0 = System.Diagnostics.Stopwatch.StartNew();
            var network = NetworkBuilder.Build(scenario);
            double build = t0.Elapsed.TotalSeconds;
            var run = EngineOptions.Create(engine, threads, sockets).Run(network, scenario.StopAt);
            var d = SummaryBuilder.Digest(network);
            if (digest is not null && d != digest)
            {
                stderr.WriteLine($"error: {engine} run {i} gave digest {d}, run 0 gave {digest}: the engine is not deterministic");
                return null;
            }
            digest = d;
            long tx = network.Nodes.SelectMany(x => x.Interfaces).Sum(x => x.Port.Transmitted);
            if (i > 0) rows.Add((build, run.WallSeconds, run.Events, tx));
        }
        var walls = rows.Select(r => r.Wall).Order().ToList();
        return new Result(engine, walls[walls.Count / 2], walls[0], walls[^1], rows.Select(r => r.Build).Order().ElementAt(rows.Count / 2),
            rows[0].Events, rows[0].Transmissions, digest!);
    }
}
