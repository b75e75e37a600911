using System.Data.Common;
using System.Globalization;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using LinqToDB;
using LinqToDB.Interceptors;

namespace ActorNet.Persistence.Journal;

/// <summary>
/// The ActorSystem that owns the journal: Akka.Persistence.Sql as journal and snapshot store on the run database
/// (SQLite via Microsoft.Data.Sqlite, provider SQLite.MS, WAL and synchronous=NORMAL; or PostgreSQL), Csv tag mode
/// (AKKA-NOTES §3: TagTable reads are quadratic), our <see cref="JournalSerializer"/> for every journal event, and
/// Akka.Persistence.Query's read journal for reading back. Separate from the actor engine's system, which is
/// created and terminated per run.
/// </summary>
public sealed class JournalSystem : IDisposable
{
    private readonly Lazy<SqlReadJournal> _readJournal;

    private JournalSystem(ActorSystem system)
    {
        System = system;
        Journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
        Snapshots = Akka.Persistence.Persistence.Instance.Apply(system).SnapshotStoreFor(null);
        // Built on first read only: Akka.Persistence.Sql's read journal blocks for at most 5 s until the write journal
        // has started (created its tables), and a run's writer, which never reads, must wait as long as the database
        // is busy (another process's write, a backup) instead of failing the run. The write journal stashes the
        // writes meanwhile.
        _readJournal = new(() => PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier));
        Materializer = system.Materializer();
    }

    public ActorSystem System { get; }
    public IActorRef Journal { get; }
    public IActorRef Snapshots { get; }
    public SqlReadJournal ReadJournal => _readJournal.Value;
    public IMaterializer Materializer { get; }

    public static JournalSystem Start(JournalDatabase db, Config? extra = null) => new(ActorSystem.Create("actornet-journal", Setup(db, extra)));

    /// <summary>The settings of a journal system on <paramref name="db"/> (also for a TestKit's system).</summary>
    public static ActorSystemSetup Setup(JournalDatabase db, Config? extra = null)
    {
        var location = db.Location;
        string provider = location.Provider == JournalProvider.Sqlite ? ProviderName.SQLiteMS : "PostgreSQL.15";
        string cs = Quote(location.ConnectionString);
        var config = ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
            akka {
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              # The program handles SIGINT and SIGTERM itself (the run stops at a window boundary, docs/CLI.md); Akka must not
              # terminate the system on a signal behind its back (CoordinatedShutdown's CLR hook, installed on first use).
              coordinated-shutdown.run-by-clr-shutdown-hook = off
              actor {
                serializers { actornet-journal = "ActorNet.Persistence.Journal.JournalSerializer, ActorNet.Persistence" }
                serialization-bindings { "ActorNet.Persistence.Journal.IJournalEvent, ActorNet.Persistence" = actornet-journal }
              }
              persistence {
                journal {
                  plugin = "akka.persistence.journal.sql"
                  sql {
                    class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                    connection-string = {{cs}}
                    provider-name = "{{provider}}"
                    auto-initialize = true
                    tag-write-mode = Csv
                    # A big interval batch waits in the journal's queue; it must not trip the circuit breaker (AKKA-NOTES §4).
                    circuit-breaker.call-timeout = 60s
                    # One writer commits in order, so an interval's record is never committed before its chunks
                    # (docs/JOURNAL.md, "A run killed at any moment"); big transactions, and room for a whole batch.
                    parallelism = 1
                    batch-size = 2000
                    buffer-size = 200000
                    # Blobs as parameters: the default builds one SQL text with every blob written out in it.
                    prefer-parameters-on-multirow-insert = true
                  }
                }
                snapshot-store {
                  plugin = "akka.persistence.snapshot-store.sql"
                  sql {
                    class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                    connection-string = {{cs}}
                    provider-name = "{{provider}}"
                    auto-initialize = true
                  }
                }
                query.journal.sql {
                  class = "Akka.Persistence.Sql.Query.SqlReadJournalProvider, Akka.Persistence.Sql"
                  connection-string = {{cs}}
                  provider-name = "{{provider}}"
                  tag-read-mode = Csv
                }
              }
            }
            """));
        if (extra is not null) config = extra.WithFallback(config);
        config = config.WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
        var setup = BootstrapSetup.Create().WithConfig(config);
        ActorSystemSetup all = ActorSystemSetup.Create(setup);
        if (location.Provider == JournalProvider.Sqlite)
        {
            var options = new DataOptions().UseConnectionString(ProviderName.SQLiteMS, location.ConnectionString)
                .UseInterceptor(new SqlitePragmas("PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;"));
            all = setup.And(new DataOptionsSetup(options));
        }
        return all;
    }

    public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(30));

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Per-connection PRAGMAs cannot go in a Microsoft.Data.Sqlite connection string (AKKA-NOTES §3).</summary>
    private sealed class SqlitePragmas(string pragmas) : IConnectionInterceptor
    {
        public void ConnectionOpening(ConnectionEventData eventData, DbConnection connection) { }

        public Task ConnectionOpeningAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

        public void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = pragmas;
            cmd.ExecuteNonQuery();
        }

        public async Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = pragmas;
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
