using ActorNet.Core.Network;
using ActorNet.Core.Time;
using ActorNet.Engine;
using ActorNet.Engine.Actors;
using ActorNet.Engine.Reference;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ActorNet.Persistence.Tests.Journal;

/// <summary>
/// The journal in the database is byte-identical whichever engine or thread count wrote it (issue 10): every row a
/// run writes for its nodes and links, its committed intervals and its snapshots, compared as stored, blob for blob.
/// Only the run's first and last events and its ledger snapshots differ (they name the engine and the wall-clock times).
/// </summary>
public class JournalBytesTests
{
    [Theory]
    [InlineData("tcp-loss.conf")]
    [InlineData("campus.conf")]
    [InlineData("http.conf")]
    public void The_stored_journal_is_the_same_on_every_engine_and_thread_count(string config)
    {
        using var dir = new TempDir();
        string path = dir.PathOf("bytes.db");
        var db = JournalDatabase.Open(JournalLocation.Parse(path));
        var scenario = Repo.Short(config);
        long Journal(ISimulationEngine engine)
        {
            var network = NetworkBuilder.Build(scenario);
            using var journal = RunJournal.Begin(db, RunJournalTests.Identity(scenario, engine.Name), network, SimTime.FromMilliseconds(100), SimTime.FromSeconds(1));
            var run = engine.Run(network, scenario.StopAt, observer: journal.Observer);
            journal.End("completed", run.Reached, run.Events, run.WallSeconds, null, null, null);
            return journal.RunId;
        }
        var ids = new[] { Journal(new ReferenceEngine()), Journal(new ActorEngine(1)), Journal(new ActorEngine(2)), Journal(new ActorEngine(2, sockets: SocketPlacement.Host)) };

        var rows = ids.Select(id => Rows(path, id)).ToList();
        Assert.True(rows[0].Count > 20, $"only {rows[0].Count} rows");
        for (int k = 1; k < rows.Count; k++)
        {
            Assert.Equal(rows[0].Keys.Order(), rows[k].Keys.Order());
            foreach (var (key, blob) in rows[0]) Assert.True(blob.AsSpan().SequenceEqual(rows[k][key]), $"{config}: {key} differs between run {ids[0]} and run {ids[k]}");
        }
    }

    /// <summary>The run's rows (journal and snapshots) by persistence id without the run id, and sequence number.</summary>
    private static Dictionary<string, byte[]> Rows(string path, long id)
    {
        var rows = new Dictionary<string, byte[]>();
        using var c = new SqliteConnection($"Data Source={path}");
        c.Open();
        string prefix = JournalIds.Run(id);
        foreach (var (table, blob) in new[] { ("journal", "message"), ("snapshot", "snapshot") })
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT persistence_id, sequence_number, {blob} FROM {table} WHERE persistence_id = @p OR persistence_id LIKE @like";
            cmd.Parameters.AddWithValue("@p", prefix);
            cmd.Parameters.AddWithValue("@like", prefix + "/%");
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                string pid = r.GetString(0)[prefix.Length..];
                long seq = r.GetInt64(1);
                var bytes = (byte[])r.GetValue(2);
                // The run's own first and last events, and its ledger snapshots (which hold the first), name the engine and
                // the wall-clock times; everything else must match.
                if (pid == "" && (table == "snapshot" || seq == 1 || IsRunEnded(bytes))) continue;
                rows[$"{table} {(pid == "" ? "(run)" : pid)} #{seq}"] = bytes;
            }
        }
        return rows;
    }

    private static bool IsRunEnded(byte[] bytes) => bytes.Length > 0 && bytes[0] == (byte)'{' && System.Text.Encoding.UTF8.GetString(bytes).Contains("\"ended_utc\"", StringComparison.Ordinal);
}
