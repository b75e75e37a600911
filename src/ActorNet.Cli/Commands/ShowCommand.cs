using System.CommandLine;
using System.Globalization;
using ActorNet.Cli.Output;
using ActorNet.Core.Time;
using ActorNet.Persistence.Journal;

namespace ActorNet.Cli.Commands;

/// <summary>actornet show &lt;run&gt;: a journaled run's identity, how it ended and its summary tables, from the database alone.</summary>
internal static class ShowCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var run = RunLookup.Argument();
        var db = JournalOptions.Database();
        var cmd = new Command("show", "Show a journaled run: scenario, seed, engine, status, times, digest, and its summary tables, from the database (nothing is re-run).")
        {
            run, db,
        };
        cmd.SetAction(pr => RunLookup.Guard(stderr, () => Execute(pr.GetRequiredValue(run), pr.GetValue(db), stdout, stderr)));
        return cmd;
    }

    private static int Execute(string runText, string? dbText, TextWriter stdout, TextWriter stderr)
    {
        var db = JournalOptions.Open(dbText, stderr, create: false);
        if (db is null) return CliApp.BadInput;
        var r = RunLookup.Find(db, runText, stderr);
        if (r is null) return CliApp.BadInput;
        var ic = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(ic, $"run {r.Id}: scenario {r.Scenario}, seed {r.Seed}, engine {r.Engine}{(r.Engine == "actors" ? $" ({r.Threads} threads)" : "")}"));
        stdout.WriteLine($"  status      {r.Status}{(r.Status != r.StoredStatus ? $" (its process is gone; the journal holds {r.Intervals} intervals up to {new SimTime(r.ReachedNs)})" : "")}");
        if (r.Error is not null) stdout.WriteLine($"  error       {r.Error}");
        stdout.WriteLine($"  virtual     {new SimTime(r.ReachedNs)} of {new SimTime(r.StopAtNs)}, {r.Events.ToString("N0", ic)} events");
        stdout.WriteLine(string.Create(ic, $"  wall        {r.WallSeconds:0.000} s, started {r.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC{(r.EndedUtc is { } e ? $", ended {e:HH:mm:ss}" : "")}"));
        stdout.WriteLine($"  digest      {r.Digest ?? "(none: the run did not finish)"}");
        stdout.WriteLine(string.Create(ic, $"  journal     {r.Intervals} intervals of {new SimTime(r.IntervalNs)} in {db.Location.Display}"));
        stdout.WriteLine($"  ActorNet    {r.Version} ({r.Commit})");
        if (r.RunFolder is not null) stdout.WriteLine($"  run folder  {r.RunFolder}");
        if (r.SummaryJson is not null) StoredSummary.Write(r.SummaryJson, PlainConsole.For(stdout));
        else stdout.WriteLine("(no summary: the run did not end normally; 'actornet replay' and 'actornet export' re-run what the journal holds)");
        return CliApp.Ok;
    }
}
