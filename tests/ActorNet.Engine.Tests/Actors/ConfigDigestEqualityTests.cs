using ActorNet.Core.Time;
using ActorNet.Results;

namespace ActorNet.Engine.Tests.Actors;

/// <summary>
/// Every scenario in config/: the actor engine's digest and summary equal the reference engine's,
/// at 1, 2 and 4 worker threads and the automatic choice (0), three runs each (a race would show as a flaky digest);
/// the large generated configs run shorter (<see cref="ShortRuns"/>).
/// </summary>
public class ConfigDigestEqualityTests
{
    /// <summary>
    /// The large configs: virtual time to run them for, and actor runs per thread count. fat-tree:
    /// 2 ms is 200 windows of 10 µs, with queues towards the cores already full. random-1000: the
    /// cost is building 2,000 nodes, not events, so one actor run (fat-tree repeats for races).
    /// tcp-fairness: two flows fill the bottleneck (twice tcp-bottleneck's events); 5 s holds both
    /// starts, both slow starts and the first losses they share.
    /// </summary>
    private static readonly Dictionary<string, (SimTime StopAt, int Runs)> ShortRuns = new(StringComparer.Ordinal)
    {
        ["fat-tree.conf"] = (SimTime.FromMilliseconds(2), 3),
        ["random-1000.conf"] = (SimTime.FromMilliseconds(20), 1),
        ["tcp-fairness.conf"] = (SimTime.FromSeconds(5), 3),
    };

    /// <summary>
    /// Cheap configs whose point is their end, run to stop-at rather than cut at 11 s: hostile-link
    /// (a few thousand events) closes its connection after about 12 s (FINs, then TIME-WAIT); http
    /// (about 2,300 packets) makes its tenth request at 11.3 s.
    /// </summary>
    private static readonly HashSet<string> RunToTheEnd = new(StringComparer.Ordinal) { "hostile-link.conf", "http.conf" };

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Configs())
            foreach (int threads in new[] { 0, 1, 2, 4 })
                data.Add(Path.GetFileName(file), threads);
        return data;
    }

    private static IEnumerable<string> Configs() => Directory.GetFiles(Path.Combine(RepoPaths.Root, "config"), "*.conf").Order(StringComparer.Ordinal);

    /// <summary>Every config with the sockets run inside their host actors (<c>--sockets host</c>), at 2 threads.</summary>
    public static TheoryData<string> SocketsInHostCases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Configs()) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Actor_engine_equals_the_reference_engine(string config, int threads) => Check(config, threads, Engine.Actors.SocketPlacement.Actors);

    [Theory]
    [MemberData(nameof(SocketsInHostCases))]
    public void Actor_engine_with_sockets_in_their_hosts_equals_the_reference_engine(string config) => Check(config, 2, Engine.Actors.SocketPlacement.Host, maxRuns: 1);

    private static void Check(string config, int threads, Engine.Actors.SocketPlacement sockets, int maxRuns = 3)
    {
        var scenario = ScenarioRuns.Load(config);
        // campus runs 30 s of busy traffic; 11 s still covers its link failure (from 10 s) and keeps the test quick.
        // The TCP configs (60-120 s) get slow start, losses and recoveries in 11 s, and both fairness flows.
        if (scenario.StopAt > SimTime.FromSeconds(11) && !RunToTheEnd.Contains(config))
            scenario = scenario with { StopAt = SimTime.FromSeconds(11) };
        // The generated S11 scenarios are benchmarks (seconds of reference-engine time); a short
        // prefix still sends every flow through full queues and exercises every link.
        int runs = 3;
        if (ShortRuns.TryGetValue(config, out var shortRun))
            (scenario, runs) = (scenario with { StopAt = SimTime.Min(scenario.StopAt, shortRun.StopAt) }, shortRun.Runs);
        var (_, expected) = ScenarioRuns.RunReference(scenario);
        for (int run = 0; run < Math.Min(runs, maxRuns); run++)
        {
            var network = Core.Network.NetworkBuilder.Build(scenario);
            var result = new Engine.Actors.ActorEngine(threads, sockets: sockets).Run(network, scenario.StopAt);
            Assert.Equal(RunStatus.Completed, result.Status);
            var actual = SummaryBuilder.Build(network, "actors", result);
            Assert.Equal(expected.Run.Digest, actual.Run.Digest);
            Assert.Equal(expected.Run.Events, actual.Run.Events);
            Assert.Equal(expected.Ports, actual.Ports);
            Assert.Equal(Comparable(expected), Comparable(actual));
        }
    }

    /// <summary>The summary as JSON (ports, apps, nodes; reports hold lists, so compare text), without engine and wall time.</summary>
    internal static string Comparable(RunSummary s) =>
        SummaryJson.Serialize(s with { Run = s.Run with { Engine = "", WallSeconds = 0 } });
}
