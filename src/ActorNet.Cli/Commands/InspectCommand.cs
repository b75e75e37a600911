using System.CommandLine;
using ActorNet.Cli.Output;
using ActorNet.Core.Inspection;
using ActorNet.Core.Time;
using ActorNet.Core.Units;
using ActorNet.Engine;
using ActorNet.Engine.Reference;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Replay;

namespace ActorNet.Cli.Commands;

/// <summary>
/// actornet inspect &lt;run&gt; --at &lt;time&gt; [--node N]: the state of a node at a virtual time (routes, port queues,
/// sockets, TCP connections with their variables, apps), after every event before that time. At a snapshot time it
/// is read from the journal's snapshot; at any other time the run is re-executed from time zero on the reference
/// engine up to it, verified against the journal on the way.
/// </summary>
internal static class InspectCommand
{
    public const int MaxNodesWithoutSelection = 16;

    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var run = RunLookup.Argument();
        var db = JournalOptions.Database();
        var at = new Option<string>("--at") { Description = "The virtual time, e.g. 2s or 2500ms: the state after every event before it", Required = true };
        var node = new Option<string?>("--node") { Description = $"The node (default: every node, on a run of at most {MaxNodesWithoutSelection} nodes)" };
        var json = new Option<bool>("--json") { Description = "JSON instead of text" };
        var cmd = new Command("inspect", "Show the state of a node of a journaled run at a virtual time: routing table, port queues, sockets, TCP connections with their variables, apps. "
            + "Read from the journal's snapshot at a snapshot time (every second by default); otherwise re-executes the run up to that time and verifies it against the journal on the way.")
        {
            run, db, at, node, json,
        };
        cmd.SetAction(pr => RunLookup.Guard(stderr, () => Execute(pr.GetRequiredValue(run), pr.GetValue(db), pr.GetRequiredValue(at), pr.GetValue(node), pr.GetValue(json),
            stdout, stderr, cancel)));
        return cmd;
    }

    private static int Execute(string runText, string? dbText, string atText, string? nodeName, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        if (!UnitParser.TryParseDuration(atText, out var at, out var err) || at < SimTime.Zero)
        {
            stderr.WriteLine($"error: --at {atText}: {err ?? "must be >= 0"}");
            stderr.WriteLine("  fix: give a virtual time inside the run, e.g. --at 2s");
            return CliApp.BadInput;
        }
        var db = JournalOptions.Open(dbText, stderr, create: false);
        if (db is null) return CliApp.BadInput;
        var row = RunLookup.Find(db, runText, stderr);
        if (row is null) return CliApp.BadInput;
        // At a snapshot time, the snapshot answers without starting the journal's actor system.
        if (at.Nanoseconds > 0 && at.Nanoseconds % row.IntervalNs == 0 && at.Nanoseconds <= row.ReachedNs
            && RunCatalog.StateAt(db, row.Id, at.Nanoseconds / row.IntervalNs - 1) is { } snapshot)
        {
            var states = snapshot.NodeStates.Select(NodeStateJson.Deserialize).ToList();
            if (nodeName is not null && states.All(n => n.Name != nodeName))
                return UnknownNode(row.Id, nodeName, states.Select(n => n.Name).ToList(), stderr);
            if (nodeName is null && states.Count > MaxNodesWithoutSelection) return NodeNeeded(row.Id, states.Select(n => n.Name).ToList(), stderr);
            Print(states.Where(n => nodeName is null || n.Name == nodeName).ToList(), json,
                $"run {row.Id} ({row.Scenario}, seed {row.Seed}) at {at}, from the journal's snapshot (nothing re-run)", stdout);
            return CliApp.Ok;
        }
        using var archive = RunArchive.Open(db);
        var record = RunLookup.Load(archive, row, stderr);
        if (record is null) return CliApp.BadInput;
        var end = Reexecution.End(record);
        if (at > end)
        {
            stderr.WriteLine($"error: --at {atText} is after the end of what run {row.Id} journaled ({end})");
            stderr.WriteLine($"  fix: give a time from 0s to {end}");
            return CliApp.BadInput;
        }
        var nodes = record.Started.Nodes;
        if (nodeName is not null && !nodes.Contains(nodeName)) return UnknownNode(row.Id, nodeName, nodes, stderr);
        if (nodeName is null && nodes.Count > MaxNodesWithoutSelection) return NodeNeeded(row.Id, nodes, stderr);
        using var signals = new StopSignals(cancel);
        // Every event before --at: the engine handles the events before its stop time.
        var result = Reexecution.Run(archive, record, new ReferenceEngine(), new ReexecutionOptions
        {
            StopAt = at,
            Cancel = signals.Token,
        });
        if (result.Divergence is { } d)
        {
            stdout.WriteLine($"run {row.Id} does not reproduce with this ActorNet before {at}, so its state there is unknown");
            DivergenceReport.Write(d, $"journal (run {row.Id})", "re-execution", stdout);
            return CliApp.RunFailed;
        }
        if (result.Run.Status == RunStatus.Interrupted) return signals.ExitCode;
        var chosen = result.Network.Nodes.Where(n => nodeName is null || n.Name == nodeName).Select(n => NodeInspector.Inspect(n, at)).ToList();
        Print(chosen, json, $"run {row.Id} ({record.Started.Scenario}, seed {record.Started.Seed}) at {at}, re-executed and equal to the journal in {result.IntervalsVerified} intervals", stdout);
        return CliApp.Ok;
    }

    private static int UnknownNode(long run, string name, IReadOnlyList<string> nodes, TextWriter stderr)
    {
        stderr.WriteLine($"error: run {run} has no node '{name}'");
        stderr.WriteLine($"  fix: give one of {string.Join(", ", nodes.Take(12))}{(nodes.Count > 12 ? $" (and {nodes.Count - 12} more)" : "")}");
        return CliApp.BadInput;
    }

    private static int NodeNeeded(long run, IReadOnlyList<string> nodes, TextWriter stderr)
    {
        stderr.WriteLine($"error: run {run} has {nodes.Count} nodes; say which one to inspect");
        stderr.WriteLine($"  fix: add --node, e.g. --node {nodes[0]}");
        return CliApp.BadInput;
    }

    private static void Print(IReadOnlyList<NodeState> states, bool json, string heading, TextWriter stdout)
    {
        if (json)
        {
            stdout.WriteLine(states.Count == 1 ? NodeStateJson.Serialize(states[0]) : "[" + string.Join(",", states.Select(NodeStateJson.Serialize)) + "]");
            return;
        }
        stdout.WriteLine(heading);
        foreach (var s in states)
        {
            stdout.WriteLine();
            stdout.Write(NodeStateText.Render(s));
        }
    }
}
