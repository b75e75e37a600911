using System.CommandLine;
using System.Globalization;
using ActorNet.Cli.Output;
using ActorNet.Core.Time;
using ActorNet.Core.Units;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Replay;

namespace ActorNet.Cli.Commands;

/// <summary>actornet replay &lt;run&gt;: run it again from its journaled scenario and verify it interval by interval against the journal.</summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var run = RunLookup.Argument();
        var db = JournalOptions.Database();
        var from = new Option<string?>("--from")
        {
            Description = "Verify only from this virtual time on (e.g. 20s). The run is still re-executed from time zero: snapshots cannot be resumed from yet",
        };
        var engine = EngineOptions.Engine(allowBoth: false);
        engine.DefaultValueFactory = _ => EngineOptions.Reference;
        engine.Description = "Engine for the re-execution: reference (the default: the fastest on one core) or actors; any engine must give the journal's records";
        var threads = EngineOptions.Threads();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress line" };
        var cmd = new Command("replay", "Re-execute a journaled run from its scenario text, seed and stop time, and verify it interval by interval against the journal. "
            + "On the first difference, name the interval, the node (or link) and the records of both side by side, and exit 1.")
        {
            run, db, from, engine, threads, quiet,
        };
        cmd.SetAction(pr => RunLookup.Guard(stderr, () => Execute(pr.GetRequiredValue(run), pr.GetValue(db), pr.GetValue(from), pr.GetValue(engine) ?? EngineOptions.Reference,
            pr.GetValue(threads), pr.GetValue(quiet), stdout, stderr, cancel)));
        return cmd;
    }

    private static int Execute(string runText, string? dbText, string? fromText, string engineName, int? threads, bool quiet, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var from = SimTime.Zero;
        if (fromText is not null && (!UnitParser.TryParseDuration(fromText, out from, out var err) || from < SimTime.Zero))
        {
            stderr.WriteLine($"error: --from {fromText}: {err ?? "must be >= 0"}");
            stderr.WriteLine("  fix: give a virtual time inside the run, e.g. --from 20s");
            return CliApp.BadInput;
        }
        var db = JournalOptions.Open(dbText, stderr, create: false);
        if (db is null) return CliApp.BadInput;
        var row = RunLookup.Find(db, runText, stderr);
        if (row is null) return CliApp.BadInput;
        using var archive = RunArchive.Open(db);
        var record = RunLookup.Load(archive, row, stderr);
        if (record is null) return CliApp.BadInput;
        var end = Reexecution.End(record);
        if (from >= end && from > SimTime.Zero)
        {
            stderr.WriteLine($"error: --from {fromText} is at or after the end of what run {row.Id} journaled ({end})");
            stderr.WriteLine($"  fix: give a time before {end}");
            return CliApp.BadInput;
        }
        var s = record.Started;
        stdout.WriteLine($"replaying run {row.Id} ({s.Scenario}, seed {s.Seed}, {row.Status}) on the {engineName} engine to {end}"
            + (from > SimTime.Zero ? $", verifying from {from}" : "") + $": {record.Intervals.Count} journaled intervals of {new SimTime(s.IntervalNs)}");
        if (record.Ended is null) stdout.WriteLine($"  the run never ended (killed): only its committed intervals, up to {end}, are verified");
        using var signals = new StopSignals(cancel);
        var progress = quiet ? null : new ProgressPrinter(stderr);
        var result = Reexecution.Run(archive, record, EngineOptions.Create(engineName, threads), new ReexecutionOptions
        {
            VerifyFrom = from,
            Progress = progress,
            Cancel = signals.Token,
        });
        progress?.Finish();
        if (result.Divergence is { } d)
        {
            stdout.WriteLine($"DIVERGED from the journal after {result.IntervalsVerified} equal intervals");
            DivergenceReport.Write(d, $"journal (run {row.Id})", "re-execution", stdout);
            return CliApp.RunFailed;
        }
        if (result.Run.Status == Engine.RunStatus.Interrupted)
        {
            stdout.WriteLine($"interrupted at {result.Run.Reached}: {result.IntervalsVerified} intervals verified so far, all equal");
            return signals.ExitCode;
        }
        bool digestChecked = record.Ended is { Status: "completed", Digest: not null };
        if (digestChecked && record.Ended!.Digest != result.Digest)
        {
            stdout.WriteLine($"DIVERGED: every interval is equal, but the digest is not (journal {record.Ended.Digest}, re-execution {result.Digest})");
            return CliApp.RunFailed;
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verified: {result.IntervalsVerified} intervals equal to the journal{(digestChecked ? ", digest equal" : "")} ({result.Run.Events:N0} events in {result.Run.WallSeconds:0.000} s; the run took {row.WallSeconds:0.000} s)"));
        if (digestChecked) stdout.WriteLine($"digest {result.Digest}");
        return CliApp.Ok;
    }
}
