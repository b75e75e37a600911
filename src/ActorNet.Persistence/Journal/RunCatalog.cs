using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

namespace ActorNet.Persistence.Journal;

/// <summary>One run as the catalog lists it (<c>actornet runs</c>).</summary>
public sealed record RunRow
{
    public required long Id { get; init; }
    public required string Scenario { get; init; }
    public required ulong Seed { get; init; }
    public required string Engine { get; init; }
    public required int Threads { get; init; }
    /// <summary>As stored: running, completed, failed or interrupted.</summary>
    public required string StoredStatus { get; init; }
    public required long ReachedNs { get; init; }
    public required long StopAtNs { get; init; }
    public required long Events { get; init; }
    public required double WallSeconds { get; init; }
    public required DateTime StartedUtc { get; init; }
    public DateTime? EndedUtc { get; init; }
    public required string Host { get; init; }
    public required int Pid { get; init; }
    public required long ProcessStartTicks { get; init; }
    public required DateTime HeartbeatUtc { get; init; }
    public string? Digest { get; init; }
    public string? RunFolder { get; init; }
    public long Intervals { get; init; }
    public required long IntervalNs { get; init; }
    public required string Version { get; init; }
    public required string Commit { get; init; }
    /// <summary>summary.json as the run wrote it (null until it ended, and for a run that failed or was killed).</summary>
    public string? SummaryJson { get; init; }
    public string? Error { get; init; }

    /// <summary>
    /// What the run is now: a "running" run whose process is gone (killed, machine restarted) is interrupted.
    /// On this machine the process is looked up by id and start time; a run written from elsewhere counts as
    /// interrupted once its heartbeat is older than <see cref="RunCatalog.StaleAfter"/>.
    /// </summary>
    public string Status => StoredStatus != "running" ? StoredStatus : (RunCatalog.IsAlive(this) ? "running" : "interrupted");
}

/// <summary>
/// The run catalog: one row per run in a table of ActorNet's own (<see cref="Table"/>), beside Akka.Persistence.Sql's
/// journal. It is an index for listing and a heartbeat for telling a live run from a killed one; the run's record
/// (scenario, settings, intervals, summary) is in the journal itself, under the persistence id <c>run-&lt;id&gt;</c>.
/// </summary>
public static class RunCatalog
{
    public const string Table = "actornet_runs";
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);
    private const string Columns = "id, scenario, seed, engine, threads, status, reached_ns, stop_at_ns, events, wall_seconds, started_utc, ended_utc, host, pid, process_start, heartbeat_utc, digest, run_folder, intervals, interval_ns, version, commit_id, summary_json, error";

    internal static void CreateTable(DbConnection c, JournalProvider provider)
    {
        string id = provider == JournalProvider.Sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
        JournalDatabase.Execute(c, $"""
            CREATE TABLE IF NOT EXISTS {Table} (
              id {id},
              scenario VARCHAR(64) NOT NULL,
              seed VARCHAR(24) NOT NULL,
              engine VARCHAR(16) NOT NULL,
              threads INTEGER NOT NULL,
              status VARCHAR(16) NOT NULL,
              reached_ns BIGINT NOT NULL,
              stop_at_ns BIGINT NOT NULL,
              events BIGINT NOT NULL,
              wall_seconds DOUBLE PRECISION NOT NULL,
              started_utc VARCHAR(40) NOT NULL,
              ended_utc VARCHAR(40),
              host VARCHAR(256) NOT NULL,
              pid INTEGER NOT NULL,
              process_start BIGINT NOT NULL,
              heartbeat_utc VARCHAR(40) NOT NULL,
              digest VARCHAR(64),
              run_folder VARCHAR(4096),
              intervals BIGINT NOT NULL,
              interval_ns BIGINT NOT NULL,
              version VARCHAR(64) NOT NULL,
              commit_id VARCHAR(64) NOT NULL,
              summary_json TEXT,
              error TEXT)
            """);
    }

    /// <summary>Adds a running run and returns its id (unique in the database, also with runs started at once).</summary>
    public static long Insert(JournalDatabase db, string scenario, ulong seed, string engine, int threads, long stopAtNs, string? runFolder, DateTime startedUtc,
        long intervalNs, string version, string commit)
    {
        using var p = Process.GetCurrentProcess();
        return Use(db, c =>
        {
            using var cmd = JournalDatabase.Command(c, $"""
                INSERT INTO {Table} (scenario, seed, engine, threads, status, reached_ns, stop_at_ns, events, wall_seconds, started_utc, host, pid, process_start, heartbeat_utc, run_folder, intervals, interval_ns, version, commit_id)
                VALUES (@scenario, @seed, @engine, @threads, 'running', 0, @stop, 0, 0, @started, @host, @pid, @pstart, @started, @folder, 0, @interval, @version, @commit) RETURNING id
                """,
                ("@scenario", scenario), ("@seed", seed.ToString(CultureInfo.InvariantCulture)), ("@engine", engine), ("@threads", threads),
                ("@stop", stopAtNs), ("@started", Iso(startedUtc)), ("@host", Environment.MachineName), ("@pid", Environment.ProcessId),
                ("@pstart", p.StartTime.ToUniversalTime().Ticks), ("@folder", runFolder),
                ("@interval", intervalNs), ("@version", version), ("@commit", commit));
            return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        });
    }

    /// <summary>The run went on: intervals committed so far, virtual time and events reached; also its heartbeat.</summary>
    public static void Progress(JournalDatabase db, long id, long intervals, long reachedNs, long events)
    {
        Use(db, c => JournalDatabase.Execute(c, $"UPDATE {Table} SET intervals = @i, reached_ns = @r, events = @e, heartbeat_utc = @h WHERE id = @id",
            ("@i", intervals), ("@r", reachedNs), ("@e", events), ("@h", Iso(DateTime.UtcNow)), ("@id", id)));
    }

    public static void End(JournalDatabase db, long id, string status, long intervals, long reachedNs, long events, double wallSeconds, string? digest, DateTime endedUtc,
        string? summaryJson = null, string? error = null)
    {
        Use(db, c => JournalDatabase.Execute(c, $"""
            UPDATE {Table} SET status = @s, intervals = @i, reached_ns = @r, events = @e, wall_seconds = @w, digest = @d, ended_utc = @end, heartbeat_utc = @end,
              summary_json = @summary, error = @error WHERE id = @id
            """,
            ("@s", status), ("@i", intervals), ("@r", reachedNs), ("@e", events), ("@w", wallSeconds), ("@d", digest), ("@end", Iso(endedUtc)),
            ("@summary", summaryJson), ("@error", error), ("@id", id)));
    }

    /// <summary>
    /// The nodes' state snapshot at the end of interval <paramref name="index"/>, read from Akka.Persistence.Sql's snapshot
    /// table in one query, without starting an actor system: what lets <c>inspect</c> at a snapshot time answer in a
    /// fraction of a second. Null if there is none (or the table does not exist yet).
    /// </summary>
    public static StateSnapshot? StateAt(JournalDatabase db, long id, long index)
    {
        using var c = db.Connect();
        try
        {
            using var cmd = JournalDatabase.Command(c, "SELECT snapshot, manifest, serializer_id FROM snapshot WHERE persistence_id = @p AND sequence_number = @s",
                ("@p", JournalIds.State(id)), ("@s", index + 1));
            using var r = cmd.ExecuteReader();
            if (!r.Read()) return null;
            if (r.GetString(1) != JournalSerializer.StateManifest || r.GetInt32(2) != JournalSerializer.Id)
                throw new InvalidDataException($"run {id}: the snapshot at interval {index} is not a state snapshot of this ActorNet");
            return JournalSerializer.ReadStateSnapshot((byte[])r.GetValue(0));
        }
        catch (DbException) when (!TableExists(c, "snapshot"))
        {
            return null;
        }
    }

    private static bool TableExists(DbConnection c, string table)
    {
        string sql = c is Microsoft.Data.Sqlite.SqliteConnection
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @t"
            : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @t";
        using var cmd = JournalDatabase.Command(c, sql, ("@t", table));
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    public static RunRow? Get(JournalDatabase db, long id) => Query(db, $"SELECT {Columns} FROM {Table} WHERE id = @id", ("@id", id)).SingleOrDefault();

    /// <summary>Every run, newest first.</summary>
    public static List<RunRow> List(JournalDatabase db) => Query(db, $"SELECT {Columns} FROM {Table} ORDER BY id DESC");

    /// <summary>
    /// Runs <paramref name="body"/> on a connection of its own. A statement that fails (the table dropped, the
    /// database gone, the server stopped mid-run) is a <see cref="JournalException"/>, as a connection that fails is.
    /// </summary>
    private static T Use<T>(JournalDatabase db, Func<DbConnection, T> body)
    {
        using var c = db.Connect();
        try
        {
            return body(c);
        }
        catch (DbException e)
        {
            throw JournalDatabase.Unusable(db.Location, e);
        }
    }

    private static List<RunRow> Query(JournalDatabase db, string sql, params (string, object?)[] parameters) => Use(db, c =>
    {
        using var cmd = JournalDatabase.Command(c, sql, parameters);
        using var r = cmd.ExecuteReader();
        var rows = new List<RunRow>();
        while (r.Read())
            rows.Add(new RunRow
            {
                Id = r.GetInt64(0),
                Scenario = r.GetString(1),
                Seed = ulong.Parse(r.GetString(2), CultureInfo.InvariantCulture),
                Engine = r.GetString(3),
                Threads = r.GetInt32(4),
                StoredStatus = r.GetString(5),
                ReachedNs = r.GetInt64(6),
                StopAtNs = r.GetInt64(7),
                Events = r.GetInt64(8),
                WallSeconds = r.GetDouble(9),
                StartedUtc = ParseIso(r.GetString(10)),
                EndedUtc = r.IsDBNull(11) ? null : ParseIso(r.GetString(11)),
                Host = r.GetString(12),
                Pid = r.GetInt32(13),
                ProcessStartTicks = r.GetInt64(14),
                HeartbeatUtc = ParseIso(r.GetString(15)),
                Digest = r.IsDBNull(16) ? null : r.GetString(16),
                RunFolder = r.IsDBNull(17) ? null : r.GetString(17),
                Intervals = r.GetInt64(18),
                IntervalNs = r.GetInt64(19),
                Version = r.GetString(20),
                Commit = r.GetString(21),
                SummaryJson = r.IsDBNull(22) ? null : r.GetString(22),
                Error = r.IsDBNull(23) ? null : r.GetString(23),
            });
        return rows;
    });

    internal static bool IsAlive(RunRow row)
    {
        if (row.Host != Environment.MachineName) return DateTime.UtcNow - row.HeartbeatUtc < StaleAfter;
        try
        {
            using var p = Process.GetProcessById(row.Pid);
            // A process id is reused; the start time tells the run's process from a later one.
            return Math.Abs(p.StartTime.ToUniversalTime().Ticks - row.ProcessStartTicks) < TimeSpan.TicksPerSecond && !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Iso(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static DateTime ParseIso(string s) => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
