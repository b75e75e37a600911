using ActorNet.Core.Addressing;
using ActorNet.Core.Apps;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;

namespace ActorNet.Engine.Tests;

/// <summary>TCP through hosts, routers and links, on both engines (the socket layer and connection actors end to end).</summary>
public class TcpTransferTests
{
    private static readonly SourceSpan Here = new("test", 1, 1);

    /// <summary>h1 —[100 Mbit/s, 1 ms]— r1 —[10 Mbit/s, 20 ms]— r2 —[100 Mbit/s, 1 ms]— h2 (S4's path), one transfer h1 → h2.</summary>
    internal static Scenario Transfer(long bytes, int bottleneckQueue = 100, string cc = "newreno") => TestScenarios.Make("tcp", SimTime.FromSeconds(20),
        [("h1", NodeKind.Host), ("r1", NodeKind.Router), ("r2", NodeKind.Router), ("h2", NodeKind.Host)],
        [
            TestScenarios.Link("h1", "r1", "10.0.1.0/24", "100000000", 1_000_000),
            TestScenarios.Link("r1", "r2", "10.0.2.0/24", "10000000", 20_000_000, bottleneckQueue),
            TestScenarios.Link("r2", "h2", "10.0.3.0/24", "100000000", 1_000_000),
        ],
        [
            new TcpSinkAppSpec { Name = "sink", Node = "h2", Port = 5001, At = Here },
            new TcpBulkAppSpec { Name = "bulk", Node = "h1", Target = IpAddress.Parse("10.0.3.2"), Port = 5001, Bytes = bytes, Start = SimTime.FromMilliseconds(10), Tcp = new TcpSpec { CongestionControl = cc, Msl = SimTime.FromSeconds(1) }, At = Here },
        ]);

    [Theory]
    [InlineData("reference")]
    [InlineData("actors")]
    public void A_bulk_transfer_delivers_every_byte_in_order_and_both_sides_close(string engine)
    {
        var (_, summary) = ScenarioRuns.Run(Transfer(1_000_000), engine);
        var bulk = Assert.Single(summary.Apps.OfType<TcpBulkReport>());   // TIME-WAIT is 2 s (MSL 1 s), well inside the run
        var flow = Assert.Single(Assert.Single(summary.Apps.OfType<TcpSinkReport>()).Flows);
        Assert.Equal(1_000_000, bulk.BytesGiven);
        Assert.Equal(1_000_000, flow.Bytes);
        Assert.Equal(bulk.Sha256, flow.Sha256);
        Assert.Equal("closed", bulk.Outcome);
        Assert.Equal("closed", flow.Outcome);
        Assert.True(flow.RemoteClosed);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("actors")]
    public void A_connection_to_a_port_nobody_listens_on_is_refused_by_a_reset(string engine)
    {
        // The sink listens on 5001; the sender connects to 5002: h2 answers the SYN with RST (RFC 9293 §3.10.7.1).
        var scenario = Transfer(1000);
        scenario = scenario with { Apps = scenario.Apps.Select(a => a is TcpBulkAppSpec b ? b with { Port = 5002 } : a).ToList() };
        var (_, summary) = ScenarioRuns.Run(scenario, engine);
        var bulk = Assert.Single(summary.Apps.OfType<TcpBulkReport>());
        Assert.Equal("refused", bulk.Outcome);
        Assert.Equal(0, bulk.BytesGiven);
        Assert.Null(bulk.ConnectedAtNs);
        Assert.Empty(Assert.Single(summary.Apps.OfType<TcpSinkReport>()).Flows);
        // The SYN is counted as a segment to a closed TCP port (answered with a RST), not as UDP's port-unreachable
        // (which answers with ICMP).
        var h2 = summary.Nodes.Single(n => n.Node == "h2");
        Assert.Equal(1, h2.Drops["closed-tcp-port"]);
        Assert.False(h2.Drops.ContainsKey("port-unreachable"));
    }

    [Fact]
    public void Request_response_gets_every_response_one_connection_each_with_think_time_between()
    {
        var scenario = Transfer(1) with
        {
            Apps =
            [
                new HttpServerAppSpec { Name = "server", Node = "h2", Port = 80, At = Here },
                new HttpClientAppSpec { Name = "client", Node = "h1", Target = IpAddress.Parse("10.0.3.2"), ResponseBytes = 20_000, Requests = 3, ThinkTime = SimTime.FromSeconds(1), At = Here },
            ],
        };
        var (_, reference) = ScenarioRuns.RunReference(scenario);
        var (_, actors) = ScenarioRuns.RunActors(scenario);
        Assert.Equal(reference.Run.Digest, actors.Run.Digest);

        var client = Assert.Single(reference.Apps.OfType<HttpClientReport>());
        Assert.Null(client.Failure);
        Assert.Equal([1, 2, 3], client.Exchanges.Select(e => e.Request));
        Assert.All(client.Exchanges, e => Assert.Equal(20_000, e.Bytes));
        // 20,000 B fit in IW10 (14 segments): handshake, request, response = 3 round trips of at least 44.5 ms,
        // plus 20 kB at the 10 Mbit/s bottleneck (16 ms); a loss-free exchange needs less than 4 round trips.
        // (The server runs without Nagle, so its last partial segment does not wait for the client's delayed ACK.)
        Assert.All(client.Exchanges, e => Assert.InRange(e.CompletionNs, 3 * 44_500_000L, 4 * 50_000_000L));
        // Think time separates the exchanges: each starts 1 s after the previous one ended.
        for (int i = 1; i < 3; i++)
            Assert.True(client.Exchanges[i].StartedAtNs >= client.Exchanges[i - 1].StartedAtNs + client.Exchanges[i - 1].CompletionNs + 1_000_000_000);
        Assert.Equal(3, Assert.Single(reference.Apps.OfType<HttpServerReport>()).Served);
        Assert.Equal(3, reference.TcpFlows.Count);
    }

    [Fact]
    public void Both_engines_give_the_same_digest_for_a_transfer_with_losses()
    {
        // A 20-packet bottleneck queue makes slow start overflow it: drops, fast retransmits, maybe timeouts.
        var scenario = Transfer(2_000_000, bottleneckQueue: 20);
        var (_, reference) = ScenarioRuns.RunReference(scenario);
        Assert.True(reference.Ports.Sum(p => p.DroppedQueueFull) > 0, "the scenario should drop at the bottleneck");
        for (int threads = 1; threads <= 2; threads++)
        {
            var (_, actors) = ScenarioRuns.RunActors(scenario, threads);
            Assert.Equal(reference.Run.Digest, actors.Run.Digest);
        }
        var flow = Assert.Single(reference.Apps.OfType<TcpSinkReport>().Single().Flows);
        Assert.Equal(2_000_000, flow.Bytes);
        Assert.Equal(reference.Apps.OfType<TcpBulkReport>().Single().Sha256, flow.Sha256);
    }
}

public class TcpRunFolderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "actornet-tcp-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_tcp_run_writes_flows_window_and_queue_series_and_the_two_plots()
    {
        var scenario = TcpTransferTests.Transfer(500_000, bottleneckQueue: 20);
        var network = Core.Network.NetworkBuilder.Build(scenario);
        var run = new Reference.ReferenceEngine().Run(network, scenario.StopAt);
        var summary = Results.SummaryBuilder.Build(network, "reference", run);
        var writer = new Results.RunFolderWriter(_folder);
        writer.Begin(scenario);
        writer.Complete(summary, Results.RunTraces.Collect(network, run.Reached));

        var flow = Assert.Single(summary.TcpFlows);
        Assert.Equal(500_000, flow.ClientToServerBytes);
        Assert.True(flow.GoodputBps is > 1e6 and < 10e6, $"goodput {flow.GoodputBps} must be under the 10 Mbit/s bottleneck");
        Assert.True(flow.RttMinNs >= 44_000_000, "no RTT can beat the 44 ms of propagation");
        var csv = File.ReadAllLines(Path.Combine(_folder, "tcp-windows.csv"));
        Assert.StartsWith("flow,node,time_ns,cwnd_bytes", csv[0]);
        Assert.True(csv.Length > 100);
        Assert.Contains(File.ReadAllLines(Path.Combine(_folder, "queues.csv")).Skip(1), l => l.StartsWith("r1,eth1,r2,", StringComparison.Ordinal));
        foreach (var png in new[] { "cwnd.png", "queues.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(_folder, png));
            Assert.True(bytes.Length > 10_000, $"{png} is only {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
    }
}
