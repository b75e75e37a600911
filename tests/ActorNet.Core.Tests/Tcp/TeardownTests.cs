using ActorNet.Core.Packets;
using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>RFC 9293 §3.6 (figure 12 normal close, figure 13 simultaneous close), §3.10.4, TIME-WAIT.</summary>
public class TeardownTests
{
    private static SimTime Ms(long ms) => SimTime.FromMilliseconds(ms);
    private static SimTime S(long s) => SimTime.FromSeconds(s);

    [Fact]
    public void Teardown_active_closer_passes_fin_wait_states_and_passive_closer_close_wait_and_last_ack()
    {
        var net = new TcpTestNet();
        var data = TcpTestNet.Pattern(5000);
        net.Transfer(data);
        net.RunUntil(S(1));

        Assert.Equal(data, net.Server.Received);
        Assert.Equal([TcpState.SynSent, TcpState.Established, TcpState.FinWait1, TcpState.FinWait2, TcpState.TimeWait], net.Client.States);
        Assert.Equal([TcpState.SynReceived, TcpState.Established, TcpState.CloseWait, TcpState.LastAck, TcpState.Closed], net.Server.States);
        Assert.True(net.Server.Has(TcpEvent.RemoteClosed));
        Assert.True(net.Client.Has(TcpEvent.RemoteClosed));
        Assert.Equal(TcpEvent.Closed, net.Server.Events[^1].Event);
        Assert.Equal(1, net.Server.Events.Count(e => e.Event == TcpEvent.Closed));
        Assert.DoesNotContain(net.Client.Events, e => e.Event == TcpEvent.Closed); // still in TIME-WAIT
    }

    [Fact]
    public void TimeWait_lasts_two_msl_then_closed()
    {
        var net = new TcpTestNet(TcpSettings.Default with { Msl = S(5) });
        net.Transfer(TcpTestNet.Pattern(100));
        net.RunUntil(S(1));
        Assert.Equal(TcpState.TimeWait, net.ClientConn.State);
        // The client enters TIME-WAIT when the server's FIN arrives: the last segment the server sent.
        var finArrives = net.ToClient.Sent[^1].At + Ms(10);
        Assert.True(net.ToClient.Sent[^1].Segment.Has(TcpFlags.Fin));
        Assert.Equal(finArrives + S(10), net.ClientConn.TimerDeadline(TcpTimer.TimeWait));
        net.RunUntil(finArrives + S(10) - SimTime.FromNanoseconds(1));
        Assert.Equal(TcpState.TimeWait, net.ClientConn.State);
        net.RunUntil(finArrives + S(10));
        Assert.Equal(TcpState.Closed, net.ClientConn.State);
        Assert.Equal((finArrives + S(10), TcpEvent.Closed), net.Client.Events[^1]);
    }

    // What config/hostile-link.conf shows: the server has deleted its TCB (LAST-ACK → CLOSED) when a copy of the
    // client's last ACK (the link duplicated it) reaches it. As a closed port it answers <SEQ=SEG.ACK><CTL=RST>
    // (RFC 9293 §3.10.7.1), and SEG.ACK is the client's RCV.NXT, so the RST is acceptable in TIME-WAIT and ends it
    // (§3.10.7.4: "enter the CLOSED state, delete the TCB"; RFC 1337's TIME-WAIT protection is not done, as Linux
    // by default). Here: the copy is sent at 1 s, reaches the server at 1.010 s, its RST the client at 1.020 s,
    // long before the 2·MSL = 10 s would end TIME-WAIT. The app hears Closed (no Reset: the connection was done).
    [Fact]
    public void TimeWait_ends_early_on_a_rst_from_the_closed_peer()
    {
        var net = new TcpTestNet(TcpSettings.Default with { Msl = S(5) });
        net.Transfer(TcpTestNet.Pattern(100));
        net.RunUntil(S(1));
        Assert.Equal(TcpState.TimeWait, net.ClientConn.State);
        Assert.Equal(TcpState.Closed, net.ServerConn.State);
        var lastAck = net.ToServer.Sent[^1].Segment;
        Assert.Equal(net.ClientConn.RcvNxt, lastAck.Acknowledgment);

        net.ToServer.Transmit(lastAck, net.Server.Deliver);   // the duplicate
        net.RunUntil(S(2));
        var rst = net.ToClient.Sent[^1];
        Assert.Equal(S(1) + Ms(10), rst.At);
        Assert.True(rst.Segment.Has(TcpFlags.Rst));
        Assert.Equal(net.ClientConn.RcvNxt, rst.Segment.Sequence);
        Assert.Equal(TcpState.Closed, net.ClientConn.State);
        Assert.Equal((S(1) + Ms(20), TcpEvent.Closed), net.Client.Events[^1]);
        Assert.False(net.Client.Has(TcpEvent.Reset));
    }

    [Fact]
    public void TimeWait_acknowledges_a_retransmitted_fin_and_restarts_two_msl()
    {
        var net = new TcpTestNet(TcpSettings.Default with { Msl = S(5) });
        bool droppedOne = false;
        // Drop the client's ACK of the server's FIN once: the server retransmits its FIN after its RTO.
        net.ToServer.Drop = s => net.ClientConn.State == TcpState.TimeWait && !droppedOne && (droppedOne = true);
        net.Transfer(TcpTestNet.Pattern(100));
        net.RunUntil(S(3));
        var fins = net.ToClient.Sent.Where(s => s.Segment.Has(TcpFlags.Fin)).ToList();
        Assert.Equal(2, fins.Count);
        Assert.Equal(TcpState.TimeWait, net.ClientConn.State);
        Assert.Equal(fins[1].At + Ms(10) + S(10), net.ClientConn.TimerDeadline(TcpTimer.TimeWait));
        net.RunUntil(S(20));
        Assert.Equal(TcpState.Closed, net.ClientConn.State);
        Assert.Equal(TcpState.Closed, net.ServerConn.State);
    }

    [Fact]
    public void Teardown_simultaneous_close_goes_through_closing_on_both_sides()
    {
        var net = new TcpTestNet();
        net.Client.CloseOnRemoteClosed = net.Server.CloseOnRemoteClosed = false;
        net.Open();
        net.RunUntil(Ms(100));
        net.ClientConn.Shutdown(net.Loop.Now);
        net.ServerConn.Shutdown(net.Loop.Now);
        Assert.Equal(TcpState.FinWait1, net.ClientConn.State);
        Assert.Equal(TcpState.FinWait1, net.ServerConn.State);
        net.RunFor(Ms(10));
        Assert.Equal(TcpState.Closing, net.ClientConn.State);
        Assert.Equal(TcpState.Closing, net.ServerConn.State);
        net.RunFor(Ms(10));
        Assert.Equal(TcpState.TimeWait, net.ClientConn.State);
        Assert.Equal(TcpState.TimeWait, net.ServerConn.State);
        net.RunFor(S(61));
        Assert.Equal(TcpState.Closed, net.ClientConn.State);
        Assert.Equal(TcpState.Closed, net.ServerConn.State);
    }

    [Fact]
    public void Teardown_half_close_lets_the_other_side_keep_sending()
    {
        var net = new TcpTestNet();
        var reply = TcpTestNet.Pattern(20_000, seed: 3);
        net.Server.ToSend = reply;
        net.Server.ShutdownWhenSent = true;
        net.Server.CloseOnRemoteClosed = false;
        net.Transfer(TcpTestNet.Pattern(10)); // the client sends 10 bytes and shuts down at once
        net.RunUntil(S(2));
        Assert.Equal(reply, net.Client.Received);
        Assert.Equal(TcpState.TimeWait, net.ClientConn.State);
        Assert.Equal(TcpState.Closed, net.ServerConn.State);
    }

    [Fact]
    public void Close_with_unread_data_resets_the_connection()
    {
        // RFC 1122 §4.2.2.13: CLOSE while received data is pending sends a RST.
        var net = new TcpTestNet();
        net.Server.AutoRead = false;
        net.Transfer(TcpTestNet.Pattern(3000), shutdown: false);
        net.RunUntil(Ms(200));
        Assert.Equal(3000, net.ServerConn.BytesReadable);
        net.ServerConn.Close(net.Loop.Now);
        Assert.Equal(TcpState.Closed, net.ServerConn.State);
        Assert.True(net.ToClient.Sent[^1].Segment.Has(TcpFlags.Rst));
        net.RunFor(Ms(20));
        Assert.True(net.Client.Has(TcpEvent.Reset));
        Assert.Equal(TcpState.Closed, net.ClientConn.State);
    }

    [Fact]
    public void Shutdown_in_syn_sent_deletes_the_connection()
    {
        var net = new TcpTestNet().Open();
        net.ClientConn.Shutdown(SimTime.Zero);
        Assert.Equal(TcpState.Closed, net.ClientConn.State);
        Assert.Equal(TcpEvent.Closed, net.Client.Events[^1].Event);
    }
}
