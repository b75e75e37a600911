using ActorNet.Core.Packets;
using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>RFC 9293 §3.10.7 RST rules, RFC 5961 §3–4 challenge ACKs, §3.10.5 ABORT.</summary>
public class ResetTests
{
    private static SimTime Ms(long ms) => SimTime.FromMilliseconds(ms);

    /// <summary>An established pair after the handshake (client ISS 1000, server ISS 5000).</summary>
    private static TcpTestNet Established()
    {
        var net = new TcpTestNet();
        net.Client.CloseOnRemoteClosed = net.Server.CloseOnRemoteClosed = false;
        net.Open();
        net.RunUntil(Ms(100));
        return net;
    }

    private static TcpSegment Rst(uint seq) => new(TcpTestNet.ServerPort, TcpTestNet.ClientPort, new SequenceNumber(seq), default, TcpFlags.Rst, 0);

    [Fact]
    public void ResetInWindow_exactly_at_rcv_nxt_resets_the_connection()
    {
        var net = Established();
        net.ClientConn.OnSegment(Rst(5001), net.Loop.Now);
        Assert.Equal(TcpState.Closed, net.ClientConn.State);
        Assert.Equal([TcpEvent.Reset, TcpEvent.Closed], net.Client.Events.Skip(1).Select(e => e.Event));
    }

    [Fact]
    public void ResetInWindow_but_not_at_rcv_nxt_gets_a_challenge_ack()
    {
        var net = Established();
        int before = net.ToServer.Sent.Count;
        net.ClientConn.OnSegment(Rst(5001 + 100), net.Loop.Now);
        Assert.Equal(TcpState.Established, net.ClientConn.State);
        var challenge = net.ToServer.Sent[before].Segment;
        Assert.Equal(TcpFlags.Ack, challenge.Flags);
        Assert.Equal(5001u, challenge.Acknowledgment.Value);
    }

    [Fact]
    public void ResetInWindow_rule_ignores_a_rst_outside_the_window()
    {
        var net = Established();
        int before = net.ToServer.Sent.Count;
        net.ClientConn.OnSegment(Rst(5001 + 1_000_000), net.Loop.Now);
        net.ClientConn.OnSegment(Rst(4000), net.Loop.Now);
        Assert.Equal(TcpState.Established, net.ClientConn.State);
        Assert.Equal(before, net.ToServer.Sent.Count); // never answer a RST
    }

    [Fact]
    public void ResetInWindow_syn_in_established_gets_a_challenge_ack()
    {
        var net = Established();
        int before = net.ToServer.Sent.Count;
        var syn = new TcpSegment(TcpTestNet.ServerPort, TcpTestNet.ClientPort, new SequenceNumber(5001), default, TcpFlags.Syn, 1000);
        net.ClientConn.OnSegment(syn, net.Loop.Now);
        Assert.Equal(TcpState.Established, net.ClientConn.State);
        Assert.Equal(TcpFlags.Ack, net.ToServer.Sent[before].Segment.Flags);
    }

    [Fact]
    public void RefusedRst_closed_port_answers_a_syn_with_rst_ack_and_the_client_is_refused()
    {
        var syn = new TcpSegment(40000, 80, new SequenceNumber(1000), default, TcpFlags.Syn, 65535);
        var rst = TcpReset.ForClosedPort(syn)!;
        // §3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
        Assert.Equal(new TcpSegment(80, 40000, new SequenceNumber(0), new SequenceNumber(1001), TcpFlags.Rst | TcpFlags.Ack, 0), rst);

        var net = new TcpTestNet();
        net.Server.Listener = null; // nobody listens on port 80
        net.Open();
        net.RunUntil(Ms(100));
        Assert.Equal([TcpEvent.Refused, TcpEvent.Closed], net.Client.Events.Select(e => e.Event));
        Assert.Equal(Ms(20), net.Client.Events[0].At);
        Assert.Equal(TcpState.Closed, net.ClientConn.State);
    }

    [Fact]
    public void RefusedRst_closed_port_answers_an_ack_with_rst_at_its_ack_number()
    {
        var ack = new TcpSegment(40000, 80, new SequenceNumber(1000), new SequenceNumber(777), TcpFlags.Ack, 100, new byte[10]);
        Assert.Equal(new TcpSegment(80, 40000, new SequenceNumber(777), default, TcpFlags.Rst, 0), TcpReset.ForClosedPort(ack));
        Assert.Null(TcpReset.ForClosedPort(ack with { Flags = TcpFlags.Rst }));
    }

    [Fact]
    public void RefusedRst_in_syn_sent_needs_an_acceptable_ack()
    {
        var actions = new TcpActions();
        var c = new TcpConnection(TcpSettings.Default, 40000, 80, new SequenceNumber(1000), new FixedWindow(10), actions);
        c.Connect(SimTime.Zero);
        c.OnSegment(new TcpSegment(80, 40000, default, new SequenceNumber(999), TcpFlags.Rst | TcpFlags.Ack, 0), Ms(1));
        Assert.Equal(TcpState.SynSent, c.State); // ACK does not acknowledge the SYN: ignored
        c.OnSegment(new TcpSegment(80, 40000, default, default, TcpFlags.Rst, 0), Ms(1));
        Assert.Equal(TcpState.SynSent, c.State); // no ACK at all: ignored
        c.OnSegment(new TcpSegment(80, 40000, default, new SequenceNumber(1001), TcpFlags.Rst | TcpFlags.Ack, 0), Ms(2));
        Assert.Equal(TcpState.Closed, c.State);
        Assert.Contains(TcpEvent.Refused, actions.Events);
    }

    [Fact]
    public void Abort_sends_rst_and_the_peer_is_reset()
    {
        var net = Established();
        net.ClientConn.Abort(net.Loop.Now);
        Assert.Equal(TcpState.Closed, net.ClientConn.State);
        var rst = net.ToServer.Sent[^1].Segment;
        Assert.Equal(TcpFlags.Rst, rst.Flags);
        Assert.Equal(1001u, rst.Sequence.Value);
        net.RunFor(Ms(20));
        Assert.Equal(TcpState.Closed, net.ServerConn.State);
        Assert.Equal([TcpEvent.Connected, TcpEvent.Reset, TcpEvent.Closed], net.Server.Events.Select(e => e.Event));
    }

    [Fact]
    public void ResetInWindow_segment_to_a_deleted_connection_is_answered_with_rst()
    {
        // A half-open connection (RFC 9293 §3.5.2): the server forgot the connection; the client's data meets a RST.
        var net = Established();
        net.Server.Conn = null;
        net.Server.Listener = null;
        net.ClientConn.Send(new byte[100], net.Loop.Now);
        net.RunFor(Ms(50));
        Assert.Equal(TcpState.Closed, net.ClientConn.State);
        Assert.True(net.Client.Has(TcpEvent.Reset));
    }
}
