using ActorNet.Core.Inspection;
using ActorNet.Core.Network;
using ActorNet.Core.Time;
using ActorNet.Engine.Actors;
using ActorNet.Engine.Reference;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Tests.Support;

namespace ActorNet.Persistence.Tests.Journal;

/// <summary>State snapshots hold what the reference engine stopped at that time shows, whichever engine took them.</summary>
public class SnapshotTests
{
    [Fact]
    public void A_snapshot_holds_every_nodes_state_at_its_time_on_either_engine()
    {
        using var dir = new TempDir();
        var db = JournalDatabase.Open(JournalLocation.Parse(dir.PathOf("s.db")));
        var scenario = Repo.Short("tcp-bottleneck.conf");
        long Journal(Engine.ISimulationEngine engine)
        {
            var network = NetworkBuilder.Build(scenario);
            using var journal = RunJournal.Begin(db, RunJournalTests.Identity(scenario), network, SimTime.FromMilliseconds(100), SimTime.FromSeconds(1));
            var run = engine.Run(network, scenario.StopAt, observer: journal.Observer);
            journal.End("completed", run.Reached, run.Events, run.WallSeconds, null, null, null);
            Assert.Equal(3, journal.Snapshots);   // at 1 s, 2 s and 3 s
            return journal.RunId;
        }
        long onReference = Journal(new ReferenceEngine());
        long onActors = Journal(new ActorEngine(2));

        // The reference engine stopped at 2 s: every event before 2 s handled.
        var network = NetworkBuilder.Build(scenario);
        new ReferenceEngine().Run(network, SimTime.FromSeconds(2));
        var expected = network.Nodes.Select(n => NodeStateJson.Serialize(NodeInspector.Inspect(n, SimTime.FromSeconds(2)))).ToList();

        using var archive = RunArchive.Open(db);
        foreach (long id in new[] { onReference, onActors })
        {
            var snapshot = archive.State(archive.Load(id)!, 19);
            Assert.NotNull(snapshot);
            Assert.Equal(2_000_000_000, snapshot.AtNs);
            Assert.Equal(expected, snapshot.NodeStates);
        }
        // The sender is mid-transfer at 2 s: a snapshot a student can read.
        var h1 = archive.State(archive.Load(onActors)!, 19)!.NodeStates.Select(NodeStateJson.Deserialize).Single(s => s.Name == "h1");
        Assert.Equal("ESTABLISHED", Assert.Single(h1.Sockets.TcpConnections).State);
        Assert.Null(archive.State(archive.Load(onActors)!, 18));   // 1.9 s: no snapshot there
    }
}
