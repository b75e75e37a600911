using System.CommandLine;
using System.Globalization;
using ActorNet.Cli.Output;
using ActorNet.Core.Time;
using ActorNet.Persistence.Journal;
using Spectre.Console;

namespace ActorNet.Cli.Commands;

/// <summary>actornet runs: the catalog of journaled runs, newest first, with filters.</summary>
internal static class RunsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var db = JournalOptions.Database();
        var scenario = new Option<string?>("--scenario") { Description = "Only runs of this scenario (its name)" };
        var status = new Option<string?>("--status") { Description = "Only runs with this status" };
        status.AcceptOnlyFromAmong("running", "completed", "failed", "interrupted");
        var engine = new Option<string?>("--engine") { Description = "Only runs on this engine" };
        engine.AcceptOnlyFromAmong(EngineOptions.Actors, EngineOptions.Reference);
        var seed = new Option<ulong?>("--seed") { Description = "Only runs with this seed" };
        var limit = new Option<int?>("--limit", "-n")
        {
            Description = "Show at most this many (the newest)",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= 1) return v;
                r.AddError($"--limit {text}: give a whole number of runs, at least 1, e.g. --limit 20");
                return null;
            },
        };
        var cmd = new Command("runs", "List the journaled runs, newest first: id, scenario, seed, engine, status, virtual time reached, events, wall time, start. A run whose process was killed shows as interrupted.")
        {
            db, scenario, status, engine, seed, limit,
        };
        cmd.SetAction(pr => RunLookup.Guard(stderr, () => Execute(pr.GetValue(db), pr.GetValue(scenario), pr.GetValue(status), pr.GetValue(engine),
            pr.GetValue(seed), pr.GetValue(limit), stdout, stderr)));
        return cmd;
    }

    private static int Execute(string? dbText, string? scenario, string? status, string? engine, ulong? seed, int? limit, TextWriter stdout, TextWriter stderr)
    {
        var location = JournalLocation.Resolve(dbText);
        if (location.SqlitePath is { } path && !File.Exists(path))
        {
            stdout.WriteLine($"no runs in {path} (nothing journaled there yet)");
            return CliApp.Ok;
        }
        var db = JournalOptions.Open(dbText, stderr, create: false);
        if (db is null) return CliApp.BadInput;
        var rows = RunCatalog.List(db).Where(r =>
            (scenario is null || r.Scenario == scenario) && (status is null || r.Status == status)
            && (engine is null || r.Engine == engine) && (seed is null || r.Seed == seed)).ToList();
        int total = rows.Count;
        if (limit is { } n) rows = rows.Take(n).ToList();
        if (rows.Count == 0)
        {
            stdout.WriteLine($"no runs in {db.Location.Display}{(scenario ?? status ?? engine ?? seed?.ToString(CultureInfo.InvariantCulture)) switch { null => "", _ => " match" }}");
            return CliApp.Ok;
        }
        var t = new Table();
        t.AddColumns("id", "scenario", "seed", "engine", "status", "virtual time", "events", "wall", "started (UTC)");
        foreach (var r in rows)
            t.AddRow(Markup.Escape(r.Id.ToString(CultureInfo.InvariantCulture)), Markup.Escape(r.Scenario), r.Seed.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(r.Engine == "actors" ? $"actors ×{r.Threads}" : r.Engine), r.Status,
                Markup.Escape($"{new SimTime(r.ReachedNs)} of {new SimTime(r.StopAtNs)}"), r.Events.ToString("N0", CultureInfo.InvariantCulture),
                r.WallSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s", r.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        var console = PlainConsole.For(stdout);
        console.Write(t);
        if (rows.Count < total) stdout.WriteLine($"{rows.Count} of {total} runs shown (--limit)");
        stdout.WriteLine($"journal {db.Location.Display}");
        return CliApp.Ok;
    }
}
