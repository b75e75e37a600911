using ActorNet.Core.Addressing;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Scenarios;

/// <summary>
/// A validated scenario (DESIGN §6): what <see cref="ScenarioLoader"/> returns when a HOCON file
/// has no problems. Every name is resolved and every value checked; the engines trust it.
/// The file format is documented in docs/SCENARIOS.md.
/// </summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    /// <summary>The file it came from (for messages and the run record).</summary>
    public required string SourceFile { get; init; }
    /// <summary>The text as given, kept so a run can be reproduced from its record.</summary>
    public required string SourceText { get; init; }
    public required ulong Seed { get; init; }
    /// <summary>Virtual time at which the run ends (scenario key <c>stop-at</c>).</summary>
    public required SimTime StopAt { get; init; }
    /// <summary>Sorted by name (ordinal) so ids derived from the order are stable.</summary>
    public required IReadOnlyList<NodeSpec> Nodes { get; init; }
    /// <summary>In file order; a node's interfaces are numbered in the order its links appear.</summary>
    public required IReadOnlyList<LinkSpec> Links { get; init; }
    public required RoutingSpec Routing { get; init; }
    public required IReadOnlyList<StaticRouteSpec> Routes { get; init; }
    public required IReadOnlyList<AppSpec> Apps { get; init; }
}

/// <summary>Where something was written: file, 1-based line and column.</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

public enum NodeKind
{
    Host,
    Router,
}

public sealed record NodeSpec(string Name, NodeKind Kind, SourceSpan At);

/// <summary>A port's buffer limit: packets waiting (not the one on the wire), bytes waiting, or both (0 = no limit of that kind).</summary>
public readonly record struct QueueLimit(int Packets, long Bytes)
{
    public static readonly QueueLimit Default = new(100, 0);
    public override string ToString() => Packets > 0 && Bytes > 0 ? $"{Packets}p/{Bytes}B" : Packets > 0 ? $"{Packets}p" : $"{Bytes}B";
}

/// <summary>
/// A point-to-point full-duplex link between two nodes on one subnet. Side A is <see cref="NodeA"/>.
/// Each direction has its own transmitter and buffer at the sending node.
/// </summary>
public sealed record LinkSpec
{
    public required string Name { get; init; }
    public required string NodeA { get; init; }
    public required string NodeB { get; init; }
    public required IpPrefix Subnet { get; init; }
    public required IpAddress AddressA { get; init; }
    public required IpAddress AddressB { get; init; }
    public required DataRate Rate { get; init; }
    /// <summary>Propagation delay, &gt; 0 (it is the lookahead of the parallel engine).</summary>
    public required SimTime Delay { get; init; }
    public int Mtu { get; init; } = 1500;
    public QueueLimit QueueA { get; init; } = QueueLimit.Default;
    public QueueLimit QueueB { get; init; } = QueueLimit.Default;
    public LossModelSpec Loss { get; init; } = NoLoss.Instance;
    /// <summary>Loss of the A→B direction only (null: <see cref="Loss"/>), e.g. a lossy data path with clean ACKs (S5).</summary>
    public LossModelSpec? LossA { get; init; }
    /// <summary>Loss of the B→A direction only (null: <see cref="Loss"/>).</summary>
    public LossModelSpec? LossB { get; init; }
    /// <summary>Probability that a packet is delivered twice.</summary>
    public double Duplicate { get; init; }
    /// <summary>Each packet gets a uniform random extra delay in [0, Jitter]: this reorders packets.</summary>
    public SimTime Jitter { get; init; }
    /// <summary>Intervals during which the link is down (both directions); packets sent then are lost.</summary>
    public IReadOnlyList<DownInterval> Down { get; init; } = [];
    public required SourceSpan At { get; init; }
}

public readonly record struct DownInterval(SimTime From, SimTime Until);

public abstract record LossModelSpec;
public sealed record NoLoss : LossModelSpec { public static readonly NoLoss Instance = new(); }
/// <summary>Each packet is lost independently with probability <see cref="P"/>.</summary>
public sealed record BernoulliLoss(double P) : LossModelSpec;
/// <summary>
/// Two-state bursty loss (Gilbert–Elliott): per packet, move Good→Bad with <see cref="PGoodToBad"/>
/// and Bad→Good with <see cref="PBadToGood"/>, then lose with the state's loss probability.
/// </summary>
public sealed record GilbertElliottLoss(double PGoodToBad, double PBadToGood, double LossInGood, double LossInBad) : LossModelSpec;

public enum RouteMode
{
    /// <summary>Routes to every subnet computed by shortest paths, plus static routes (which win on equal prefix).</summary>
    Computed,
    /// <summary>Only connected subnets and the static routes of the scenario.</summary>
    Static,
}

public enum RouteMetric
{
    Delay,
    Hops,
}

public sealed record RoutingSpec(RouteMode Mode, RouteMetric Metric)
{
    public static readonly RoutingSpec Default = new(RouteMode.Computed, RouteMetric.Delay);
}

/// <summary>A static route: on <see cref="Node"/>, send <see cref="Prefix"/> to <see cref="NextHop"/> (an address on one of its subnets).</summary>
public sealed record StaticRouteSpec(string Node, IpPrefix Prefix, IpAddress NextHop, SourceSpan At);

/// <summary>An application on a host, started at <see cref="Start"/>.</summary>
public abstract record AppSpec
{
    /// <summary>Unique name, e.g. "ping-1" (defaults to type-index in file order).</summary>
    public required string Name { get; init; }
    public required string Node { get; init; }
    public SimTime Start { get; init; }
    public required SourceSpan At { get; init; }
}

/// <summary>ping: ICMP echo requests with <see cref="DataBytes"/> data bytes (like ping -s), one every <see cref="Interval"/>.</summary>
public sealed record PingAppSpec : AppSpec
{
    public required IpAddress Target { get; init; }
    public int Count { get; init; } = 4;
    public SimTime Interval { get; init; } = SimTime.FromSeconds(1);
    public int DataBytes { get; init; } = 56;
    public byte Ttl { get; init; } = 64;
    /// <summary>A reply later than this counts as lost.</summary>
    public SimTime Timeout { get; init; } = SimTime.FromSeconds(2);
}

/// <summary>traceroute: UDP probes of <see cref="PacketBytes"/> IP bytes with TTL 1, 2, …, to ports BasePort + 1, + 2, … (classic BSD traceroute: the k-th probe goes to base + k).</summary>
public sealed record TracerouteAppSpec : AppSpec
{
    public required IpAddress Target { get; init; }
    public int MaxHops { get; init; } = 30;
    public int ProbesPerHop { get; init; } = 3;
    public int PacketBytes { get; init; } = 60;
    public ushort BasePort { get; init; } = 33434;
    /// <summary>How long to wait for an answer before printing '*'.</summary>
    public SimTime Timeout { get; init; } = SimTime.FromSeconds(1);
}

/// <summary>UDP constant bit rate: IP packets of <see cref="PacketBytes"/> at <see cref="Rate"/> from Start until <see cref="Stop"/> (exclusive).</summary>
public sealed record UdpCbrAppSpec : AppSpec
{
    public required IpAddress Target { get; init; }
    public required ushort Port { get; init; }
    public required DataRate Rate { get; init; }
    public int PacketBytes { get; init; } = 1000;
    public required SimTime Stop { get; init; }
}

/// <summary>UDP on/off: sends at <see cref="Rate"/> for <see cref="OnTime"/>, is silent for <see cref="OffTime"/>, repeats until Stop.</summary>
public sealed record UdpOnOffAppSpec : AppSpec
{
    public required IpAddress Target { get; init; }
    public required ushort Port { get; init; }
    public required DataRate Rate { get; init; }
    public int PacketBytes { get; init; } = 1000;
    public required SimTime OnTime { get; init; }
    public required SimTime OffTime { get; init; }
    public required SimTime Stop { get; init; }
}

/// <summary>UDP sink: binds a port and counts what arrives.</summary>
public sealed record UdpSinkAppSpec : AppSpec
{
    public required ushort Port { get; init; }
}

/// <summary>
/// TCP knobs an app may set (docs/SCENARIOS.md, "TCP"): null keeps <see cref="Tcp.TcpSettings"/>'s default.
/// The congestion-control algorithm is per connection: reno, newreno (default) or cubic.
/// </summary>
public sealed record TcpSpec
{
    public static readonly TcpSpec Default = new();

    public string CongestionControl { get; init; } = "newreno";
    public int? Mss { get; init; }
    public int? SendBufferBytes { get; init; }
    public int? ReceiveBufferBytes { get; init; }
    public bool? WindowScaling { get; init; }
    public bool? Sack { get; init; }
    public bool? DelayedAck { get; init; }
    public SimTime? DelayedAckTimeout { get; init; }
    public bool? Nagle { get; init; }
    public SimTime? MinRto { get; init; }
    public int? InitialWindowSegments { get; init; }
    public SimTime? Msl { get; init; }

    /// <summary>The settings these knobs give.</summary>
    public Tcp.TcpSettings ToSettings()
    {
        var d = Tcp.TcpSettings.Default;
        return d with
        {
            Mss = Mss ?? d.Mss,
            SendBufferBytes = SendBufferBytes ?? d.SendBufferBytes,
            ReceiveBufferBytes = ReceiveBufferBytes ?? d.ReceiveBufferBytes,
            WindowScaling = WindowScaling ?? d.WindowScaling,
            Sack = Sack ?? d.Sack,
            DelayedAck = DelayedAck ?? d.DelayedAck,
            DelayedAckTimeout = DelayedAckTimeout ?? d.DelayedAckTimeout,
            Nagle = Nagle ?? d.Nagle,
            MinRto = MinRto ?? d.MinRto,
            InitialWindowSegments = InitialWindowSegments ?? d.InitialWindowSegments,
            Msl = Msl ?? d.Msl,
        };
    }
}

/// <summary>
/// TCP bulk sender: connects to <see cref="Target"/>:<see cref="Port"/> at Start and sends <see cref="Bytes"/>
/// bytes (null: without end, until the run stops), then closes its side (FIN).
/// </summary>
public sealed record TcpBulkAppSpec : AppSpec
{
    public required IpAddress Target { get; init; }
    public required ushort Port { get; init; }
    public long? Bytes { get; init; }
    public TcpSpec Tcp { get; init; } = TcpSpec.Default;
    /// <summary>Keep a SHA-256 of every byte given to TCP (to compare with the sink's; S8). It costs: off for speed runs.</summary>
    public bool Sha256 { get; init; } = true;
}

/// <summary>
/// TCP sink: listens on <see cref="Port"/>, reads what arrives and closes when the peer does. With
/// <see cref="ReadRate"/> it is a slow reader (S7): one read of rate × <see cref="ReadInterval"/> bytes per interval.
/// </summary>
public sealed record TcpSinkAppSpec : AppSpec
{
    public required ushort Port { get; init; }
    public Units.DataRate? ReadRate { get; init; }
    public SimTime ReadInterval { get; init; } = SimTime.FromMilliseconds(10);
    public TcpSpec Tcp { get; init; } = TcpSpec.Default;
    /// <summary>Keep a SHA-256 of every byte read, per connection (see <see cref="TcpBulkAppSpec.Sha256"/>).</summary>
    public bool Sha256 { get; init; } = true;
}

/// <summary>
/// An HTTP/1.1 client: <see cref="Requests"/> times, it opens a connection to <see cref="Target"/>:<see cref="Port"/>,
/// sends a GET for <see cref="ResponseBytes"/> bytes, reads the response (its head, then Content-Length body bytes),
/// and waits <see cref="ThinkTime"/> before the next (Connection: close: one request per connection).
/// </summary>
public sealed record HttpClientAppSpec : AppSpec
{
    public required IpAddress Target { get; init; }
    public ushort Port { get; init; } = 80;
    public required long ResponseBytes { get; init; }
    public int Requests { get; init; } = 1;
    public SimTime ThinkTime { get; init; } = SimTime.Zero;
    public TcpSpec Tcp { get; init; } = TcpSpec.Default;
}

/// <summary>The server of <see cref="HttpClientAppSpec"/>: answers each GET with "200 OK" and the bytes it asks for, then closes.</summary>
public sealed record HttpServerAppSpec : AppSpec
{
    public ushort Port { get; init; } = 80;
    public TcpSpec Tcp { get; init; } = TcpSpec.Default;
}
