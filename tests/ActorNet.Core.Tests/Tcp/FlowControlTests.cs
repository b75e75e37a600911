using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>RFC 9293 §3.8.6.2.2: the receive window is the free receive buffer; a slow reader sets the pace (S7 in small).</summary>
public class FlowControlTests
{
    [Fact]
    public void FlowControl_a_slow_reader_sets_the_pace_and_the_buffer_is_never_exceeded()
    {
        // 40,000 B read 1,000 B every 50 ms: 40 reads, the last at 40 × 50 ms = 2.0 s after the reader
        // starts (t = 0), as long as the sender always keeps the 6,000 B buffer from running dry.
        var settings = TcpSettings.Default with { ReceiveBufferBytes = 6000 };
        var net = new TcpTestNet(settings, settings);
        var data = TcpTestNet.Pattern(40_000);
        net.Server.ReadPeriodically(1000, SimTime.FromMilliseconds(50));
        net.Transfer(data);
        net.RunUntil(SimTime.FromSeconds(1));
        Assert.InRange(net.Server.Received.Count, 19_000, 20_000);
        net.RunUntil(SimTime.FromSeconds(100));
        Assert.Equal(data, net.Server.Received);
        Assert.True(net.Server.PeakReadable <= 6000);
        Assert.Contains(net.ToClient.Sent, s => s.Segment.Window < 1460); // the window, not cwnd, limits the sender
        // The server's FIN follows the last read (2.0 s) and its app close; the client then waits 2·MSL.
        var serverFin = net.ToClient.Sent.Last(s => s.Segment.Has(ActorNet.Core.Packets.TcpFlags.Fin)).At;
        Assert.InRange(serverFin.Nanoseconds, SimTime.FromMilliseconds(2000).Nanoseconds, SimTime.FromMilliseconds(2050).Nanoseconds);
        Assert.Equal(TcpState.Closed, net.ServerConn.State);
    }
}
