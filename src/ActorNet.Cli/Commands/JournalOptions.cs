using System.CommandLine;
using ActorNet.Core.Time;
using ActorNet.Core.Units;
using ActorNet.Persistence.Journal;

namespace ActorNet.Cli.Commands;

/// <summary>--db (every command that reads or writes the journal), and run's --no-journal and --journal-interval.</summary>
internal static class JournalOptions
{
    public static Option<string?> Database() => new("--db")
    {
        // An empty value would silently mean the default database.
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (!string.IsNullOrWhiteSpace(text)) return text;
            r.AddError($"--db \"{text}\": give the journal database, e.g. --db runs/actornet.db, or leave --db out for the default");
            return null;
        },
        Description = $"The run journal: a SQLite file (default {JournalLocation.DefaultPath}, or ${JournalLocation.EnvironmentVariable}) "
            + "or a PostgreSQL connection string (\"Host=127.0.0.1;Port=5432;Database=actornet;Username=me\" or postgres://me@127.0.0.1/actornet)",
    };

    public static Option<bool> NoJournal() => new("--no-journal")
    {
        Description = "Do not journal this run (it will not be in 'actornet runs', and cannot be shown, exported, replayed or diffed)",
    };

    public static Option<SimTime?> Interval() => new("--journal-interval")
    {
        Description = $"Virtual time per journal interval: each node's records are kept in one row per interval, and replay and diff compare interval by interval (default {RunJournal.DefaultInterval})",
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (UnitParser.TryParseDuration(text, out var t, out var err) && t >= SimTime.FromMicroseconds(1)) return t;
            r.AddError($"--journal-interval {text}: {err ?? "must be at least 1us"}; give a virtual time, e.g. --journal-interval 100ms");
            return null;
        },
    };

    public static Option<SimTime?> SnapshotInterval() => new("--snapshot-interval")
    {
        Description = $"Save every node's state (queues, sockets, TCP variables, apps) each time this much virtual time has passed, for 'actornet inspect' without re-running "
            + $"(a multiple of --journal-interval; 0 for none; default {RunJournal.DefaultSnapshotInterval})",
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (text == "0") return SimTime.Zero;
            if (UnitParser.TryParseDuration(text, out var t, out var err) && t >= SimTime.Zero) return t;
            r.AddError($"--snapshot-interval {text}: {err ?? "must be >= 0"}; give a virtual time, e.g. --snapshot-interval 1s, or 0 for none");
            return null;
        },
    };

    /// <summary>Opens the journal database; a problem is printed as error + fix and null returned.</summary>
    public static JournalDatabase? Open(string? db, TextWriter stderr, bool create)
    {
        try
        {
            return JournalDatabase.Open(JournalLocation.Resolve(db), create);
        }
        catch (JournalException e)
        {
            stderr.WriteLine($"error: {e.Problem}");
            stderr.WriteLine($"  fix: {e.Fix}");
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
        {
            stderr.WriteLine($"error: --db {db}: {e.Message}");
            stderr.WriteLine("  fix: give a SQLite file path or a PostgreSQL connection string, e.g. --db runs/actornet.db");
            return null;
        }
    }
}
