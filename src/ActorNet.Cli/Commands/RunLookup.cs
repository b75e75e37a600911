using System.CommandLine;
using System.Globalization;
using ActorNet.Persistence.Journal;

namespace ActorNet.Cli.Commands;

/// <summary>The &lt;run&gt; argument of show, export, inspect, replay and diff: a run id from 'actornet runs', or 'last'.</summary>
internal static class RunLookup
{
    public static Argument<string> Argument(string name = "run", string description = "A run id from 'actornet runs', or 'last' for the newest run") =>
        new(name) { Description = description };

    /// <summary>Finds the run in the catalog; a problem is printed as error + fix, and null returned (exit 2).</summary>
    public static RunRow? Find(JournalDatabase db, string text, TextWriter stderr)
    {
        RunRow? row;
        if (text == "last")
        {
            row = RunCatalog.List(db).FirstOrDefault();
            if (row is null)
            {
                stderr.WriteLine($"error: there is no run in {db.Location.Display} yet");
                stderr.WriteLine("  fix: run a scenario first (actornet run config/ping.conf), or give the database with --db");
            }
            return row;
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) || id <= 0)
        {
            stderr.WriteLine($"error: '{text}' is not a run id");
            stderr.WriteLine("  fix: give a run id that 'actornet runs' lists (a whole number), or 'last'");
            return null;
        }
        row = RunCatalog.Get(db, id);
        if (row is null)
        {
            stderr.WriteLine($"error: there is no run {id} in {db.Location.Display}");
            stderr.WriteLine("  fix: 'actornet runs' lists the runs there; another database is chosen with --db");
        }
        return row;
    }

    /// <summary>The journaled record of a run the catalog has (null, with a message, if its journal holds nothing: a run that failed at its start).</summary>
    public static RunRecord? Load(RunArchive archive, RunRow row, TextWriter stderr)
    {
        var record = archive.Load(row.Id);
        if (record is null)
        {
            stderr.WriteLine($"error: run {row.Id} is in the catalog of {archive.Database.Location.Display}, but its journal holds nothing (it {row.Status} before its first write)");
            stderr.WriteLine("  fix: choose another run ('actornet runs')");
        }
        return record;
    }

    /// <summary>Catches what opening or reading a journal can throw that is the database's fault, as error + fix.</summary>
    public static int Guard(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (JournalException e)
        {
            stderr.WriteLine($"error: {e.Problem}");
            stderr.WriteLine($"  fix: {e.Fix}");
            return CliApp.BadInput;
        }
        catch (InvalidDataException e)
        {
            stderr.WriteLine($"error: the journal cannot be read: {e.Message}");
            stderr.WriteLine("  fix: the run was written by another ActorNet, or the database is damaged; choose another run or database");
            return CliApp.BadInput;
        }
        catch (System.Data.Common.DbException e)
        {
            stderr.WriteLine($"error: the journal database failed: {e.Message}");
            stderr.WriteLine("  fix: check the database (--db or ACTORNET_DB), that it is reachable and not damaged");
            return CliApp.BadInput;
        }
    }
}
