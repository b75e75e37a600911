using System.Globalization;
using System.Text.RegularExpressions;
using ActorNet.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ActorNet.Cli.Tests.Journal;

/// <summary>"first difference: interval K [from, to), entity: reason", as replay, diff, export and inspect print it.</summary>
internal sealed record FirstDifference(long Interval, string From, string To, string Entity, string Reason);

/// <summary>What the journal tests read from the CLI's output, and the journal database under it.</summary>
internal static partial class JournalCli
{
    /// <summary>The run id from run's "journal run N in ..." line.</summary>
    public static long RunId(CliResult run)
    {
        var m = JournalLine().Match(run.Stdout);
        Assert.True(m.Success, $"no 'journal run N' line\n{run}");
        return long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The "digest &lt;sha-256&gt;" line of run or replay.</summary>
    public static string Digest(string stdout)
    {
        var m = DigestLine().Match(stdout.ReplaceLineEndings("\n"));
        Assert.True(m.Success, $"no digest line in\n{stdout}");
        return m.Groups[1].Value;
    }

    public static FirstDifference? First(string stdout)
    {
        var m = FirstLine().Match(stdout.ReplaceLineEndings("\n"));
        return m.Success
            ? new FirstDifference(long.Parse(m.Groups["k"].Value, CultureInfo.InvariantCulture), m.Groups["from"].Value, m.Groups["to"].Value, m.Groups["entity"].Value, m.Groups["reason"].Value)
            : null;
    }

    /// <summary>
    /// Bad input: exit 2, exactly one "error:" line with a "  fix:" line right under it, and no stack trace.
    /// Returns the error line's text after "error: ".
    /// </summary>
    public static string AssertOneError(CliResult r)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        var lines = r.Stderr.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var errors = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, r.ToString());
        int at = errors[0].i;
        Assert.True(at + 1 < lines.Length && lines[at + 1].StartsWith("  fix: ", StringComparison.Ordinal), r.ToString());
        Assert.DoesNotContain("Exception", r.Stderr + r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", r.Stderr);
        return errors[0].l["error: ".Length..];
    }

    /// <summary>Ids of the rows of runs' table ("│ 3  │ ping │ ..."), in the order printed.</summary>
    public static List<long> ListedIds(string stdout) =>
        TableRow().Matches(stdout).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    /// <summary>The status column of the row of run <paramref name="id"/> in runs' table.</summary>
    public static string ListedStatus(string stdout, long id)
    {
        var row = stdout.ReplaceLineEndings("\n").Split('\n').Single(l => TableRow().Match(l) is { Success: true } m && m.Groups[1].Value == id.ToString(CultureInfo.InvariantCulture));
        return row.Split('│', StringSplitOptions.TrimEntries)[5];
    }

    [GeneratedRegex(@"journal run (\d+) in ")]
    private static partial Regex JournalLine();

    [GeneratedRegex(@"^digest ([0-9a-f]{64})$", RegexOptions.Multiline)]
    private static partial Regex DigestLine();

    [GeneratedRegex(@"^first difference: interval (?<k>\d+) \[(?<from>[^,]+), (?<to>[^)]+)\), (?<entity>.+?): (?<reason>.*)$", RegexOptions.Multiline)]
    private static partial Regex FirstLine();

    [GeneratedRegex(@"^│\s*(\d+)\s*│", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}

/// <summary>
/// The journal database seen with plain SQL, as someone with a SQLite client would see it: Akka.Persistence.Sql's
/// <c>journal</c> table (persistence_id, sequence_number, message) and ActorNet's catalog. Connections are not pooled,
/// so nothing stays open behind the CLI's back.
/// </summary>
internal sealed class JournalFile(string path)
{
    public string Path { get; } = path;

    /// <summary>The rows of one persistence id, in sequence order: (ordering, sequence_number, message).</summary>
    public List<(long Ordering, long Sequence, byte[] Message)> Rows(string persistenceId)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT ordering, sequence_number, message FROM journal WHERE persistence_id = $id ORDER BY sequence_number";
        cmd.Parameters.AddWithValue("$id", persistenceId);
        using var r = cmd.ExecuteReader();
        var rows = new List<(long, long, byte[])>();
        while (r.Read()) rows.Add((r.GetInt64(0), r.GetInt64(1), (byte[])r.GetValue(2)));
        return rows;
    }

    public void SetMessage(long ordering, byte[] message)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE journal SET message = $m WHERE ordering = $o";
        cmd.Parameters.AddWithValue("$m", message);
        cmd.Parameters.AddWithValue("$o", ordering);
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }

    /// <summary>The catalog's committed interval count of run <paramref name="id"/> (null while the catalog or the row is not there).</summary>
    public long? CatalogIntervals(long id)
    {
        if (!File.Exists(Path)) return null;
        try
        {
            using var c = Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT intervals FROM actornet_runs WHERE id = $id";
            cmd.Parameters.AddWithValue("$id", id);
            return cmd.ExecuteScalar() is long n ? n : null;
        }
        catch (SqliteException)
        {
            return null;   // not created yet, or busy
        }
    }

    /// <summary>Takes the database's write lock (BEGIN IMMEDIATE) until disposed.</summary>
    public IDisposable HoldWriteLock()
    {
        var c = Open();
        var tx = c.BeginTransaction(deferred: false);
        return new Held(c, tx);
    }

    private sealed class Held(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        public void Dispose()
        {
            transaction.Rollback();
            transaction.Dispose();
            connection.Dispose();
        }
    }

    /// <summary>The interval index a chunk's message starts with (JournalSerializer: index, records, fingerprint, length, deflated records).</summary>
    public static long ChunkIndex(byte[] message) => BitConverter.ToInt64(message, 0);

    private SqliteConnection Open()
    {
        var c = new SqliteConnection($"Data Source={Path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout=30000";
        cmd.ExecuteNonQuery();
        return c;
    }
}
