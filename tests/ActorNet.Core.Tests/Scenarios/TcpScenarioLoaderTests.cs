using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>
/// Good scenarios with TCP apps: the specs come out with the values written, the defaults where
/// nothing is, and a top-level tcp block under each app's own block, key by key.
/// </summary>
public class TcpScenarioLoaderTests
{
    private const string Topology = """
        stop-at = 10s
        nodes { h1 = host, r1 = router, h2 = host }
        links = [
          { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 5ms }
          { between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 5ms }
        ]

        """;

    private static readonly IpAddress H2 = IpAddress.Parse("10.0.2.2");

    private static Scenario Load(string rest)
    {
        var r = ScenarioLoader.LoadFromText(Topology + rest, "tcp.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Scenario;
    }

    private static SourceSpan At(int line, int col) => new("tcp.conf", line, col);

    [Fact]
    public void Every_key_of_both_apps_and_of_a_tcp_block_is_read()
    {
        var s = Load("""
            apps = [
              { type = tcp-sink, name = sink, node = h2, port = 5001, read-rate = 1Mbit/s, read-interval = 20ms, start = 0s,
                tcp { receive-buffer = 65535, window-scaling = no } }
              { type = tcp-bulk, name = bulk, node = h1, target = h2, port = 5001, bytes = 1MiB, start = 1s,
                tcp { congestion-control = cubic, mss = 1400, send-buffer = 128KiB, receive-buffer = 64KiB, window-scaling = off,
                      sack = off, delayed-ack = off, delayed-ack-timeout = 100ms, nagle = off, min-rto = 200ms,
                      initial-window = 4, msl = 2s } }
            ]
            """);
        Assert.Equal(new TcpSinkAppSpec
        {
            Name = "sink", Node = "h2", Start = SimTime.Zero, At = At(8, 3), Port = 5001,
            ReadRate = DataRate.FromMbps(1), ReadInterval = SimTime.FromMilliseconds(20),
            Tcp = new TcpSpec { ReceiveBufferBytes = 65535, WindowScaling = false },
        }, s.Apps[0]);
        Assert.Equal(new TcpBulkAppSpec
        {
            Name = "bulk", Node = "h1", Start = SimTime.FromSeconds(1), At = At(10, 3), Target = H2, Port = 5001,
            Bytes = 1_048_576,
            Tcp = new TcpSpec
            {
                CongestionControl = "cubic", Mss = 1400, SendBufferBytes = 131_072, ReceiveBufferBytes = 65_536,
                WindowScaling = false, Sack = false, DelayedAck = false, DelayedAckTimeout = SimTime.FromMilliseconds(100),
                Nagle = false, MinRto = SimTime.FromMilliseconds(200), InitialWindowSegments = 4, Msl = SimTime.FromSeconds(2),
            },
        }, s.Apps[1]);
    }

    [Fact]
    public void Minimal_apps_get_the_defaults()
    {
        var s = Load("""
            apps = [
              { type = tcp-sink, node = h2, port = 5001 }
              { type = tcp-bulk, node = h1, target = h2, port = 5001 }
            ]
            """);
        var sink = Assert.IsType<TcpSinkAppSpec>(s.Apps[0]);
        Assert.Equal(("tcp-sink-1", (DataRate?)null, SimTime.FromMilliseconds(10)), (sink.Name, sink.ReadRate, sink.ReadInterval));
        Assert.Equal(TcpSpec.Default, sink.Tcp);
        var bulk = Assert.IsType<TcpBulkAppSpec>(s.Apps[1]);
        Assert.Equal(("tcp-bulk-1", (long?)null, SimTime.Zero), (bulk.Name, bulk.Bytes, bulk.Start));   // null: without end
        Assert.Equal(TcpSpec.Default, bulk.Tcp);
        Assert.Equal("newreno", bulk.Tcp.CongestionControl);
    }

    [Fact]
    public void The_top_level_block_gives_defaults_that_an_app_block_overrides_key_by_key()
    {
        var s = Load("""
            tcp { congestion-control = cubic, mss = 1200, sack = off, min-rto = 200ms }
            apps = [
              { type = tcp-sink, node = h2, port = 5001 }
              { type = tcp-bulk, node = h1, target = h2, port = 5001, tcp { congestion-control = reno, sack = on } }
              { type = tcp-bulk, node = h1, target = h2, port = 5001, tcp { nagle = off } }
            ]
            """);
        var inherited = new TcpSpec { CongestionControl = "cubic", Mss = 1200, Sack = false, MinRto = SimTime.FromMilliseconds(200) };
        Assert.Equal(inherited, ((TcpSinkAppSpec)s.Apps[0]).Tcp);
        Assert.Equal(inherited with { CongestionControl = "reno", Sack = true }, ((TcpBulkAppSpec)s.Apps[1]).Tcp);
        // A block that does not name the algorithm keeps the top-level one.
        Assert.Equal(inherited with { Nagle = false }, ((TcpBulkAppSpec)s.Apps[2]).Tcp);
        var settings = ((TcpBulkAppSpec)s.Apps[1]).Tcp.ToSettings();
        Assert.Equal((1200, true, SimTime.FromMilliseconds(200)), (settings.Mss, settings.Sack, settings.MinRto));
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("off", false)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    public void Switches_read_the_HOCON_boolean_words(string word, bool value)
    {
        var s = Load($"apps = [ {{ type = tcp-sink, node = h2, port = 5001, tcp {{ nagle = {word} }} }} ]");
        Assert.Equal(value, ((TcpSinkAppSpec)s.Apps[0]).Tcp.Nagle);
    }

    [Fact]
    public void A_sink_may_bind_the_same_port_for_TCP_and_for_UDP()
    {
        var s = Load("""
            apps = [
              { type = tcp-sink, node = h2, port = 5001 }
              { type = udp-sink, node = h2, port = 5001 }
            ]
            """);
        Assert.Equal(2, s.Apps.Count);
    }

    [Fact]
    public void A_transfer_of_zero_bytes_and_one_to_a_port_without_a_sink_are_allowed()
    {
        // Zero bytes: a handshake and FINs. No sink: the connection is refused, a legitimate experiment.
        var s = Load("apps = [ { type = tcp-bulk, node = h1, target = 10.0.2.2, port = 7, bytes = 0 } ]");
        var bulk = Assert.IsType<TcpBulkAppSpec>(Assert.Single(s.Apps));
        Assert.Equal((H2, (ushort)7, (long?)0), (bulk.Target, bulk.Port, bulk.Bytes));
    }

    [Fact]
    public void The_flow_control_config_gives_both_ends_no_window_scaling_and_the_sink_a_small_buffer()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorNet.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var r = ScenarioLoader.Load(Path.Combine(dir.FullName, "config", "tcp-flow-control.conf"));
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var sink = r.Scenario.Apps.OfType<TcpSinkAppSpec>().Single();
        var bulk = r.Scenario.Apps.OfType<TcpBulkAppSpec>().Single();
        Assert.Equal(new TcpSpec { CongestionControl = "newreno", WindowScaling = false, ReceiveBufferBytes = 65_535 }, sink.Tcp);
        Assert.Equal(new TcpSpec { CongestionControl = "newreno", WindowScaling = false }, bulk.Tcp);
        // S7: 1 Mbit/s read as 1250 B every 10 ms.
        Assert.Equal((DataRate.FromMbps(1), SimTime.FromMilliseconds(10)), (sink.ReadRate, sink.ReadInterval));
    }
}
