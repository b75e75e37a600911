using System.Data.Common;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Engine;
using ActorNet.Engine.Reference;
using ActorNet.Results;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorNet.Persistence.Tests.Journal;

/// <summary>
/// A fresh journal database of either provider for one test ("sqlite": a file in a temp folder; "postgres": a new
/// database on the <see cref="PostgresServer"/>), with plain SQL access beside ActorNet's own, for the tests that
/// look at or damage the rows Akka.Persistence.Sql wrote.
/// </summary>
internal sealed class JournalUnderTest : IDisposable
{
    private readonly TempDir? _dir;
    private readonly TestDatabase? _pg;

    public JournalUnderTest(string provider, PostgresServer server)
    {
        Provider = provider;
        if (provider == "sqlite")
        {
            _dir = new TempDir();
            Location = JournalLocation.Parse(_dir.PathOf("journal.db"));
        }
        else if (provider == "postgres")
        {
            _pg = server.CreateDatabase();
            Location = JournalLocation.Parse(_pg.ConnectionString);
        }
        else throw new ArgumentException($"unknown provider '{provider}'", nameof(provider));
    }

    public string Provider { get; }

    public JournalLocation Location { get; }

    /// <summary>The PostgreSQL test database (null for SQLite).</summary>
    public TestDatabase? Postgres => _pg;

    public JournalDatabase Open() => JournalDatabase.Open(Location);

    /// <summary>A plain connection to the database, not ActorNet's.</summary>
    public DbConnection Connect()
    {
        DbConnection c = Provider == "sqlite" ? new SqliteConnection(Location.ConnectionString) : new NpgsqlConnection(Location.ConnectionString);
        c.Open();
        return c;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var c = Connect();
        using var cmd = Command(c, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    public List<object?[]> Rows(string sql, params (string Name, object? Value)[] parameters)
    {
        using var c = Connect();
        using var cmd = Command(c, sql, parameters);
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public void Dispose()
    {
        // Pooled connections would keep the SQLite file open, or the PostgreSQL database from being dropped.
        SqliteConnection.ClearAllPools();
        _pg?.Dispose();
        _dir?.Dispose();
    }

    private static DbCommand Command(DbConnection c, string sql, (string Name, object? Value)[] parameters)
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
}

/// <summary>A run journaled as <c>actornet run</c> journals it: Begin, the engine with the journal as observer, End with the run's digest.</summary>
internal sealed record JournaledRun(long Id, EngineRun Run, string Digest, NetworkModel Network)
{
    public static JournaledRun Of(JournalDatabase db, Scenario scenario, SimTime interval, Func<IRunObserver, IRunObserver>? wrap = null)
    {
        var network = NetworkBuilder.Build(scenario);
        using var journal = RunJournal.Begin(db, RunJournalTests.Identity(scenario), network, interval);
        var run = new ReferenceEngine().Run(network, scenario.StopAt, observer: wrap is null ? journal.Observer : wrap(journal.Observer));
        string digest = SummaryBuilder.Digest(network);
        journal.End("completed", run.Reached, run.Events, run.WallSeconds, digest, "{}", null);
        return new JournaledRun(journal.RunId, run, digest, network);
    }
}
