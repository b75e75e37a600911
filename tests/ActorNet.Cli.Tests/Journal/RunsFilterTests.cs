using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests.Journal;

/// <summary>
/// actornet runs lists newest first and filters. The database holds three runs: 1 = ping (completed), 2 = traceroute
/// (completed), 3 = ping with seed 7 stopped before its first event (a cancelled run: interrupted).
/// </summary>
public sealed class RunsFilterTests : IClassFixture<RunsFilterTests.ThreeRuns>
{
    public sealed class ThreeRuns : IDisposable
    {
        private readonly TempDir _dir = new();

        public ThreeRuns()
        {
            Database = _dir.PathOf("journal.db");
            Results =
            [
                Actornet.Run("run", RepoRoot.Config("ping.conf"), "--until", "2s", "--out", _dir.PathOf("1"), "--db", Database, "--quiet"),
                Actornet.Run("run", RepoRoot.Config("traceroute.conf"), "--out", _dir.PathOf("2"), "--db", Database, "--quiet"),
                Actornet.Run(new CancellationToken(canceled: true), "run", RepoRoot.Config("ping.conf"), "--seed", "7", "--out", _dir.PathOf("3"), "--db", Database, "--quiet"),
            ];
        }

        public string Database { get; }
        internal CliResult[] Results { get; }
        public void Dispose() => _dir.Dispose();
    }

    private readonly ThreeRuns _runs;

    public RunsFilterTests(ThreeRuns runs)
    {
        _runs = runs;
        Assert.True(runs.Results[0].ExitCode == CliApp.Ok, runs.Results[0].ToString());
        Assert.True(runs.Results[1].ExitCode == CliApp.Ok, runs.Results[1].ToString());
        Assert.True(runs.Results[2].ExitCode == CliApp.Interrupted, runs.Results[2].ToString());
    }

    [Fact]
    public void Without_a_filter_every_run_is_listed_newest_first()
    {
        var r = Runs();
        Assert.Equal([3L, 2L, 1L], JournalCli.ListedIds(r.Stdout));
        Assert.Equal(["interrupted", "completed", "completed"], new long[] { 3, 2, 1 }.Select(id => JournalCli.ListedStatus(r.Stdout, id)));
    }

    [Fact]
    public void Scenario_keeps_the_runs_of_that_scenario()
    {
        Assert.Equal([3L, 1L], JournalCli.ListedIds(Runs("--scenario", "ping").Stdout));
        Assert.Equal([2L], JournalCli.ListedIds(Runs("--scenario", "traceroute").Stdout));
    }

    [Fact]
    public void Status_keeps_the_runs_that_ended_so()
    {
        Assert.Equal([3L], JournalCli.ListedIds(Runs("--status", "interrupted").Stdout));
        Assert.Equal([2L, 1L], JournalCli.ListedIds(Runs("--status", "completed").Stdout));
        var none = Runs("--status", "failed");
        Assert.Empty(JournalCli.ListedIds(none.Stdout));
        Assert.StartsWith("no runs in ", none.Stdout);
    }

    [Fact]
    public void Seed_and_scenario_combine()
    {
        Assert.Equal([3L], JournalCli.ListedIds(Runs("--scenario", "ping", "--seed", "7").Stdout));
        Assert.Equal([1L], JournalCli.ListedIds(Runs("--scenario", "ping", "--seed", "1").Stdout));
    }

    [Fact]
    public void Limit_keeps_the_newest()
    {
        var r = Runs("--limit", "2");
        Assert.Equal([3L, 2L], JournalCli.ListedIds(r.Stdout));
        Assert.Contains("2 of 3 runs shown (--limit)", r.Stdout);
        // The limit applies after the filters: the newest completed run.
        Assert.Equal([2L], JournalCli.ListedIds(Runs("--status", "completed", "--limit", "1").Stdout));
    }

    [Fact]
    public void A_limit_below_one_is_refused()
    {
        var r = Runs("--limit", "0");
        Assert.Equal(CliApp.BadInput, r.ExitCode);
        Assert.Contains("error: --limit 0: give a whole number of runs, at least 1", r.Stderr);
    }

    private CliResult Runs(params string[] filters)
    {
        var r = Actornet.Run(["runs", .. filters, "--db", _runs.Database]);
        Assert.True(r.ExitCode is CliApp.Ok or CliApp.BadInput, r.ToString());
        return r;
    }
}
