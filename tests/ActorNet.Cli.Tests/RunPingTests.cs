using System.Text.Json;
using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// `actornet run config/ping.conf` (S1 in SCENARIOS.md) end to end: exit code, what is printed, and
/// the run folder. The numbers come from the topology, h1 —[10 Mbit/s, 5 ms]— r1 —[10 Mbit/s, 5 ms]— h2:
/// an echo of 56 data bytes is 56 + 8 (ICMP) + 20 (IPv4) = 84 B, 84 × 8 / 10⁷ s = 67.2 µs on each
/// link, so RTT = 4 × (5 ms + 67.2 µs) = 20,268,800 ns for every echo, and the reply arrives with
/// TTL 64 − 1 (r1) = 63.
/// </summary>
public sealed class RunPingTests : IClassFixture<RunPingTests.PingRun>
{
    private const long RttNs = 20_268_800;

    /// <summary>One quiet run of config/ping.conf shared by the tests that only read its output.</summary>
    public sealed class PingRun : IDisposable
    {
        private readonly TempDir _dir = new();

        public PingRun()
        {
            Folder = _dir.PathOf("run");
            Result = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--out", Folder, "--quiet");
            if (Result.ExitCode == CliApp.Ok) Summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "summary.json")));
        }

        public string Folder { get; }
        internal CliResult Result { get; }
        public JsonDocument? Summary { get; }
        public JsonElement Run => Summary!.RootElement.GetProperty("run");
        public string PathOf(string name) => Path.Combine(Folder, name);

        public void Dispose()
        {
            Summary?.Dispose();
            _dir.Dispose();
        }
    }

    private readonly PingRun _ping;

    public RunPingTests(PingRun ping)
    {
        _ping = ping;
        Assert.True(ping.Result.ExitCode == CliApp.Ok, ping.Result.ToString());
    }

    [Fact]
    public void Quiet_prints_only_the_digest_the_run_folder_and_the_journal_run()
    {
        var lines = _ping.Result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches("^digest [0-9a-f]{64}$", lines[0]);
        Assert.Equal($"run folder {_ping.Folder} (completed)", lines[1]);
        Assert.Matches($"^journal run [0-9]+ in {System.Text.RegularExpressions.Regex.Escape(TestJournal.Path)}$", lines[2]);
        Assert.Equal("", _ping.Result.Stderr);
    }

    [Fact]
    public void Status_json_says_completed_with_the_digest()
    {
        using var status = JsonDocument.Parse(File.ReadAllText(_ping.PathOf("status.json")));
        Assert.Equal("completed", status.RootElement.GetProperty("status").GetString());
        Assert.Equal("actors", status.RootElement.GetProperty("engine").GetString());   // the default engine
        Assert.Equal(_ping.Run.GetProperty("digest").GetString(), status.RootElement.GetProperty("digest").GetString());
    }

    [Fact]
    public void Run_folder_keeps_the_scenario_as_given()
    {
        Assert.Equal(File.ReadAllText(RepoRoot.Config("ping.conf")), File.ReadAllText(_ping.PathOf("scenario.conf")));
    }

    [Fact]
    public void Summary_run_section()
    {
        var run = _ping.Run;
        Assert.Equal(2, _ping.Summary!.RootElement.GetProperty("schema_version").GetInt32());
        Assert.Equal("ping", run.GetProperty("scenario").GetString());
        Assert.Equal(RepoRoot.Config("ping.conf"), run.GetProperty("scenario_file").GetString());
        Assert.Equal(1UL, run.GetProperty("seed").GetUInt64()); // seed = 1 in the file
        Assert.Equal("actors", run.GetProperty("engine").GetString());
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal(10_000_000_000, run.GetProperty("sim_time_ns").GetInt64()); // stop-at = 10s
        Assert.True(run.GetProperty("events").GetInt64() > 0);
        Assert.True(run.GetProperty("wall_seconds").GetDouble() >= 0);
        Assert.True(run.GetProperty("events_per_second").GetDouble() >= 0);
    }

    [Fact]
    public void Digest_in_summary_is_the_one_printed()
    {
        string digest = _ping.Run.GetProperty("digest").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", digest);
        Assert.Contains($"digest {digest}\n", _ping.Result.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Summary_ping_app_has_five_exact_replies()
    {
        var apps = _ping.Summary!.RootElement.GetProperty("apps");
        Assert.Equal(1, apps.GetArrayLength());
        var ping = apps[0];
        Assert.Equal("ping", ping.GetProperty("type").GetString());
        Assert.Equal("ping-1", ping.GetProperty("name").GetString());
        Assert.Equal("h1", ping.GetProperty("node").GetString());
        Assert.Equal("10.0.2.2", ping.GetProperty("target").GetString()); // h2 on r1-h2
        Assert.Equal(5, ping.GetProperty("sent").GetInt32());
        Assert.Equal(5, ping.GetProperty("received").GetInt32());
        Assert.Equal(0, ping.GetProperty("lost").GetInt32());
        var replies = ping.GetProperty("replies").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5], replies.Select(r => r.GetProperty("sequence").GetInt32()));
        Assert.All(replies, r => Assert.Equal(RttNs, r.GetProperty("rtt_ns").GetInt64()));
        Assert.All(replies, r => Assert.Equal(63, r.GetProperty("ttl").GetInt32()));
    }

    [Fact]
    public void Summary_ports_count_every_packet()
    {
        // Each of the 4 output ports sends the 5 echoes or the 5 replies: 5 × 84 B, busy
        // 5 × 67.2 µs = 336 µs of the 10 s.
        var ports = _ping.Summary!.RootElement.GetProperty("ports").EnumerateArray().ToList();
        Assert.Equal(["h1/eth0", "h2/eth0", "r1/eth0", "r1/eth1"],
            ports.Select(p => $"{p.GetProperty("node").GetString()}/{p.GetProperty("interface").GetString()}"));
        Assert.Equal(["10.0.1.2", "10.0.2.2", "10.0.1.1", "10.0.2.1"], ports.Select(p => p.GetProperty("address").GetString()));
        foreach (var p in ports)
        {
            Assert.Equal(5, p.GetProperty("transmitted").GetInt64());
            Assert.Equal(420, p.GetProperty("transmitted_bytes").GetInt64());
            Assert.Equal(0, p.GetProperty("dropped_queue_full").GetInt64());
            Assert.Equal(0, p.GetProperty("lost_on_link").GetInt64());
            Assert.Equal(336e-6 / 10, p.GetProperty("utilization").GetDouble(), 12);
        }
    }

    [Fact]
    public void Summary_nodes_show_r1_forwarding_both_ways()
    {
        var nodes = _ping.Summary!.RootElement.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("node").GetString()!);
        Assert.Equal(["h1", "h2", "r1"], nodes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(10, nodes["r1"].GetProperty("forwarded").GetInt64());
        Assert.Equal(5, nodes["h1"].GetProperty("originated").GetInt64());
        Assert.Equal(5, nodes["h1"].GetProperty("delivered").GetInt64());
        Assert.Empty(nodes["r1"].GetProperty("drops").EnumerateObject());
    }

    [Fact]
    public void Csv_files_have_their_headers_and_rows()
    {
        var ports = File.ReadAllLines(_ping.PathOf("ports.csv"));
        Assert.Equal("node,kind,interface,address,peer,link,transmitted,transmitted_bytes,dropped_queue_full,dropped_mtu,lost_on_link,lost_link_down,duplicated,peak_queue_packets,peak_queue_bytes,queue_at_end,utilization", ports[0]);
        Assert.Equal(5, ports.Length); // header + 4 ports
        Assert.StartsWith("h1,host,eth0,10.0.1.2,r1,h1-r1,5,420,", ports[1]);

        var nodes = File.ReadAllLines(_ping.PathOf("nodes.csv"));
        Assert.Equal("node,kind,received,forwarded,delivered,originated,drops", nodes[0]);
        Assert.Contains("r1,router,10,10,0,0,", nodes);

        var ping = File.ReadAllLines(_ping.PathOf("ping.csv"));
        Assert.Equal("app,node,target,sequence,rtt_ns,ttl", ping[0]);
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }.Select(seq => $"ping-1,h1,10.0.2.2,{seq},{RttNs},63"), ping[1..]);

        // No traceroute or UDP app, so no such CSV.
        Assert.False(File.Exists(_ping.PathOf("traceroute.csv")));
        Assert.False(File.Exists(_ping.PathOf("udp.csv")));
        Assert.False(Directory.Exists(_ping.PathOf("pcap")));
    }
}

/// <summary>Runs of config/ping.conf with options that change the result.</summary>
public class RunOptionTests
{
    [Fact]
    public void Seed_option_overrides_the_scenario_seed()
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        var r = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--seed", "5", "--out", run, "--quiet");

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.Equal(5UL, summary.RootElement.GetProperty("run").GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void Until_stops_early_with_fewer_replies()
    {
        // Echoes leave h1 at 1 s, 2 s, ...; a run to 2 s ends before the event at 2 s, so only
        // the first echo is sent, and its reply is back at 1.0202688 s.
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        var r = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--until", "2s", "--out", run, "--quiet");

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.Equal(2_000_000_000, summary.RootElement.GetProperty("run").GetProperty("sim_time_ns").GetInt64());
        var ping = summary.RootElement.GetProperty("apps")[0];
        Assert.Equal(1, ping.GetProperty("sent").GetInt32());
        Assert.Equal(1, ping.GetProperty("replies").GetArrayLength());
        Assert.Equal(20_268_800, ping.GetProperty("replies")[0].GetProperty("rtt_ns").GetInt64());
    }

    [Fact]
    public void Without_quiet_the_summary_tables_are_printed()
    {
        using var dir = new TempDir();
        var r = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--out", dir.PathOf("run"));

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        Assert.Contains("scenario ping (seed 1, engine actors): completed, virtual time 10s", r.Stdout);
        Assert.Contains("ping ping-1: h1 → 10.0.2.2", r.Stdout);
        Assert.Contains("5 sent, 5 received, 0% loss; rtt min/avg/max = 20.2688/20.2688/20.2688 ms", r.Stdout);
        Assert.Contains("ports (output side of each link)", r.Stdout);
        Assert.Matches(@"digest [0-9a-f]{64}\n", r.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Same_seed_gives_the_same_digest()
    {
        using var dir = new TempDir();
        var a = Actornet.Run("run", RepoRoot.Config("droptail.conf"), "--until", "1s", "--out", dir.PathOf("a"), "--quiet");
        var b = Actornet.Run("run", RepoRoot.Config("droptail.conf"), "--until", "1s", "--out", dir.PathOf("b"), "--quiet");
        Assert.True(a.ExitCode == CliApp.Ok, a.ToString());
        Assert.Equal(a.Stdout.Split('\n')[0], b.Stdout.Split('\n')[0]);
    }

    [Fact]
    public void Interrupted_run_exits_130_and_marks_the_folder_interrupted()
    {
        // Cancelled before it starts: the actor engine (the default) checks at every window
        // boundary, so it stops after its first window, long before stop-at.
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var r = Actornet.Run(cancel.Token, "run", RepoRoot.Config("droptail.conf"), "--out", run, "--quiet");

        Assert.True(r.ExitCode == CliApp.Interrupted, r.ToString());
        Assert.Contains($"run folder {run} (interrupted)", r.Stdout);
        using var status = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "status.json")));
        Assert.Equal("interrupted", status.RootElement.GetProperty("status").GetString());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.Equal("interrupted", summary.RootElement.GetProperty("run").GetProperty("status").GetString());
        Assert.InRange(summary.RootElement.GetProperty("run").GetProperty("sim_time_ns").GetInt64(), 1, 12_000_000_000 - 1);
    }
}
