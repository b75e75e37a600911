using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorNet.Core.Randomness;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorNet.Persistence.Tests.Journal;

/// <summary>
/// JournalDatabase.Open refuses what is not an ActorNet journal with a JournalException (a problem and a fix, never a
/// raw provider exception): another program's PostgreSQL database or SQLite file, a server nobody answers on, a file
/// of random bytes or one that only starts like a SQLite database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JournalDatabaseFaultTests(PostgresServer server)
{
    [Fact]
    public void A_postgresql_database_with_another_programs_table_is_refused_and_named()
    {
        using var under = new JournalUnderTest("postgres", server);
        under.Execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount NUMERIC NOT NULL)");

        var e = Assert.Throws<JournalException>(under.Open);

        Assert.Contains("invoices", e.Problem);
        Assert.Contains("--db", e.Fix);
        // Nothing was written into it.
        Assert.Equal(["invoices"], under.Rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").Select(r => (string)r[0]!));
    }

    [Fact]
    public void A_postgresql_server_that_does_not_answer_is_a_journal_error_within_the_connection_timeout()
    {
        // A port nothing listens on: the system gave it to a listener that is closed again.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var location = JournalLocation.Parse($"Host=127.0.0.1;Port={port};Database=actornet;Username=postgres;Timeout=2");
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<JournalException>(() => JournalDatabase.Open(location));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains($"127.0.0.1:{port}", e.Problem);
        Assert.Contains("PostgreSQL", e.Fix);
        Assert.True(e.InnerException is NpgsqlException or SocketException, e.InnerException?.GetType().Name);
    }

    [Fact]
    public void A_sqlite_file_of_random_bytes_is_refused()
    {
        using var dir = new TempDir();
        string path = dir.PathOf("noise.db");
        File.WriteAllBytes(path, Noise(8192, "noise"));

        var e = Assert.Throws<JournalException>(() => JournalDatabase.Open(JournalLocation.Parse(path)));

        Assert.Contains("not a SQLite database", e.Problem);
        Assert.Equal(Noise(8192, "noise"), File.ReadAllBytes(path));   // left as it was
    }

    [Fact]
    public void A_file_that_only_starts_like_a_sqlite_database_is_refused()
    {
        using var dir = new TempDir();
        string path = dir.PathOf("damaged.db");
        // The 16-byte magic string, then noise where the header's page size and the pages should be.
        File.WriteAllBytes(path, [.. "SQLite format 3\0"u8, .. Noise(8192 - 16, "damaged")]);

        var e = Assert.Throws<JournalException>(() => JournalDatabase.Open(JournalLocation.Parse(path)));

        Assert.Contains(path, e.Problem);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void A_sqlite_file_with_another_programs_table_is_refused_and_named()
    {
        using var dir = new TempDir();
        string path = dir.PathOf("other.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL NOT NULL)";
            cmd.ExecuteNonQuery();
        }

        var e = Assert.Throws<JournalException>(() => JournalDatabase.Open(JournalLocation.Parse(path)));

        Assert.Contains("invoices", e.Problem);
        SqliteConnection.ClearAllPools();
        // Refused before anything was written: the file keeps its rollback journal (WAL is stored in the file).
        using var after = new SqliteConnection($"Data Source={path};Pooling=False");
        after.Open();
        using var mode = after.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("delete", mode.ExecuteScalar());
    }

    private static byte[] Noise(int length, string name)
    {
        var random = RandomStream.For(42, name);
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte)random.NextUInt64();
        return bytes;
    }
}
