using ActorNet.Persistence.Logging;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence;
using Npgsql;

namespace ActorNet.Persistence.Tests.Support;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresServer server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_fixture_gives_a_postgresql_server_that_answers()
    {
        using var db = server.CreateDatabase();
        using var connection = new NpgsqlConnection(db.ConnectionString);
        connection.Open();
        using var version = new NpgsqlCommand("select version()", connection);

        Assert.Contains("PostgreSQL", (string)version.ExecuteScalar()!);
        Assert.Equal(db.Name, connection.Database);
    }

    [Fact]
    public void Each_test_database_is_new_and_empty_and_dropped_afterwards()
    {
        string name;
        using (var db = server.CreateDatabase())
        {
            name = db.Name;
            Assert.Equal(0L, Scalar<long>(db.ConnectionString, "select count(*) from pg_tables where schemaname = 'public'"));
            Scalar<int>(db.ConnectionString, "create table t (x int); select 1");   // left open in the pool on purpose
        }

        Assert.Equal(0L, Scalar<long>(server.ConnectionString, $"select count(*) from pg_database where datname = '{name}'"));
    }

    [Fact]
    public async Task A_persistent_actor_recovers_its_100_events_from_akka_persistence_sql()
    {
        using var db = server.CreateDatabase();
        var system = ActorSystem.Create("pgtest", BootstrapSetup.Create()
            .WithConfig(JournalConfig(db.ConnectionString))
            .And(new SerilogLoggerSetup(Serilog.Core.Logger.None)));   // Akka's own lines go nowhere
        try
        {
            var first = system.ActorOf(Props.Create(() => new Counter("counter-1")), "first");
            for (int i = 1; i <= 100; i++) Assert.Equal(i, await first.Ask<int>(new Counter.Add(i), Timeout));
            Assert.True(await first.GracefulStop(Timeout));

            var second = system.ActorOf(Props.Create(() => new Counter("counter-1")), "second");   // a new name: the old one is freed a little after Terminated
            var recovered = await second.Ask<IReadOnlyList<int>>(Counter.Get.Instance, Timeout);

            Assert.Equal(Enumerable.Range(1, 100), recovered);
        }
        finally
        {
            await system.Terminate();
        }
        // The events really are rows in PostgreSQL, written by the SQL journal.
        Assert.Equal(100L, Scalar<long>(db.ConnectionString, "select count(*) from journal where persistence_id = 'counter-1'"));
    }

    /// <summary>AKKA-NOTES.md §3/§4: the SQL journal and snapshot store on PostgreSQL 15, tags as CSV.</summary>
    private static Config JournalConfig(string cs) =>
        ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                  connection-string = "{{cs}}"
                  provider-name = "PostgreSQL.15"
                  auto-initialize = true
                  tag-write-mode = Csv
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                  connection-string = "{{cs}}"
                  provider-name = "PostgreSQL.15"
                  auto-initialize = true
                }
              }
            }
            """)
            .WithFallback(RunLog.AkkaConfig())
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);

    private static T Scalar<T>(string cs, string sql)
    {
        using var connection = new NpgsqlConnection(cs);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    /// <summary>Persists each number it is given, one Persist per command, and replies once it is stored.</summary>
    private sealed class Counter : ReceivePersistentActor
    {
        public sealed record Add(int Value);
        public sealed class Get
        {
            public static readonly Get Instance = new();
        }

        private readonly List<int> _values = [];

        public Counter(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<int>(_values.Add);
            Command<Add>(OnAdd);
            Command<Get>(_ => Sender.Tell((IReadOnlyList<int>)_values.ToArray()));
        }

        public override string PersistenceId { get; }

        private void OnAdd(Add add) => Persist(add.Value, v =>
        {
            _values.Add(v);
            Sender.Tell(_values.Count);
        });
    }
}
