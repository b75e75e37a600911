using ActorNet.Core.Apps;
using ActorNet.Core.Network;
using ActorNet.Core.Tracing;
using ActorNet.Engine;

namespace ActorNet.Results;

/// <summary>Collects the summary of a finished run from the network's nodes: the same code for every engine.</summary>
public static class SummaryBuilder
{
    /// <summary>Node traces in id order, then channel traces (link-level records) in origin order.</summary>
    public static string Digest(NetworkModel network) =>
        TraceDigest.Combine(network.Nodes.Select(n => n.Trace).ToList(), network.Channels.Select(c => c.Trace).ToList());

    public static RunSummary Build(NetworkModel network, string engine, EngineRun run)
    {
        var scenario = network.Scenario;
        var info = new RunInfo(scenario.Name, scenario.SourceFile, scenario.Seed, engine, run.Status.ToString().ToLowerInvariant(),
            run.Reached.Nanoseconds, run.WallSeconds, run.Events, Digest(network));

        var ports = new List<PortSummary>();
        foreach (var node in network.Nodes)
        {
            foreach (var itf in node.Interfaces)
            {
                var port = itf.Port;
                var ch = itf.Outgoing;
                double utilization = run.Reached.Nanoseconds > 0 ? (double)port.BusyTime.Nanoseconds / run.Reached.Nanoseconds : 0;
                ports.Add(new PortSummary(node.Name, node.Kind.ToString().ToLowerInvariant(), itf.Name, itf.Address.ToString(),
                    network.Nodes[ch.ToNode].Name, ch.Link.Name, port.Transmitted, port.TransmittedBytes, port.DroppedQueueFull,
                    port.DroppedMtu, ch.Lost, ch.LostToDownLink, ch.Duplicated, port.Queue.PeakPackets, port.Queue.PeakBytes,
                    port.Queue.Count, Math.Min(1, utilization)));
            }
        }

        var nodes = network.Nodes.Select(n => new NodeSummary(n.Name, n.Kind.ToString().ToLowerInvariant(), n.Received, n.Forwarded,
            n.Delivered, n.Originated,
            Enum.GetValues<DropReason>().Where(r => r != DropReason.None && n.Drops(r) > 0)
                .ToDictionary(r => ToKebab(r.ToString()), r => n.Drops(r)),
            n.Trace.Records)).ToList();

        var apps = network.Nodes.OfType<Host>().SelectMany(h => h.Apps.Select(a => a.Report())).ToList();
        apps = JoinUdpFlows(network, apps);
        // Apps in scenario order, so the table reads like the file.
        var order = network.Scenario.Apps.Select((a, i) => (a.Name, i)).ToDictionary(x => x.Name, x => x.i);
        apps = apps.OrderBy(a => order.GetValueOrDefault(a.Name, int.MaxValue)).ToList();
        return new RunSummary(info, ports, apps, nodes) { TcpFlows = TcpFlowSummary.Collect(network) };
    }

    /// <summary>
    /// Fills in each UDP sender's "received" from the sink that counted its flow, and its "lost" and
    /// "duplicated" from the drops and copies every node and link counted for it, so a packet still on
    /// its way when the run ended is in flight, not lost.
    /// </summary>
    private static List<AppReport> JoinUdpFlows(NetworkModel network, List<AppReport> apps)
    {
        var sinks = apps.OfType<UdpSinkReport>().ToList();
        var tally = new Dictionary<UdpFlowKey, (long Dropped, long Copies)>();
        foreach (var n in network.Nodes) n.UdpDrops.AddTo(tally);
        foreach (var c in network.Channels) c.UdpFlows.AddTo(tally);
        return apps.Select(a =>
        {
            if (a is not UdpSenderReport s) return a;
            var senderNode = network[s.Node];
            var counted = tally.GetValueOrDefault(new UdpFlowKey(senderNode.Id, s.SourcePort, s.Target, (ushort)s.Port));
            s = s with { Lost = counted.Dropped, Duplicated = counted.Copies };
            var sinkNode = network.Nodes.FirstOrDefault(n => n.IsLocalAddress(s.Target));
            var sink = sinks.FirstOrDefault(k => k.Port == s.Port && sinkNode is not null && k.Node == sinkNode.Name);
            if (sink is null) return s;
            long received = sink.Flows.Where(f => f.SourcePort == s.SourcePort && senderNode.IsLocalAddress(f.Source)).Sum(f => f.Packets);
            return s with { Received = received };
        }).ToList();
    }

    internal static string ToKebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
