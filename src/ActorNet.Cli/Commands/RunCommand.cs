using System.CommandLine;
using ActorNet.Cli.Output;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Units;
using ActorNet.Engine;
using ActorNet.Engine.Results;

namespace ActorNet.Cli.Commands;

/// <summary>actornet run &lt;scenario&gt;: validate, simulate, print the summary, write the run folder.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var file = new Argument<FileInfo>("scenario") { Description = "Scenario file (HOCON), e.g. config/ping.conf" };
        var outDir = new Option<DirectoryInfo?>("--out", "-o") { Description = "Run folder to create (must not exist or be empty). Default: runs/<scenario>-seed<N>-<UTC time>" };
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Run seed; overrides the scenario's 'seed'",
            // The default message names the CLR type (System.Nullable`1[System.UInt64]).
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)) return v;
                r.AddError($"--seed {text}: the seed must be a whole number from 0 to {ulong.MaxValue}, e.g. --seed 5");
                return null;
            },
        };
        var pcap = new Option<bool>("--pcap") { Description = "Write one pcap file per interface (pcap/<node>-<interface>.pcap), readable by Wireshark/tshark" };
        var until = new Option<string?>("--until") { Description = "Stop at this virtual time (e.g. 5s, 250ms); overrides the scenario's 'stop-at'" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the digest and the run folder" };
        var engine = EngineOptions.Engine(allowBoth: false);
        var threads = EngineOptions.Threads();
        var sockets = EngineOptions.Sockets();
        var cmd = new Command("run", "Run a scenario and write its results (summary.json, CSV metrics, optional pcap) to a run folder.")
        {
            file, outDir, seed, pcap, until, quiet, engine, threads, sockets,
        };
        cmd.SetAction(pr => Execute(
            pr.GetRequiredValue(file), pr.GetValue(outDir), pr.GetValue(seed), pr.GetValue(pcap), pr.GetValue(until), pr.GetValue(quiet),
            pr.GetValue(engine) ?? EngineOptions.Actors, pr.GetValue(threads), pr.GetValue(sockets) ?? "actors", stdout, stderr, cancel));
        return cmd;
    }

    private static int Execute(FileInfo file, DirectoryInfo? outDir, ulong? seed, bool pcap, string? until, bool quiet,
        string engineName, int? threads, string sockets, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        // 1. Everything the user gave is checked before anything is created.
        var loaded = ScenarioLoader.Load(file.FullName, seed);
        if (!ScenarioReporting.ReportErrors(loaded, stderr)) return CliApp.BadInput;
        var scenario = loaded.Scenario!;
        var stopAt = scenario.StopAt;
        if (until is not null)
        {
            if (!UnitParser.TryParseDuration(until, out stopAt, out var err) || stopAt <= SimTime.Zero)
            {
                stderr.WriteLine($"error: --until {until}: {err ?? "must be > 0"}");
                stderr.WriteLine("  fix: give a positive virtual time, e.g. --until 5s");
                return CliApp.BadInput;
            }
            scenario = scenario with { StopAt = stopAt };
        }
        var folder = outDir?.FullName ?? Path.Combine("runs", $"{scenario.Name}-seed{scenario.Seed}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            stderr.WriteLine($"error: run folder {folder} exists and is not empty");
            stderr.WriteLine("  fix: pass another --out, or delete that folder");
            return CliApp.BadInput;
        }
        if (File.Exists(folder))
        {
            stderr.WriteLine($"error: run folder {folder} is a file");
            stderr.WriteLine("  fix: pass --out a folder that does not exist yet, or an empty one");
            return CliApp.BadInput;
        }

        // 2. Build and run.
        var network = NetworkBuilder.Build(scenario);
        var writer = new RunFolderWriter(folder);
        try
        {
            writer.Begin(scenario);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot create run folder {folder}: {e.Message}");
            stderr.WriteLine("  fix: pass --out a folder you can write to");
            return CliApp.BadInput;
        }
        using var capture = pcap ? new PcapCapture(Path.Combine(folder, "pcap"), network) : null;
        if (capture is not null) foreach (var n in network.Nodes) n.Capture = capture;

        var engine = EngineOptions.Create(engineName, threads, sockets);
        var progress = quiet ? null : new ProgressPrinter(stderr);
        EngineRun run;
        try
        {
            run = engine.Run(network, scenario.StopAt, progress, cancel);
        }
        catch (SimulationException ex)
        {
            progress?.Finish();
            capture?.Dispose();
            writer.Fail(scenario, engine.Name, ex);
            stderr.WriteLine($"error: the run failed: {ex.Message}");
            stderr.WriteLine($"  run folder {folder} is marked failed");
            return CliApp.RunFailed;
        }
        progress?.Finish();
        capture?.Dispose();

        // 3. Results.
        var summary = SummaryBuilder.Build(network, engine.Name, run);
        writer.Complete(summary, RunTraces.Collect(network));
        if (!quiet) SummaryTable.Write(summary, stdout);
        stdout.WriteLine($"digest {summary.Run.Digest}");
        stdout.WriteLine($"run folder {folder} ({summary.Run.Status})");
        return run.Status == RunStatus.Interrupted ? CliApp.Interrupted : CliApp.Ok;
    }
}
