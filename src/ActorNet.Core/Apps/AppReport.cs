using ActorNet.Core.Addressing;

namespace ActorNet.Core.Apps;

/// <summary>What an app measured, for the summary table and summary.json (docs/OUTPUT.md).</summary>
public abstract record AppReport
{
    public required string Name { get; init; }
    public required string Node { get; init; }
    public abstract string Type { get; }
}

public sealed record PingReport : AppReport
{
    public override string Type => "ping";
    public required IpAddress Target { get; init; }
    public required int Sent { get; init; }
    public required IReadOnlyList<PingReply> Replies { get; init; }
    public int Received => Replies.Count;
    public int Lost => Sent - Received;
}

/// <summary>One echo reply: its sequence number, round-trip time in ns, and the TTL it arrived with.</summary>
public sealed record PingReply(int Sequence, long RttNs, int Ttl);

public sealed record TracerouteReport : AppReport
{
    public override string Type => "traceroute";
    public required IpAddress Target { get; init; }
    public required IReadOnlyList<TracerouteHop> Hops { get; init; }
    public required bool Reached { get; init; }
}

/// <summary>One TTL: each probe's answer (null = '*', no answer before the timeout).</summary>
public sealed record TracerouteHop(int Ttl, IReadOnlyList<TracerouteProbe?> Probes);

public sealed record TracerouteProbe(IpAddress From, long RttNs, bool IsDestination);

public sealed record UdpSenderReport : AppReport
{
    public override string Type => TypeName;
    public required string TypeName { get; init; }
    public required IpAddress Target { get; init; }
    public required int Port { get; init; }
    public required ushort SourcePort { get; init; }
    public required long Sent { get; init; }
    public required long SentBytes { get; init; }
    /// <summary>Packets the host refused at once (no route, full host buffer).</summary>
    public required long RefusedLocally { get; init; }
    /// <summary>Filled in from the sink's per-flow count when the sink is in the same run.</summary>
    public long? Received { get; init; }
    /// <summary>
    /// Packets of this flow dropped anywhere: refused at the sending host, queue full, link loss, link
    /// down, TTL, no route, port unreachable. Filled in from the nodes' and links' counts (null until then).
    /// </summary>
    public long? Lost { get; init; }
    /// <summary>Extra copies of this flow's packets that links made (their <c>duplicate</c> probability); filled in with <see cref="Lost"/>.</summary>
    public long? Duplicated { get; init; }
    /// <summary>
    /// Packets neither received nor lost when the run ended: waiting in a queue, on a wire, or propagating.
    /// Every copy is received, lost or in flight, so this is sent + duplicated − received − lost.
    /// </summary>
    public long? InFlightAtEnd => Received is { } r && Lost is { } l ? Sent + (Duplicated ?? 0) - r - l : null;
}

public sealed record UdpSinkReport : AppReport
{
    public override string Type => "udp-sink";
    public required int Port { get; init; }
    public required long Received { get; init; }
    /// <summary>IP bytes received.</summary>
    public required long ReceivedBytes { get; init; }
    public required long DataBytes { get; init; }
    public long? FirstArrivalNs { get; init; }
    public long? LastArrivalNs { get; init; }
    public required IReadOnlyList<UdpFlowCount> Flows { get; init; }
    /// <summary>Data bytes per second between the first and last arrival.</summary>
    public double GoodputBitsPerSecond => FirstArrivalNs is { } f && LastArrivalNs is { } l && l > f ? DataBytes * 8e9 / (l - f) : 0;
}

public sealed record UdpFlowCount(IpAddress Source, ushort SourcePort, long Packets, long DataBytes);

/// <summary>A TCP bulk transfer, seen from the sender: what the app gave TCP and how the connection ended.</summary>
public sealed record TcpBulkReport : AppReport
{
    public override string Type => "tcp-bulk";
    public required IpAddress Target { get; init; }
    public required int Port { get; init; }
    public required ushort SourcePort { get; init; }
    public required string CongestionControl { get; init; }
    /// <summary>Bytes the send buffer accepted from the app.</summary>
    public required long BytesGiven { get; init; }
    /// <summary>The bytes the app asked to send (null: without end).</summary>
    public long? BytesAsked { get; init; }
    /// <summary>SHA-256 (hex) of the bytes given, to compare with the sink's; empty when not kept (sha256 = off).</summary>
    public required string Sha256 { get; init; }
    public long? ConnectedAtNs { get; init; }
    /// <summary>
    /// When the connection reached CLOSED (null: still open, or in TIME-WAIT, at the end of the run). Normally 2·MSL
    /// after the peer's FIN; earlier when a RST from the peer's closed port ended TIME-WAIT (docs/OUTPUT.md).
    /// </summary>
    public long? ClosedAtNs { get; init; }
    /// <summary>How it ended: closed, reset, refused, timed-out, or open (the run stopped first).</summary>
    public required string Outcome { get; init; }
}

/// <summary>A TCP sink: per accepted connection, what was read.</summary>
public sealed record TcpSinkReport : AppReport
{
    public override string Type => "tcp-sink";
    public required int Port { get; init; }
    public required IReadOnlyList<TcpSinkFlow> Flows { get; init; }
}

/// <summary>One connection a sink accepted: bytes read, their SHA-256, the first and last read times, how it ended.</summary>
public sealed record TcpSinkFlow(IpAddress Remote, int RemotePort, long Bytes, string Sha256, long? FirstByteNs, long? LastByteNs, bool RemoteClosed, string Outcome);

/// <summary>One GET: its number, when it started, how long until the last response byte (ns), and the bytes received.</summary>
public sealed record HttpExchange(int Request, long StartedAtNs, long CompletionNs, long Bytes);

public sealed record HttpClientReport : AppReport
{
    public override string Type => "http-client";
    public required Addressing.IpAddress Target { get; init; }
    public required int Port { get; init; }
    public required int Asked { get; init; }
    public required IReadOnlyList<HttpExchange> Exchanges { get; init; }
    /// <summary>The first request that failed and why (reset, refused, timed out), if any.</summary>
    public string? Failure { get; init; }
}

public sealed record HttpServerReport : AppReport
{
    public override string Type => "http-server";
    public required int Port { get; init; }
    public required long Served { get; init; }
    public required long BytesServed { get; init; }
    public required long BadRequests { get; init; }
}
