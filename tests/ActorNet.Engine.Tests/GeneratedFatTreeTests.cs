using ActorNet.Core.Apps;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Tracing;
using ActorNet.Engine.Reference;
using ActorNet.Results;

namespace ActorNet.Engine.Tests;

/// <summary>
/// A generated k = 4 fat-tree with generated udp-pairs traffic, run end to end on the reference
/// engine: every packet a flow sends is delivered or dropped, none vanishes.
/// </summary>
public class GeneratedFatTreeTests
{
    // Hosts send 200 Mbit/s over 1 Gbit/s host links into a 100 Mbit/s fabric, so flows that
    // leave their edge switch overflow its 20-packet buffers. Traffic stops at 5 ms; by 100 ms
    // every queue has drained (a full buffer empties in 20 × 120 us = 2.4 ms per hop), so at the
    // end each packet is either at its sink or counted as dropped.
    private const string Text = """
        stop-at = 100ms
        seed = 4
        generate {
          topology = fat-tree, k = 4
          rate = 100Mbit/s, delay = 10us, host-rate = 1Gbit/s, host-delay = 1us, queue = 20p
          traffic = [ { type = udp-pairs, flows = 6, rate = 200Mbit/s, packet-size = 1500, start = 0s, stop = 5ms, seed = 4 } ]
        }
        """;

    [Fact]
    public void Every_flow_delivers_or_drops_every_packet_it_sends()
    {
        var load = ScenarioLoader.LoadFromText(Text, "fat-tree-4.conf");
        Assert.True(load.Ok, string.Join("\n", load.Errors));
        var scenario = load.Scenario;
        var network = NetworkBuilder.Build(scenario);
        var hosts = scenario.Nodes.Where(n => n.Kind == NodeKind.Host).Select(n => n.Name).ToHashSet();

        // Which host sent each packet (Send records are written at the sending host), and every drop.
        var senderOf = new Dictionary<long, string>();
        var drops = new List<(long Packet, DropReason Reason)>();
        foreach (var node in network.Nodes)
        {
            string name = node.Name;
            node.Trace.Listener = r =>
            {
                if (r.Kind == TraceKind.Send && hosts.Contains(name)) senderOf[r.PacketId] = name;
                else if (r.Kind == TraceKind.Drop) drops.Add((r.PacketId, r.Reason));
            };
        }
        var run = new ReferenceEngine().Run(network, scenario.StopAt);
        Assert.Equal(RunStatus.Completed, run.Status);
        var summary = SummaryBuilder.Build(network, "reference", run);

        var senders = summary.Apps.OfType<UdpSenderReport>().ToList();
        Assert.Equal(6, senders.Count);
        var sourceOf = scenario.Apps.OfType<UdpCbrAppSpec>().ToDictionary(a => a.Name, a => a.Node);

        Assert.All(drops, d => Assert.Equal(DropReason.QueueFull, d.Reason));
        Assert.NotEmpty(drops);   // the load is meant to overflow some buffers
        Assert.All(summary.Ports, p => Assert.Equal(0, p.QueueAtEnd));
        foreach (var s in senders)
        {
            // 5 ms at one 1500 B packet per 60 us (12,000 bits at 200 Mbit/s): 84 packets (t = 0 .. 4.98 ms).
            Assert.Equal(84, s.Sent);
            Assert.Equal(0, s.RefusedLocally);
            Assert.NotNull(s.Received);
        }
        // A drop record names the packet, not its flow; the Send record names its host. So the
        // books are balanced per source host: a flow, unless two flows share a source.
        foreach (var group in senders.GroupBy(s => sourceOf[s.Name]))
        {
            long dropped = drops.Count(d => senderOf[d.Packet] == group.Key);
            Assert.Equal(group.Sum(s => s.Sent), group.Sum(s => s.Received!.Value) + dropped);
        }
        Assert.True(senders.Select(s => sourceOf[s.Name]).Distinct().Count() >= 5, "most flows should have their own source");
        Assert.Equal(summary.Ports.Sum(p => p.DroppedQueueFull), drops.Count);
    }
}
