using System.Globalization;
using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests.Journal;

/// <summary>
/// actornet diff on two journaled runs of S4 (tcp-bottleneck: h1 —[100 Mbit/s, 1 ms]— r1 —[10 Mbit/s, 20 ms, queue
/// 100 p]— r2 —[100 Mbit/s, 1 ms]— h2, one bulk transfer h1→h2) whose scenarios differ in one parameter. Until the
/// first packet the change affects, the two runs are the same event for event; diff must name the 100 ms interval
/// that packet falls in and the node where it happens.
/// </summary>
public sealed class DiffTests
{
    private static readonly string Bottleneck = File.ReadAllText(RepoRoot.Config("tcp-bottleneck.conf"));

    [Fact]
    public void A_later_app_start_parts_at_the_first_send_of_its_host()
    {
        // In A the bulk app starts at 1.25 s, in B at 1.37 s; nothing else happens before (the sink only listens).
        // A's first event is h1 sending its SYN at 1.25 s: interval floor(1.25 s / 100 ms) = 12, on h1.
        using var dir = new TempDir();
        string db = dir.PathOf("journal.db");
        long a = Run(dir, db, "a", Change(Bottleneck, "start = 10ms", "start = 1250ms"));
        long b = Run(dir, db, "b", Change(Bottleneck, "start = 10ms", "start = 1370ms"));

        var diff = Actornet.Run("diff", Id(a), Id(b), "--db", db);

        Assert.True(diff.ExitCode == CliApp.RunFailed, diff.ToString());
        var first = JournalCli.First(diff.Stdout);
        Assert.True(first is not null, diff.ToString());
        Assert.Equal((12L, "1.2s", "1.3s", "h1"), (first.Interval, first.From, first.To, first.Entity));
        Assert.Contains("scenario text, first at line", diff.Stdout);
        Assert.Contains("start = 1250ms", diff.Stdout);
    }

    [Fact]
    public void A_smaller_bottleneck_queue_parts_at_its_first_drop_on_the_router()
    {
        // The queue limit matters first when r1's bottleneck queue would hold a 51st packet: B (50 p) drops it, A
        // (100 p) queues it. Until then the runs are equal. A's queues.csv gives r1 eth1's longest queue in each
        // millisecond; the arrival that takes it to 51 is in the first millisecond whose maximum is 51 or more, and a
        // millisecond lies inside one 100 ms interval. Slow start from 10 packets reaches it within the first second.
        using var dir = new TempDir();
        string db = dir.PathOf("journal.db");
        long a = Run(dir, db, "a", Bottleneck);
        long b = Run(dir, db, "b", Change(Bottleneck, "queue = 100p", "queue = 50p"));
        long slice = File.ReadLines(Path.Combine(dir.PathOf("a"), "queues.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[0] == "r1" && f[1] == "eth1" && int.Parse(f[4], CultureInfo.InvariantCulture) >= 51)
            .Select(f => long.Parse(f[3], CultureInfo.InvariantCulture)).First();
        long expected = slice / 100_000_000;

        var diff = Actornet.Run("diff", Id(a), Id(b), "--db", db);

        Assert.True(diff.ExitCode == CliApp.RunFailed, diff.ToString());
        var first = JournalCli.First(diff.Stdout);
        Assert.True(first is not null, diff.ToString());
        Assert.Equal((expected, "r1"), (first.Interval, first.Entity));
    }

    [Fact]
    public void The_same_scenario_twice_is_the_same()
    {
        using var dir = new TempDir();
        string db = dir.PathOf("journal.db");
        long a = Run(dir, db, "a", RepoRoot.Config("tcp-bottleneck.conf"));
        long b = Run(dir, db, "b", RepoRoot.Config("tcp-bottleneck.conf"));

        AssertSame(Actornet.Run("diff", Id(a), Id(b), "--db", db));
    }

    [Fact]
    public void The_same_scenario_from_another_file_is_the_same()
    {
        // Where the scenario file was (another checkout, a copy) is not part of what ran: its text is.
        using var dir = new TempDir();
        string db = dir.PathOf("journal.db");
        long a = Run(dir, db, "a", RepoRoot.Config("tcp-bottleneck.conf"));
        long b = Run(dir, db, "b", Bottleneck);

        AssertSame(Actornet.Run("diff", Id(a), Id(b), "--db", db));
    }

    private static void AssertSame(CliResult diff)
    {
        Assert.True(diff.ExitCode == CliApp.Ok, diff.ToString());
        Assert.Contains("the same:", diff.Stdout);
        Assert.Null(JournalCli.First(diff.Stdout));
    }

    [Fact]
    public void Another_seed_is_named_in_the_settings()
    {
        using var dir = new TempDir();
        string db = dir.PathOf("journal.db");
        string loss = File.ReadAllText(RepoRoot.Config("tcp-loss.conf"));
        long a = Run(dir, db, "a", loss, "1");
        long b = Run(dir, db, "b", loss, "2");

        var diff = Actornet.Run("diff", Id(a), Id(b), "--db", db);

        Assert.True(diff.ExitCode == CliApp.RunFailed, diff.ToString());
        Assert.Contains("  seed: 1 | 2", diff.Stdout);
        // Another seed loses other packets on r1→r2 (1 % loss): the runs part, on the lossy link's side.
        Assert.NotNull(JournalCli.First(diff.Stdout));
    }

    /// <summary>The scenario with its one <paramref name="from"/> replaced.</summary>
    private static string Change(string scenario, string from, string to)
    {
        Assert.True(scenario.Split(from).Length == 2, $"'{from}' is not in the scenario exactly once");
        return scenario.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="scenario"/> (a file's path, or a scenario's text to write to &lt;name&gt;.conf) for 2 s into run folder &lt;name&gt;.</summary>
    private static long Run(TempDir dir, string db, string name, string scenario, string? seed = null)
    {
        string file = File.Exists(scenario) ? scenario : dir.Write(name + ".conf", scenario);
        string[] args = ["run", file, "--until", "2s", "--out", dir.PathOf(name), "--db", db, "--quiet", .. seed is null ? Array.Empty<string>() : ["--seed", seed]];
        var r = Actornet.Run(args);
        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        return JournalCli.RunId(r);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
