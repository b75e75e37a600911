using System.CommandLine;
using ActorNet.Cli.Output;
using ActorNet.Core.Network;
using ActorNet.Core.Pcap;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Units;
using ActorNet.Engine;
using ActorNet.Engine.Actors;
using ActorNet.Results;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Logging;
using Serilog;

namespace ActorNet.Cli.Commands;

/// <summary>actornet run &lt;scenario&gt;: validate, simulate, print the summary, write the run folder.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var file = ScenarioArgument.Create();
        var outDir = new Option<string?>("--out", "-o")
        {
            Description = "Run folder: one that does not exist, an empty one, or (with --replace) one holding a finished run. Default: runs/<scenario>-seed<N>-<UTC time>",
            // The default DirectoryInfo parser throws on "" and prints the CLR type name.
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (!string.IsNullOrWhiteSpace(text)) return text;
                r.AddError($"--out \"{text}\": give the run folder, e.g. --out runs/ping");
                return null;
            },
        };
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
        var pcap = PcapOptions.Selection();
        var snaplen = PcapOptions.SnapLength();
        var until = new Option<string?>("--until") { Description = "Stop at this virtual time (e.g. 5s, 250ms); overrides the scenario's 'stop-at'" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the digest, the run folder and the journal run" };
        var replace = new Option<bool>("--replace") { Description = "If --out holds a finished (or killed) run, discard it and run again; never touches a folder that is not a run folder" };
        var engine = EngineOptions.Engine(allowBoth: false);
        var threads = EngineOptions.Threads();
        var sockets = EngineOptions.Sockets();
        var db = JournalOptions.Database();
        var noJournal = JournalOptions.NoJournal();
        var interval = JournalOptions.Interval();
        var snapshots = JournalOptions.SnapshotInterval();
        var cmd = new Command("run", "Run a scenario, journal it (see 'actornet runs') and write its results (summary.json, CSV metrics, plots, optional pcap) to a run folder.")
        {
            file, outDir, replace, seed, pcap, snaplen, until, quiet, engine, threads, sockets, db, noJournal, interval, snapshots,
        };
        cmd.SetAction(pr => Execute(
            pr.GetRequiredValue(file), pr.GetValue(outDir), pr.GetValue(replace), pr.GetValue(seed),
            pr.GetResult(pcap) is not null, pr.GetValue(pcap), pr.GetValue(snaplen), pr.GetValue(until), pr.GetValue(quiet),
            pr.GetValue(engine) ?? EngineOptions.Actors, pr.GetValue(threads), pr.GetValue(sockets) ?? "actors",
            new JournalChoice(!pr.GetValue(noJournal), pr.GetValue(db), pr.GetValue(interval) ?? RunJournal.DefaultInterval,
                pr.GetValue(snapshots) ?? RunJournal.DefaultSnapshotInterval), stdout, stderr, cancel));
        return cmd;
    }

    private sealed record JournalChoice(bool On, string? Database, SimTime Interval, SimTime SnapshotInterval);

    private static int Execute(FileInfo file, string? outDir, bool replace, ulong? seed, bool pcap, PcapSelection? pcapSelection, int? snaplen, string? until, bool quiet,
        string engineName, int? threads, string sockets, JournalChoice journaling, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        // 1. Everything the user gave is checked before anything is created (the network is built
        // here, for the names a pcap selection may use).
        var phases = new PhaseTimes();
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
        if (snaplen is not null && !pcap)
        {
            stderr.WriteLine("error: --snaplen applies to --pcap, which is not given");
            stderr.WriteLine("  fix: add --pcap (or --pcap <nodes>), or drop --snaplen");
            return CliApp.BadInput;
        }
        phases.Mark("load scenario");
        var network = NetworkBuilder.Build(scenario);
        phases.Mark("build network");
        IReadOnlyList<(int Node, int Interface)> captured = [];
        if (pcap)
        {
            var chosen = PcapPlan.Choose(pcapSelection, network, scenario.StopAt, out var problems);
            foreach (var (problem, fix) in problems)
            {
                stderr.WriteLine($"error: {problem}");
                stderr.WriteLine($"  fix: {fix}");
            }
            if (chosen is null) return CliApp.BadInput;
            captured = chosen;
        }
        if (journaling.SnapshotInterval.Nanoseconds % journaling.Interval.Nanoseconds != 0)
        {
            stderr.WriteLine($"error: --snapshot-interval {journaling.SnapshotInterval} is not a multiple of the journal interval ({journaling.Interval})");
            stderr.WriteLine($"  fix: give a multiple of {journaling.Interval}, e.g. --snapshot-interval {new SimTime(journaling.Interval.Nanoseconds * 10)}");
            return CliApp.BadInput;
        }
        if (!journaling.On && journaling.Database is not null)
        {
            stderr.WriteLine("error: --db names the journal, and --no-journal turns it off");
            stderr.WriteLine("  fix: drop one of them");
            return CliApp.BadInput;
        }
        // The journal database is checked (and created on first use) before the run folder is claimed.
        JournalDatabase? database = null;
        if (journaling.On)
        {
            database = JournalOptions.Open(journaling.Database, stderr, create: true);
            if (database is null) return CliApp.BadInput;
        }
        phases.Mark("open journal database");
        var folder = outDir is null ? RunFolderName.Default("runs", scenario.Name, scenario.Seed, DateTime.UtcNow) : Path.GetFullPath(outDir);

        // 2. Claim the folder: nobody else may run into it while this run does.
        using var claim = RunFolderClaim.TryClaim(folder, replace, out var refusal);
        if (claim is null)
        {
            stderr.WriteLine($"error: {refusal!.Problem}");
            stderr.WriteLine($"  fix: {refusal.Fix}");
            return CliApp.BadInput;
        }
        // From here to the final status, a signal stops the run instead of the process.
        using var signals = new StopSignals(cancel);

        // 3. Run. From the first file written on, an I/O failure is one message naming the path,
        // exit 1, and status.json "failed" if it can still be written.
        var writer = new RunFolderWriter(folder);
        PcapCapture? capture = null;
        RunLog? log = null;
        try
        {
            writer.Begin(scenario);
            log = OpenLog(folder);
            if (pcap) capture = new PcapCapture(Path.Combine(writer.Staging, "pcap"), network, captured, snaplen ?? PcapWriter.SnapLength);
        }
        catch (RunFolderException e)
        {
            log?.Dispose();
            return WriteFailed(writer, scenario, engineName, e, stderr);
        }
        using var closeLog = log!;
        phases.Mark("claim and begin run folder, open log");
        var engine = EngineOptions.Create(engineName, threads, sockets, RunLog.AkkaConfig(Serilog.Events.LogEventLevel.Warning));
        using var closeCapture = capture;
        if (capture is not null) foreach (var n in network.Nodes) n.Capture = capture;
        log!.Logger.Information("Run of {Scenario} (seed {Seed}) on the {Engine} engine until {StopAt} into {Folder}",
            scenario.Name, scenario.Seed, engine.Name, scenario.StopAt.ToString(), folder);

        // The journal: the run's catalog row and first event, before the first event is handled.
        RunJournal? journal = null;
        if (database is not null)
        {
            try
            {
                journal = RunJournal.Begin(database, new RunIdentity
                {
                    Scenario = scenario.Name,
                    ScenarioFile = scenario.SourceFile,
                    ScenarioText = scenario.SourceText,
                    Seed = scenario.Seed,
                    SeedOverride = seed,
                    StopAt = scenario.StopAt,
                    Engine = engine.Name,
                    Threads = engine is ActorEngine a ? a.Threads : 1,
                    Sockets = sockets,
                    RunFolder = folder,
                }, network, journaling.Interval, journaling.SnapshotInterval);
                log.Logger.Information("Journaled as run {RunId} in {Database}", journal.RunId, database.Location.Display);
            }
            catch (JournalException e)
            {
                stderr.WriteLine($"error: {e.Problem}");
                stderr.WriteLine($"  fix: {e.Fix}");
                MarkFailed(writer, scenario, engine.Name, e.Message, stderr);
                return CliApp.BadInput;
            }
        }
        using var closeJournal = journal;
        phases.Mark("begin journal");

        var progress = quiet ? null : new ProgressPrinter(stderr);
        EngineRun run;
        try
        {
            run = engine.Run(network, scenario.StopAt, progress, signals.Token, journal?.Observer);
        }
        catch (Exception ex) when (ex is SimulationException or JournalException)
        {
            progress?.Finish();
            capture?.Dispose();
            var journalFailure = ex as JournalException ?? ex.InnerException as JournalException;
            string message = journalFailure is not null ? journalFailure.Message : ex.Message;
            stderr.WriteLine(journalFailure is not null ? $"error: {message}" : $"error: the run failed: {message}");
            log.Logger.Error(ex, "The run failed: {Error}", message);
            EndJournal(journal, "failed", SimTime.Zero, 0, 0, null, null, message, stderr);
            MarkFailed(writer, scenario, engine.Name, message, stderr);
            return CliApp.RunFailed;
        }
        progress?.Finish();
        phases.Mark("engine run");

        // 4. Results: printed before they are written, so they are seen even if the folder fails.
        var summary = SummaryBuilder.Build(network, engine.Name, run);
        if (!quiet) SummaryTable.Write(summary, stdout);
        stdout.WriteLine($"digest {summary.Run.Digest}");
        log.Logger.Information("Run {Status} at {Reached}: {Events} events in {Wall:0.000} s, digest {Digest}",
            summary.Run.Status, run.Reached.ToString(), run.Events, run.WallSeconds, summary.Run.Digest);
        phases.Mark("summary and print");
        // The run folder (CSV files, plots) and the journal's last writes need nothing from each other: the folder is
        // written while the journal's writer thread drains, so the run costs the longer of the two, not the sum.
        var folderWritten = Task.Run(() =>
        {
            capture?.Close();
            writer.Complete(summary, RunTraces.Collect(network, run.Reached));
        });
        bool journalOk = EndJournal(journal, summary.Run.Status, run.Reached, run.Events, run.WallSeconds, summary.Run.Digest, SummaryJson.Serialize(summary), null, stderr);
        phases.Mark("end journal (wait for the writer)");
        try
        {
            folderWritten.GetAwaiter().GetResult();
            phases.Mark("write run folder (after the journal)");
        }
        catch (RunFolderException e)
        {
            stdout.WriteLine($"run folder {folder} (failed)");
            return WriteFailed(writer, scenario, engine.Name, e, stderr);
        }
        stdout.WriteLine($"run folder {folder} ({summary.Run.Status})");
        log.Logger.Information("Wall time by phase (ms): {Phases}", phases.Phases);
        if (journal is not null && journalOk) stdout.WriteLine($"journal run {journal.RunId} in {database!.Location.Display}");
        if (!journalOk) return CliApp.RunFailed;
        return run.Status == RunStatus.Interrupted ? signals.ExitCode : CliApp.Ok;
    }

    private static RunLog OpenLog(string folder)
    {
        string path = Path.Combine(folder, RunLog.FileName);
        try
        {
            return RunLog.Open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFolderException(path, e);
        }
    }

    /// <summary>Journals the end; a journal that failed is one error line (the run itself is kept in the folder).</summary>
    private static bool EndJournal(RunJournal? journal, string status, SimTime reached, long events, double wall, string? digest, string? summaryJson, string? error, TextWriter stderr)
    {
        if (journal is null) return true;
        try
        {
            journal.End(status, reached, events, wall, digest, summaryJson, error);
            return true;
        }
        catch (JournalException e)
        {
            stderr.WriteLine($"error: {e.Problem}");
            stderr.WriteLine($"  fix: {e.Fix}");
            Log.Logger.Error(e, "The journal failed: {Error}", e.Problem);
            return false;
        }
    }

    private static int WriteFailed(RunFolderWriter writer, Scenario scenario, string engine, RunFolderException e, TextWriter stderr)
    {
        stderr.WriteLine($"error: {e.Message}");
        MarkFailed(writer, scenario, engine, e.Message, stderr);
        return CliApp.RunFailed;
    }

    private static void MarkFailed(RunFolderWriter writer, Scenario scenario, string engine, string error, TextWriter stderr)
    {
        try
        {
            writer.Fail(scenario.Name, scenario.Seed, engine, error);
            stderr.WriteLine($"  run folder {writer.Folder} is marked failed");
        }
        catch (RunFolderException again)
        {
            stderr.WriteLine($"  and the run folder could not be marked failed: {again.Message}");
        }
    }
}
