using ActorNet.Core.Apps;

namespace ActorNet.Results;

/// <summary>What a run produced; written as summary.json (schema in docs/OUTPUT.md).</summary>
public sealed record RunSummary(RunInfo Run, IReadOnlyList<PortSummary> Ports, IReadOnlyList<AppReport> Apps, IReadOnlyList<NodeSummary> Nodes)
{
    /// <summary>TCP connections (empty when the run has none).</summary>
    public IReadOnlyList<TcpFlowSummary> TcpFlows { get; init; } = [];
}

public sealed record RunInfo(
    string Scenario,
    string ScenarioFile,
    ulong Seed,
    string Engine,
    string Status,
    long SimTimeNs,
    double WallSeconds,
    long Events,
    string Digest)
{
    public double EventsPerSecond => WallSeconds > 0 ? Events / WallSeconds : 0;
}

/// <summary>One output port (one direction of a link, at the sending node).</summary>
public sealed record PortSummary(
    string Node,
    string NodeKind,
    string Interface,
    string Address,
    string Peer,
    string Link,
    long Transmitted,
    long TransmittedBytes,
    long DroppedQueueFull,
    long DroppedMtu,
    long LostOnLink,
    long LostLinkDown,
    long Duplicated,
    int PeakQueuePackets,
    long PeakQueueBytes,
    int QueueAtEnd,
    double Utilization);

/// <summary>Per-node counters, drops by reason.</summary>
public sealed record NodeSummary(
    string Node,
    string Kind,
    long Received,
    long Forwarded,
    long Delivered,
    long Originated,
    IReadOnlyDictionary<string, long> Drops,
    long TraceRecords);
