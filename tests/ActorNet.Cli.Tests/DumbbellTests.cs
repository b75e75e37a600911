using System.Text.Json;
using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// config/dumbbell.conf (issue 11), `actornet run` end to end, against what theory gives (the derivation is at the
/// top of the config), not against a run's own output: four NewReno flows share a 10 Mbit/s bottleneck whose
/// packets carry 1448 data bytes in 1488 (MSS 1448 + 40 B of IPv4 and TCP headers), so the flows' goodput sums to
/// at most 10 Mbit/s × 1448/1488 = 9.731 Mbit/s, and after slow start the 100-packet queue keeps the bottleneck
/// busy (≥ 95 % of that over 60 s); flows with equal RTTs through one drop-tail queue share it about equally; and
/// with 1,000-packet access queues only the bottleneck's queue drops. ns-3 3.37 on the same network
/// (benchmarks/ns3/dumbbell.cc): 9.630 Mbit/s, Jain's index 0.988, 123 drops.
/// </summary>
public class DumbbellTests
{
    private const double Ceiling = 10e6 * 1448 / 1488;
    private const double Seconds = 60;

    [Fact]
    public void Four_flows_fill_the_bottleneck_fairly_and_only_its_queue_drops()
    {
        using var dir = new TempDir();
        string folder = dir.PathOf("run");
        var r = Actornet.Run("run", RepoRoot.Config("dumbbell.conf"), "--quiet", "--no-journal", "--engine", "reference", "--out", folder);
        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var root = summary.RootElement;

        // Goodput as ns-3 counts it: bytes delivered to each sink over the whole run.
        var flows = root.GetProperty("tcp_flows").EnumerateArray()
            .Select(f => f.GetProperty("client_to_server_bytes").GetInt64() * 8 / Seconds).ToList();
        Assert.Equal(4, flows.Count);
        double total = flows.Sum();
        Assert.InRange(total, 0.95 * Ceiling, Ceiling);
        double jain = total * total / (flows.Count * flows.Sum(x => x * x));
        Assert.True(jain >= 0.95, $"Jain's index {jain:0.000} < 0.95 (flows {string.Join(", ", flows.Select(x => $"{x / 1e6:0.000}"))} Mbit/s)");

        var ports = root.GetProperty("ports").EnumerateArray().ToList();
        var bottleneck = Assert.Single(ports, p => p.GetProperty("node").GetString() == "r1" && p.GetProperty("peer").GetString() == "r2");
        // The bottleneck drops (the flows grow until it does), and its queue reaches its 100-packet limit.
        Assert.True(bottleneck.GetProperty("dropped_queue_full").GetInt64() > 0, "the bottleneck queue never dropped");
        Assert.Equal(100, bottleneck.GetProperty("peak_queue_packets").GetInt32());
        foreach (var p in ports.Where(p => !(p.GetProperty("node").GetString() == "r1" && p.GetProperty("peer").GetString() == "r2")))
        {
            Assert.Equal(0, p.GetProperty("dropped_queue_full").GetInt64());
            Assert.Equal(0, p.GetProperty("lost_on_link").GetInt64());
        }
        foreach (var f in root.GetProperty("tcp_flows").EnumerateArray())
            Assert.Equal(0, f.GetProperty("retransmission_timeouts").GetInt64());
    }
}
