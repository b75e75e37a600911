using System.CommandLine;
using ActorNet.Cli.Output;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Replay;
using Spectre.Console;

namespace ActorNet.Cli.Commands;

/// <summary>actornet diff &lt;runA&gt; &lt;runB&gt;: where two journaled runs first part, entity by entity, and how their results differ.</summary>
internal static class DiffCommand
{
    public const int MaxEntityRows = 20;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var a = RunLookup.Argument("runA", "The first run (an id from 'actornet runs', or 'last')");
        var b = RunLookup.Argument("runB", "The second run");
        var db = JournalOptions.Database();
        var cmd = new Command("diff", "Compare two journaled runs (same scenario with another seed, another build, a changed parameter) without re-running them: "
            + "their settings, the first interval and node where they part with both records side by side, each node's first parting, and how their results differ. Exit 0 if they are the same, 1 if not.")
        {
            a, b, db,
        };
        cmd.SetAction(pr => RunLookup.Guard(stderr, () => Execute(pr.GetRequiredValue(a), pr.GetRequiredValue(b), pr.GetValue(db), stdout, stderr)));
        return cmd;
    }

    private static int Execute(string aText, string bText, string? dbText, TextWriter stdout, TextWriter stderr)
    {
        var db = JournalOptions.Open(dbText, stderr, create: false);
        if (db is null) return CliApp.BadInput;
        var rowA = RunLookup.Find(db, aText, stderr);
        if (rowA is null) return CliApp.BadInput;
        var rowB = RunLookup.Find(db, bText, stderr);
        if (rowB is null) return CliApp.BadInput;
        using var archive = RunArchive.Open(db);
        var a = RunLookup.Load(archive, rowA, stderr);
        var b = a is null ? null : RunLookup.Load(archive, rowB, stderr);
        if (a is null || b is null) return CliApp.BadInput;

        var d = RunComparison.Compare(archive, a, b);
        stdout.WriteLine($"A = run {rowA.Id} ({rowA.Scenario}, seed {rowA.Seed}, {rowA.Status}), B = run {rowB.Id} ({rowB.Scenario}, seed {rowB.Seed}, {rowB.Status})");
        if (d.Identical)
        {
            stdout.WriteLine($"the same: every interval both journals hold is equal on every node and link, and so are the results (digest {rowA.Digest ?? "-"})");
            return CliApp.Ok;
        }
        if (d.Settings.Count > 0)
        {
            stdout.WriteLine("settings (A | B):");
            foreach (var s in d.Settings) stdout.WriteLine("  " + s);
        }
        if (d.OnlyInA.Count > 0) stdout.WriteLine($"only in A: {string.Join(", ", d.OnlyInA.Take(10))}{(d.OnlyInA.Count > 10 ? $" and {d.OnlyInA.Count - 10} more" : "")}");
        if (d.OnlyInB.Count > 0) stdout.WriteLine($"only in B: {string.Join(", ", d.OnlyInB.Take(10))}{(d.OnlyInB.Count > 10 ? $" and {d.OnlyInB.Count - 10} more" : "")}");
        if (d.First is { } first) DivergenceReport.Write(first, $"A (run {rowA.Id})", $"B (run {rowB.Id})", stdout);
        else stdout.WriteLine("the journals agree on every interval both hold");

        var parted = d.Entities.Where(e => e.Interval is not null).ToList();
        if (parted.Count > 0)
        {
            stdout.WriteLine($"where each node and link first parts ({parted.Count} of {d.Entities.Count} part; earliest first):");
            var t = new Table();
            t.AddColumns("node or link", "first different interval", "from");
            foreach (var e in parted.Take(MaxEntityRows)) t.AddRow(Markup.Escape(e.Entity), e.Interval!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(e.From!.Value.ToString()));
            PlainConsole.For(stdout).Write(t);
            if (parted.Count > MaxEntityRows) stdout.WriteLine($"... and {parted.Count - MaxEntityRows} more");
        }
        if (d.Results.Count > 0)
        {
            stdout.WriteLine($"results that differ ({d.ResultsDiffering} values of summary.json, wall time aside):");
            var t = new Table();
            t.AddColumns("value", "A", "B");
            foreach (var (field, x, y) in d.Results) t.AddRow(Markup.Escape(field), Markup.Escape(x), Markup.Escape(y));
            PlainConsole.For(stdout).Write(t);
            if (d.ResultsDiffering > d.Results.Count) stdout.WriteLine($"... and {d.ResultsDiffering - d.Results.Count} more");
        }
        return CliApp.RunFailed;
    }
}
