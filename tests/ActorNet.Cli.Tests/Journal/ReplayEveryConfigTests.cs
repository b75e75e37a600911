using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests.Journal;

/// <summary>
/// Every scenario in config/ journaled by a run on the actor engine replays on the reference engine (and once on
/// the actor engine) interval by interval, and the re-execution's digest is the run's. Runs are cut short: 2 s, and
/// for the two big generated topologies a fraction of a second with shorter journal intervals, so that they still
/// span several intervals (fat-tree's 64 flows at 1 Gbit/s are about 65,000 events per millisecond).
/// </summary>
public sealed class ReplayEveryConfigTests
{
    public static TheoryData<string> Configs() =>
        new(Directory.GetFiles(Path.Combine(RepoRoot.Path, "config"), "*.conf").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Configs))]
    public void A_run_of_every_config_replays_with_its_digest(string config)
    {
        string[] span = config switch
        {
            "fat-tree.conf" => ["--until", "10ms", "--journal-interval", "2ms"],
            "random-1000.conf" => ["--until", "300ms"],
            _ => ["--until", "2s"],
        };
        Verify(config, span, "reference");
    }

    [Fact]
    public void A_replay_on_the_actor_engine_verifies_too()
    {
        Verify("tcp-loss.conf", ["--until", "2s"], "actors");
    }

    private static void Verify(string config, string[] span, string engine)
    {
        using var dir = new TempDir();
        string db = dir.PathOf("journal.db");
        var run = Actornet.Run(["run", RepoRoot.Config(config), .. span, "--engine", "actors", "--out", dir.PathOf("run"), "--db", db, "--quiet"]);
        Assert.True(run.ExitCode == CliApp.Ok, run.ToString());

        var replay = Actornet.Run("replay", "last", "--engine", engine, "--db", db, "--quiet");

        Assert.True(replay.ExitCode == CliApp.Ok, replay.ToString());
        Assert.Contains($"on the {engine} engine", replay.Stdout);
        Assert.Matches(@"(?m)^verified: [1-9]\d* intervals equal to the journal, digest equal", replay.Stdout);
        Assert.Equal(JournalCli.Digest(run.Stdout), JournalCli.Digest(replay.Stdout));
    }
}
