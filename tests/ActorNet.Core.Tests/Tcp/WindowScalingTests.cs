using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>RFC 7323 §2: the window scale option, negotiated only when both SYNs carry it.</summary>
public class WindowScalingTests
{
    [Theory]
    [InlineData(65535, 0)]
    [InlineData(65536, 1)]
    [InlineData(256 * 1024, 3)]
    [InlineData(1024 * 1024, 5)]
    [InlineData(int.MaxValue, 14)]
    public void WindowScaling_shift_is_the_smallest_that_fits_the_buffer(int buffer, int shift) =>
        Assert.Equal(shift, (TcpSettings.Default with { ReceiveBufferBytes = buffer }).ReceiveWindowShift);

    private static (TcpTestNet Net, WindowTrace Trace, byte[] Data) Bulk(TcpSettings client, TcpSettings server)
    {
        // A fixed cwnd of 300 segments (438 KB): only the receive window limits the sender.
        var net = new TcpTestNet(client, server, cc: () => new FixedWindow(300));
        var data = TcpTestNet.Pattern(1_000_000);
        net.Transfer(data);
        var trace = new WindowTrace();
        net.ClientConn.WindowObserver = trace;
        net.RunUntil(SimTime.FromSeconds(10));
        return (net, trace, data);
    }

    [Fact]
    public void WindowScaling_both_sides_on_lets_more_than_64_KiB_fly()
    {
        var (net, trace, data) = Bulk(TcpSettings.Default, TcpSettings.Default);
        Assert.Equal(data, net.Server.Received);
        Assert.Equal(3, net.ClientConn.SendWindowShift);
        Assert.Equal(3, net.ServerConn.ReceiveWindowShift);
        // The server's ACKs carry RCV.WND >> 3: the first (after 2 segments, before the app reads) says
        // (262,144 − 2,920) / 8 = 32,403, and the client reads it as 259,224.
        var ack = net.ToClient.Sent[1].Segment;
        Assert.Equal((262144 - 2 * 1460) / 8, ack.Window);
        Assert.True(trace.Samples.Max(s => s.BytesInFlight) > 65535);
        Assert.True(trace.Samples.Max(s => s.BytesInFlight) <= 262144);
    }

    [Fact]
    public void WindowScaling_off_on_one_side_disables_it_on_both()
    {
        var (net, trace, data) = Bulk(TcpSettings.Default, TcpSettings.Default with { WindowScaling = false });
        Assert.Equal(data, net.Server.Received);
        Assert.Null(net.ToClient.Sent[0].Segment.Options.WindowScale); // the SYN-ACK
        Assert.Equal(0, net.ClientConn.SendWindowShift);
        Assert.Equal(0, net.ServerConn.ReceiveWindowShift);
        Assert.Equal(0, net.ClientConn.ReceiveWindowShift); // the client offered 3 but may not use it
        Assert.True(trace.Samples.Max(s => s.BytesInFlight) <= 65535);
    }
}
