using System.CommandLine;
using ActorNet.Cli.Output;
using ActorNet.Core.Network;
using ActorNet.Core.Pcap;
using ActorNet.Engine;
using ActorNet.Engine.Reference;
using ActorNet.Results;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Replay;

namespace ActorNet.Cli.Commands;

/// <summary>
/// actornet export &lt;run&gt; --pcap [selection] | --csv | --json: the run's files rebuilt from its journal. The run is
/// re-executed from its journaled scenario on the reference engine and verified interval by interval against the
/// journal while the files are written, so they are the files the live run wrote (and a run that no longer
/// reproduces is refused, not exported wrong). summary.json is the one the run journaled, byte for byte.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var run = RunLookup.Argument();
        var db = JournalOptions.Database();
        var pcap = PcapOptions.Selection();
        var snaplen = PcapOptions.SnapLength();
        var csv = new Option<bool>("--csv") { Description = "The CSV metrics and their plots (ports.csv, nodes.csv, tcp.csv, tcp-windows.csv, queues.csv, cwnd.png, ...)" };
        var json = new Option<bool>("--json") { Description = "summary.json, as the run wrote it" };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder to write into: one that does not exist or is empty (default runs/run-<id>-export)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress line" };
        var cmd = new Command("export", "Write a journaled run's pcap files, CSVs and plots, or summary.json, rebuilt from its journal (re-executed and verified interval by interval), identical to what the live run wrote.")
        {
            run, db, pcap, snaplen, csv, json, outDir, quiet,
        };
        cmd.SetAction(pr => RunLookup.Guard(stderr, () => Execute(pr.GetRequiredValue(run), pr.GetValue(db), pr.GetResult(pcap) is not null, pr.GetValue(pcap),
            pr.GetValue(snaplen), pr.GetValue(csv), pr.GetValue(json), pr.GetValue(outDir), pr.GetValue(quiet), stdout, stderr, cancel)));
        return cmd;
    }

    private static int Execute(string runText, string? dbText, bool pcap, PcapSelection? selection, int? snaplen, bool csv, bool json, string? outDir, bool quiet,
        TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        if (!pcap && !csv && !json)
        {
            stderr.WriteLine("error: say what to export");
            stderr.WriteLine("  fix: add --pcap [selection], --csv or --json (or several)");
            return CliApp.BadInput;
        }
        if (snaplen is not null && !pcap)
        {
            stderr.WriteLine("error: --snaplen applies to --pcap, which is not given");
            stderr.WriteLine("  fix: add --pcap, or drop --snaplen");
            return CliApp.BadInput;
        }
        var db = JournalOptions.Open(dbText, stderr, create: false);
        if (db is null) return CliApp.BadInput;
        var row = RunLookup.Find(db, runText, stderr);
        if (row is null) return CliApp.BadInput;
        string folder = Path.GetFullPath(outDir ?? Path.Combine("runs", $"run-{row.Id}-export"));
        if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
        {
            stderr.WriteLine($"error: {folder} exists and is not an empty folder");
            stderr.WriteLine("  fix: give a new or empty folder with --out");
            return CliApp.BadInput;
        }
        using var archive = RunArchive.Open(db);
        var record = RunLookup.Load(archive, row, stderr);
        if (record is null) return CliApp.BadInput;

        // The pcap selection is checked against the run's network before anything is written.
        var scenario = Reexecution.Scenario(record.Started);
        IReadOnlyList<(int Node, int Interface)> captured = [];
        if (pcap)
        {
            var chosen = PcapPlan.Choose(selection, NetworkBuilder.Build(scenario), Reexecution.End(record), out var problems);
            foreach (var (problem, fix) in problems)
            {
                stderr.WriteLine($"error: {problem}");
                stderr.WriteLine($"  fix: {fix}");
            }
            if (chosen is null) return CliApp.BadInput;
            captured = chosen;
        }

        bool created = !Directory.Exists(folder);
        string work = Path.Combine(folder, ".export");
        PcapCapture? capture = null;
        try
        {
            Directory.CreateDirectory(work);
            using var signals = new StopSignals(cancel);
            var progress = quiet ? null : new ProgressPrinter(stderr);
            var result = Reexecution.Run(archive, record, new ReferenceEngine(), new ReexecutionOptions
            {
                Progress = progress,
                Cancel = signals.Token,
                Prepare = network =>
                {
                    if (!pcap) return;
                    capture = new PcapCapture(Path.Combine(work, "pcap"), network, captured, snaplen ?? PcapWriter.SnapLength);
                    foreach (var n in network.Nodes) n.Capture = capture;
                },
            });
            progress?.Finish();
            if (result.Divergence is { } d)
            {
                capture?.Dispose();
                stdout.WriteLine($"run {row.Id} does not reproduce with this ActorNet, so nothing is exported");
                DivergenceReport.Write(d, $"journal (run {row.Id})", "re-execution", stdout);
                Discard(folder, work, created, stderr);
                return CliApp.RunFailed;
            }
            if (result.Run.Status == RunStatus.Interrupted)
            {
                capture?.Dispose();
                stderr.WriteLine("error: the export was interrupted; nothing is exported");
                Discard(folder, work, created, stderr);
                return signals.ExitCode;
            }
            capture?.Close();
            var results = new RunFolderWriter(Path.Combine(work, "all"));
            results.Begin(result.Scenario);
            results.Complete(SummaryBuilder.Build(result.Network, row.Engine, result.Run), RunTraces.Collect(result.Network, result.Run.Reached));
            var written = new List<string>();
            foreach (var f in Directory.GetFiles(results.Folder).Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileName(f);
                bool wanted = (csv && (name.EndsWith(".csv", StringComparison.Ordinal) || name.EndsWith(".png", StringComparison.Ordinal))) || (json && name == "summary.json");
                if (!wanted) continue;
                File.Move(f, Path.Combine(folder, name));
                written.Add(name);
            }
            // summary.json as the run journaled it (its wall time and engine are the live run's).
            if (json && row.SummaryJson is not null) File.WriteAllText(Path.Combine(folder, "summary.json"), row.SummaryJson);
            if (pcap)
            {
                Directory.Move(Path.Combine(work, "pcap"), Path.Combine(folder, "pcap"));
                written.Add($"pcap/ ({captured.Count} files)");
            }
            Directory.Delete(work, recursive: true);
            stdout.WriteLine($"run {row.Id}: {result.IntervalsVerified} intervals re-executed and equal to the journal");
            stdout.WriteLine($"exported {string.Join(", ", written)} to {folder}");
            return CliApp.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RunFolderException)
        {
            capture?.Dispose();
            stderr.WriteLine($"error: cannot write the export: {e.Message}");
            Discard(folder, work, created, stderr);
            return CliApp.RunFailed;
        }
    }

    // Nothing half-written: the work folder goes, and the export folder too if this export made it.
    private static void Discard(string folder, string work, bool created, TextWriter stderr)
    {
        try
        {
            if (created && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            else if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the error that made us discard is already on its way to the user; this one is added to it.
            stderr.WriteLine($"  and {folder} could not be cleaned up: {e.Message}");
        }
    }
}
