using ActorNet.Core.Inspection;
using ActorNet.Core.Network;
using ActorNet.Core.Tcp;
using ActorNet.Core.Time;
using ActorNet.Engine.Reference;

namespace ActorNet.Engine.Tests.Inspection;

/// <summary>
/// S4 (config/tcp-bottleneck.conf) paused in the middle of its transfer and inspected:
///   h1 —[100 Mbit/s, 1 ms]— r1 —[10 Mbit/s, 20 ms, 100 p]— r2 —[100 Mbit/s, 1 ms]— h2
/// From the config's derivation: base RTT ≈ 45.5 ms, BDP ≈ 38 packets of 1500 B, and after slow start's
/// loss NewReno's window stays above ≈ 69 packets, so from then on the bottleneck port r1→r2 is never idle
/// and holds the packets beyond the BDP (at most its limit of 100). At 2 s slow start (from 10 ms) is long over.
/// </summary>
public class NodeInspectorTests
{
    private const int Mss = 1460;
    private const int DataPacketBytes = 1500;   // 20 IP + 20 TCP + 1460
    private static readonly SimTime At = SimTime.FromSeconds(2);

    /// <summary>The reference engine run to <paramref name="at"/>, stopped there (its events at or after it not handled).</summary>
    private static NetworkModel RunTo(SimTime at)
    {
        var scenario = ScenarioRuns.Load("tcp-bottleneck.conf") with { StopAt = at };
        var network = NetworkBuilder.Build(scenario);
        new ReferenceEngine().Run(network, at);
        return network;
    }

    [Fact]
    public void Sender_host_in_mid_transfer_has_one_established_connection_with_consistent_variables()
    {
        var h1 = NodeInspector.Inspect(RunTo(At)["h1"], At);

        Assert.Equal("h1", h1.Name);
        Assert.Equal("host", h1.Kind);
        Assert.Equal(At.Nanoseconds, h1.AtNs);
        var c = Assert.Single(h1.Sockets.TcpConnections);
        Assert.Equal("ESTABLISHED", c.State);
        Assert.Equal("newreno", c.CongestionControl);
        Assert.False(c.Passive);
        Assert.StartsWith("10.0.1.1:", c.Local);
        Assert.Equal("10.0.3.2:5001", c.Remote);
        var b = Assert.IsType<TcpControlBlockState>(c.Tcb);
        // RFC 9293 §3.3.1: SND.UNA =< SND.NXT =< SND.MAX (modulo 2^32).
        Assert.True(new SequenceNumber(b.SndNxt) - new SequenceNumber(b.SndUna) >= 0, $"SND.UNA {b.SndUna} > SND.NXT {b.SndNxt}");
        Assert.True(new SequenceNumber(b.SndMax) - new SequenceNumber(b.SndNxt) >= 0, $"SND.NXT {b.SndNxt} > SND.MAX {b.SndMax}");
        Assert.Equal(Mss, b.Mss);
        Assert.True(b.Cwnd >= Mss, $"cwnd {b.Cwnd} < 1 MSS");
        // Slow start's overshoot was a loss: ssthresh is set, and the transfer is past slow start.
        Assert.NotNull(b.Ssthresh);
        Assert.True(b.FastRecoveries >= 1);
        // Data is outstanding, never beyond the window the receiver offered (its right edge never moves left,
        // RFC 9293 §3.8.6.2.2), and it is still in the send buffer, which the bulk sender keeps full.
        Assert.InRange(b.Outstanding, Mss, b.SndWnd);
        Assert.True(b.SendBufferBytes >= b.Outstanding);
        Assert.NotNull(b.SrttNs);
        Assert.True(b.SrttNs >= 45_000_000, $"SRTT {b.SrttNs} ns below the 45.5 ms base RTT");
        Assert.True(b.RtoNs >= 1_000_000_000, "RFC 6298 (2.4): the RTO is at least 1 s");
        Assert.Contains(b.Timers, t => t.Timer == "retransmission" && t.DeadlineNs > At.Nanoseconds);
        Assert.True(b.BytesAcked <= b.BytesSent);
        // The sender gets only ACKs: nothing to read, nothing out of order.
        Assert.Equal(0, b.ReceiveBufferBytes);
        Assert.Equal(0, b.OutOfOrderBytes);

        Assert.Empty(h1.Sockets.TcpListeners);
        var app = Assert.Single(h1.Apps);
        Assert.Equal("tcp-bulk", app.Type);
        Assert.Contains(app.Counters, k => k.Name == "outcome" && k.Value == "open");
    }

    [Fact]
    public void Bottleneck_router_queues_only_the_flow_s_data_within_its_limit_and_has_no_sockets()
    {
        var network = RunTo(At);
        var r1 = NodeInspector.Inspect(network["r1"], At);
        var h1 = NodeInspector.Inspect(network["h1"], At);

        Assert.Equal("router", r1.Kind);
        Assert.Empty(r1.Sockets.Udp);
        Assert.Empty(r1.Sockets.IcmpEcho);
        Assert.Empty(r1.Sockets.TcpListeners);
        Assert.Empty(r1.Sockets.TcpConnections);
        Assert.Empty(r1.Apps);

        var toR2 = r1.Interfaces.Single(i => i.Peer == "r2");
        var port = r1.Ports.Single(p => p.Interface == toR2.Index);
        Assert.Equal(100, port.LimitPackets);
        Assert.InRange(port.QueuedPackets, 1, port.LimitPackets);   // never idle, never above the limit
        Assert.Equal(port.QueuedPackets, port.Waiting.Count);
        Assert.Equal(port.QueuedBytes, port.Waiting.Sum(p => (long)p.SizeBytes));
        // One packet takes 1.2 ms to serialize at 10 Mbit/s: the one on the wire ends within that of now.
        Assert.True(port.Transmitting);
        Assert.InRange(port.TransmittingUntilNs!.Value, At.Nanoseconds, At.Nanoseconds + 1_200_000);
        // Every packet that entered the buffer was either transmitted or still waits; the rest found the transmitter idle.
        Assert.InRange(port.Enqueued, port.QueuedPackets, port.Transmitted + port.QueuedPackets);
        // Conservation: each packet r1 forwarded or sent was started, still waits, or was refused by a port.
        Assert.Equal(r1.Counters.Forwarded + r1.Counters.Originated,
            r1.Ports.Sum(p => p.Transmitted + p.QueuedPackets + p.DroppedQueueFull + p.DroppedMtu));

        // Only h1's data goes this way; and a segment still waiting here has not reached h2, so it is
        // sent and not yet acknowledged: SND.UNA =< seq and seq + len =< SND.MAX at the sender.
        var tcb = h1.Sockets.TcpConnections.Single().Tcb!;
        foreach (var p in port.Waiting.Append(port.OnWire!))
        {
            Assert.Equal(("10.0.1.1", "10.0.3.2", "tcp", DataPacketBytes), (p.Source, p.Destination, p.Protocol, p.SizeBytes));
            var h = Assert.IsType<TcpHeaderState>(p.Tcp);
            Assert.Equal(Mss, h.Length);
            Assert.True(new SequenceNumber(h.Seq) - new SequenceNumber(tcb.SndUna) >= 0, $"packet {p.Id}: seq {h.Seq} below SND.UNA {tcb.SndUna}");
            Assert.True(new SequenceNumber(tcb.SndMax) - (new SequenceNumber(h.Seq) + h.Length) >= 0, $"packet {p.Id}: beyond SND.MAX");
        }
    }

    [Fact]
    public void Routing_tables_hold_the_connected_prefix_of_every_interface()
    {
        var network = RunTo(At);
        foreach (var name in new[] { "h1", "r1", "r2", "h2" })
        {
            var s = NodeInspector.Inspect(network[name], At);
            foreach (var i in s.Interfaces)
                Assert.Contains(s.Routing.Routes, r => r.Prefix == i.Subnet && r.Origin == "connected" && r.Interface == i.Index && r.NextHop is null);
        }

        // A single-homed host has a default route through its neighbour and nothing shared; a router in
        // computed mode reaches the far subnet through the shared routes, via the next router.
        var h1 = NodeInspector.Inspect(network["h1"], At);
        Assert.False(h1.Routing.ConsultsComputedRoutes);
        Assert.Contains(h1.Routing.Routes, r => r.Prefix == "0.0.0.0/0" && r.NextHop == "10.0.1.2");
        var r1 = NodeInspector.Inspect(network["r1"], At);
        Assert.True(r1.Routing.ConsultsComputedRoutes);
        var far = Assert.Single(r1.Routing.Computed);
        Assert.Equal(("10.0.3.0/24", "10.0.2.2"), (far.Prefix, far.NextHop));
        Assert.Equal(r1.Interfaces.Single(i => i.Peer == "r2").Index, far.Interface);
    }

    [Fact]
    public void Two_times_give_different_tcp_variables()
    {
        var network = NetworkBuilder.Build(ScenarioRuns.Load("tcp-bottleneck.conf"));
        var run = new PausableRun(network);
        run.RunUntil(At);
        var early = NodeInspector.Inspect(network["h1"], At).Sockets.TcpConnections.Single().Tcb!;
        var later = SimTime.FromMilliseconds(2500);
        run.RunUntil(later);
        var late = NodeInspector.Inspect(network["h1"], later).Sockets.TcpConnections.Single().Tcb!;

        // The bottleneck never idles, so 0.5 s later about 0.5 s × 833 packets/s more were acknowledged.
        Assert.True(new SequenceNumber(late.SndUna) - new SequenceNumber(early.SndUna) > 100 * Mss,
            $"SND.UNA moved {new SequenceNumber(late.SndUna) - new SequenceNumber(early.SndUna)} B in 0.5 s");
        Assert.True(late.BytesAcked > early.BytesAcked);
        Assert.True(late.SegmentsSent > early.SegmentsSent);
    }
}
