using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorNet.Persistence.Journal;

/// <summary>
/// Opens the journal database and makes sure it is ActorNet's: a SQLite file that is not a database, or a
/// database holding another program's tables, is refused with a <see cref="JournalException"/> before anything is
/// written. Creates the run catalog (<see cref="RunCatalog"/>) and the marker table on first use; Akka.Persistence.Sql
/// creates its own journal and snapshot tables on its first write (AKKA-NOTES §3).
/// </summary>
public sealed class JournalDatabase
{
    public const string MarkerTable = "actornet_meta";
    public const int SchemaVersion = 1;
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();
    // Tables that ActorNet's own runs put in the database (ours and Akka.Persistence.Sql's).
    private static readonly HashSet<string> KnownTables = [MarkerTable, RunCatalog.Table, "journal", "tags", "snapshot", "journal_metadata", "sqlite_sequence"];

    private JournalDatabase(JournalLocation location) => Location = location;

    public JournalLocation Location { get; }

    /// <summary>Opens (and on first use creates) the database. <paramref name="create"/> false: it must exist already.</summary>
    public static JournalDatabase Open(JournalLocation location, bool create = true)
    {
        var db = new JournalDatabase(location);
        if (location.Provider == JournalProvider.Sqlite) db.PrepareSqliteFile(create);
        try
        {
            using var c = db.Connect();
            db.CheckAndCreate(c, create);
            // WAL is stored in the file: set once, before Akka opens it (AKKA-NOTES §3), and only once the file is
            // known to be ours (another program's database is refused unchanged). Readers never block the writer.
            if (location.Provider == JournalProvider.Sqlite) Execute(c, "PRAGMA journal_mode=WAL;");
        }
        catch (DbException e)
        {
            throw Unusable(location, e);
        }
        return db;
    }

    public DbConnection Connect()
    {
        DbConnection c = Location.Provider == JournalProvider.Sqlite
            ? new SqliteConnection(Location.ConnectionString)
            : new NpgsqlConnection(Location.ConnectionString);
        try
        {
            c.Open();
            if (c is SqliteConnection)
                Execute(c, "PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;");
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
        {
            c.Dispose();
            throw Unusable(Location, e);
        }
        return c;
    }

    internal static int Execute(DbConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    internal static DbCommand Command(DbConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private void PrepareSqliteFile(bool create)
    {
        string path = Location.SqlitePath!;
        if (Directory.Exists(path))
            throw new JournalException($"--db {path} is a directory", "give a database file, e.g. --db runs/actornet.db");
        if (!File.Exists(path))
        {
            if (!create) throw new JournalException($"no journal database at {path}", "run a scenario first (actornet run …), or give the database with --db");
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new JournalException($"cannot create the folder of {path}: {e.Message}", "give a database in a writable place with --db", e);
            }
        }
        else
        {
            var head = new byte[SqliteHeader.Length];
            int n;
            try
            {
                using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new JournalException($"cannot read {path}: {e.Message}", "check the file's permissions, or give another --db", e);
            }
            if (n > 0 && (n < head.Length || !head.AsSpan().SequenceEqual(SqliteHeader)))
                throw new JournalException($"{path} is not a SQLite database (it is corrupt, or another kind of file)",
                    "give another --db, or move the file away to start a new journal there");
        }
    }

    private void CheckAndCreate(DbConnection c, bool create)
    {
        var tables = new List<string>();
        string list = Location.Provider == JournalProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
        using (var cmd = Command(c, list))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) tables.Add(r.GetString(0));
        if (tables.Count > 0 && !tables.Contains(MarkerTable))
        {
            var foreign = tables.Where(t => !KnownTables.Contains(t)).Take(5).ToList();
            throw new JournalException(
                $"{Location.Display} holds another program's tables ({string.Join(", ", foreign.Count > 0 ? foreign : tables.Take(5))}), not an ActorNet journal",
                "give an empty or new database with --db (ActorNet creates its tables itself)");
        }
        if (tables.Contains(MarkerTable))
        {
            using var cmd = Command(c, $"SELECT value FROM {MarkerTable} WHERE key = 'schema'");
            var v = cmd.ExecuteScalar() as string;
            if (v != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
                throw new JournalException($"{Location.Display} is an ActorNet journal of schema {v ?? "(none)"}, this ActorNet reads schema {SchemaVersion}",
                    "use the ActorNet that wrote it, or give a new database with --db");
        }
        if (!create && !tables.Contains(RunCatalog.Table))
            throw new JournalException($"{Location.Display} holds no runs yet", "run a scenario first (actornet run …), or give the database with --db");
        Execute(c, $"CREATE TABLE IF NOT EXISTS {MarkerTable} (key VARCHAR(64) PRIMARY KEY, value VARCHAR(256) NOT NULL)");
        Execute(c, $"INSERT INTO {MarkerTable} (key, value) VALUES ('schema', @v) ON CONFLICT (key) DO NOTHING",
            ("@v", SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        RunCatalog.CreateTable(c, Location.Provider);
    }

    internal static JournalException Unusable(JournalLocation location, Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: 26 } => new JournalException($"{location.Display} is not a SQLite database (it is corrupt, or another kind of file)",
            "give another --db, or move the file away to start a new journal there", e),
        SqliteException { SqliteErrorCode: 11 } => new JournalException($"{location.Display} is damaged (database disk image is malformed)",
            "move the file away and start a new journal, or give another --db", e),
        SqliteException s => new JournalException($"cannot use {location.Display}: {s.Message}", "check the file and its folder, or give another --db", e),
        _ => new JournalException($"cannot use {location.Display}: {e.Message}",
            location.Provider == JournalProvider.PostgreSql ? "check that PostgreSQL runs and the connection string (--db or ACTORNET_DB) is right" : "give another --db", e),
    };
}
