using System.Collections.Concurrent;
using ActorNet.Engine.Actors.Placement;
using Akka.Dispatch;
using CsCheck;

namespace ActorNet.Engine.Tests.Actors.Placement;

/// <summary>
/// The engine's worker threads: everything handed over runs exactly once; a part runs on its own thread; an item
/// left waiting behind a busy owner is taken by an idle thread; fewer active threads take over every part.
/// </summary>
public class ThreadTeamTests
{
    private sealed class Probe(Action action) : IRunnable
    {
        public void Run() => action();
#pragma warning disable CA1822
        public void Execute() => action();
#pragma warning restore CA1822
    }

    private static ThreadTeam Team(int threads, int parts, int stealAfterUs = 1_000_000)
    {
        var team = new ThreadTeam("test-" + Guid.NewGuid().ToString("N"), threads, parts, spinMicroseconds: 20, stealAfterMicroseconds: stealAfterUs);
        return team;
    }

    [Fact]
    public void Runs_every_item_once()
    {
        using var team = Team(2, 4, stealAfterUs: 5);
        var seen = new ConcurrentDictionary<int, int>();
        using var done = new CountdownEvent(10_000);
        for (int i = 0; i < 10_000; i++)
        {
            int id = i;
            team.Execute(i % 4, new Probe(() =>
            {
                seen.AddOrUpdate(id, 1, (_, c) => c + 1);
                done.Signal();
            }));
        }
        Assert.True(done.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(10_000, seen.Count);
        Assert.All(seen.Values, c => Assert.Equal(1, c));
    }

    [Fact]
    public void Each_part_runs_on_its_owner_thread()
    {
        using var team = Team(2, 4);
        var threads = new ConcurrentDictionary<int, ConcurrentBag<string>>();
        using var done = new CountdownEvent(400);
        for (int i = 0; i < 400; i++)
        {
            int part = i % 4;
            team.Execute(part, new Probe(() =>
            {
                threads.GetOrAdd(part, _ => []).Add(Thread.CurrentThread.Name!);
                done.Signal();
            }));
        }
        Assert.True(done.Wait(TimeSpan.FromSeconds(10)));
        for (int part = 0; part < 4; part++)
            Assert.All(threads[part], name => Assert.Equal($"{team.Name}-{part / 2}", name));   // parts 0-1 and 2-3
    }

    [Fact]
    public void An_idle_thread_takes_an_item_its_busy_owner_left_waiting()
    {
        using var team = Team(2, 2, stealAfterUs: 200);
        using var release = new ManualResetEventSlim();
        using var ran = new ManualResetEventSlim();
        string? runner = null;
        team.Execute(1, new Probe(() => release.Wait(TimeSpan.FromSeconds(10))));   // thread 1 is now busy
        team.Execute(1, new Probe(() =>
        {
            runner = Thread.CurrentThread.Name;
            ran.Set();
        }));
        Assert.True(ran.Wait(TimeSpan.FromSeconds(5)), "the waiting item never ran while its owner was busy");
        release.Set();
        Assert.Equal($"{team.Name}-0", runner);
    }

    [Fact]
    public void One_active_thread_runs_every_part_and_all_threads_come_back()
    {
        using var team = Team(2, 2);
        team.ActiveThreads = 1;
        SettlesOn(team, [$"{team.Name}-0", $"{team.Name}-0"]);
        team.ActiveThreads = 2;
        SettlesOn(team, [$"{team.Name}-0", $"{team.Name}-1"]);
    }

    /// <summary>
    /// A thread in the middle of a look at its queues may still use the old count once, so the new owners are
    /// expected within a few rounds, and then every round.
    /// </summary>
    private static void SettlesOn(ThreadTeam team, string[] owners)
    {
        int round = 0;
        while (!RunOnEachPart(team).SequenceEqual(owners))
            Assert.True(++round < 100, $"parts still not run by {string.Join(", ", owners)} after 100 rounds");
        for (int i = 0; i < 20; i++) Assert.Equal(owners, RunOnEachPart(team));
    }

    [Theory]
    [InlineData(new long[] { 1, 1, 1, 1 }, new[] { 0, 0, 1, 1 })]
    [InlineData(new long[] { 90, 5, 3, 2 }, new[] { 0, 1, 1, 1 })]
    [InlineData(new long[] { 1, 1, 1, 97 }, new[] { 0, 0, 0, 1 })]
    [InlineData(new long[] { 30, 30, 20, 20 }, new[] { 0, 0, 1, 1 })]
    [InlineData(new long[] { 40, 20, 20, 20 }, new[] { 0, 1, 1, 1 })]   // 40 | 60 and 60 | 40 tie: the first
    public void Balance_gives_each_thread_a_contiguous_range_of_about_half_the_cost(long[] cost, int[] owners)
    {
        using var team = Team(2, 4);
        team.Balance(cost);
        Assert.Equal(owners, Enumerable.Range(0, 4).Select(team.OwnerOf));
        SettlesOn(team, owners.Select(t => $"{team.Name}-{t}").ToArray());
    }

    [Fact]
    public void Balance_keeps_a_part_for_every_thread_and_waits_with_one_active()
    {
        using var team = Team(3, 3);
        team.Balance([0, 0, 100]);
        Assert.Equal(new[] { 0, 1, 2 }, Enumerable.Range(0, 3).Select(team.OwnerOf));
        team.ActiveThreads = 1;
        team.Balance([100, 0, 0]);
        Assert.Equal(new[] { 0, 0, 0 }, Enumerable.Range(0, 3).Select(team.OwnerOf));
    }

    [Fact]
    public void Min_max_ranges_equal_the_best_split_found_by_trying_every_one()
    {
        Gen.Select(Gen.Long[0, 100].Array[1, 9], Gen.Int[1, 4]).Where(t => t.Item2 <= t.Item1.Length).Sample((cost, ranges) =>
        {
            var first = ThreadTeam.MinMaxRanges(cost, ranges);
            Assert.Equal(0, first[0]);
            Assert.Equal(cost.Length, first[ranges]);
            for (int r = 0; r < ranges; r++) Assert.True(first[r] < first[r + 1], "every range holds a part");
            Assert.Equal(BestByTrying(cost, ranges, 0), Worst(cost, first));
        }, iter: 500);
    }

    private static long Worst(long[] cost, int[] first) =>
        Enumerable.Range(0, first.Length - 1).Max(r => cost[first[r]..first[r + 1]].Sum());

    private static long BestByTrying(long[] cost, int ranges, int from)
    {
        if (ranges == 1) return cost[from..].Sum();
        long best = long.MaxValue;
        for (int end = from + 1; end <= cost.Length - (ranges - 1); end++)
            best = Math.Min(best, Math.Max(cost[from..end].Sum(), BestByTrying(cost, ranges - 1, end)));
        return best;
    }

    [Fact]
    public void Active_threads_stay_within_the_team()
    {
        using var team = Team(2, 2);
        team.ActiveThreads = 0;
        Assert.Equal(1, team.ActiveThreads);
        team.ActiveThreads = 5;
        Assert.Equal(2, team.ActiveThreads);
    }

    private static string[] RunOnEachPart(ThreadTeam team)
    {
        var names = new string[team.Parts];
        using var done = new CountdownEvent(team.Parts);
        for (int part = 0; part < team.Parts; part++)
        {
            int p = part;
            team.Execute(p, new Probe(() =>
            {
                names[p] = Thread.CurrentThread.Name!;
                done.Signal();
            }));
        }
        Assert.True(done.Wait(TimeSpan.FromSeconds(10)));
        return names;
    }
}
