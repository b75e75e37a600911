using ActorNet.Core.Packets;
using ActorNet.Core.Randomness;
using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>RFC 9293 §3.5 (figure 6, three-way handshake; figure 7, simultaneous open) and §3.7.1 MSS.</summary>
public class HandshakeTests
{
    private static SimTime Ms(long ms) => SimTime.FromMilliseconds(ms);

    [Fact]
    public void Handshake_three_segments_reach_established_on_both_sides()
    {
        var net = new TcpTestNet().Open();
        net.RunUntil(Ms(100));

        // SYN at 0, SYN-ACK at 10 ms, ACK at 20 ms: 10 ms one way.
        var toServer = net.ToServer.Sent;
        var toClient = net.ToClient.Sent;
        Assert.Equal(2, toServer.Count);
        Assert.Single(toClient);
        var syn = toServer[0].Segment;
        Assert.Equal(TcpFlags.Syn, syn.Flags);
        Assert.Equal(1000u, syn.Sequence.Value);
        Assert.Equal((ushort)1460, syn.Options.MaximumSegmentSize);
        Assert.Equal((byte)3, syn.Options.WindowScale); // 256 KiB >> 3 fits 16 bits
        Assert.True(syn.Options.SackPermitted);
        Assert.Equal((ushort)65535, syn.Window); // a SYN's window is never scaled

        var synAck = toClient[0].Segment;
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
        Assert.Equal(5000u, synAck.Sequence.Value);
        Assert.Equal(1001u, synAck.Acknowledgment.Value);
        Assert.Equal(Ms(10), toClient[0].At);

        var ack = toServer[1].Segment;
        Assert.Equal(TcpFlags.Ack, ack.Flags);
        Assert.Equal(1001u, ack.Sequence.Value);
        Assert.Equal(5001u, ack.Acknowledgment.Value);
        Assert.Equal(Ms(20), toServer[1].At);

        Assert.Equal(TcpState.Established, net.ClientConn.State);
        Assert.Equal(TcpState.Established, net.ServerConn.State);
        Assert.Equal(Ms(20), net.Client.FirstTime(TcpEvent.Connected));
        Assert.Equal(Ms(30), net.Server.FirstTime(TcpEvent.Connected));
        // Both SYNs timed: RTT 20 ms each side (RFC 6298 allows the SYN sample).
        Assert.Equal(Ms(20), net.ClientConn.RttEstimator.Srtt);
        Assert.Equal(Ms(20), net.ServerConn.RttEstimator.Srtt);
        Assert.Null(net.ClientConn.TimerDeadline(TcpTimer.Retransmission));
        Assert.Null(net.ServerConn.TimerDeadline(TcpTimer.Retransmission));
    }

    [Fact]
    public void Handshake_states_pass_through_syn_sent_and_syn_received()
    {
        var net = new TcpTestNet().Open();
        Assert.Equal(TcpState.SynSent, net.ClientConn.State);
        net.RunUntil(Ms(10));
        Assert.Equal(TcpState.SynReceived, net.ServerConn.State);
        Assert.Equal(TcpState.SynSent, net.ClientConn.State);
    }

    [Fact]
    public void Handshake_lost_syn_is_retransmitted_after_the_initial_rto()
    {
        var net = new TcpTestNet();
        int syns = 0;
        net.ToServer.Drop = s => s.Has(TcpFlags.Syn) && syns++ == 0;
        net.Open();
        net.RunUntil(SimTime.FromSeconds(2));
        Assert.Equal(SimTime.FromSeconds(1), net.ToServer.Sent[1].At); // RFC 6298 (2.1): 1 s
        Assert.Equal(TcpState.Established, net.ClientConn.State);
        // Karn: the retransmitted SYN gives no sample; RFC 6298 (5.7): RTO 3 s for the data.
        Assert.Null(net.ClientConn.RttEstimator.Srtt);
        Assert.Equal(SimTime.FromSeconds(3), net.ClientConn.Rto);
    }

    [Fact]
    public void Mss_segments_are_min_of_own_and_peer_mss()
    {
        var net = new TcpTestNet(client: TcpSettings.Default, server: TcpSettings.Default with { Mss = 1000 });
        net.Transfer(TcpTestNet.Pattern(5000));
        net.RunUntil(SimTime.FromSeconds(1));
        Assert.Equal(1000, net.ClientConn.EffectiveMss);
        Assert.Equal(1000, net.ServerConn.EffectiveMss);
        Assert.All(net.ToServer.DataSegments, s => Assert.True(s.Segment.Data.Length <= 1000));
        Assert.Equal([1000, 1000, 1000, 1000, 1000], net.ToServer.DataSegments.Select(s => s.Segment.Data.Length));
    }

    [Fact]
    public void Mss_defaults_to_536_when_the_syn_has_no_option()
    {
        var actions = new TcpActions();
        var syn = new TcpSegment(1, 2, new SequenceNumber(9), default, TcpFlags.Syn, 8192);
        var c = TcpConnection.Accept(TcpSettings.Default, syn, new SequenceNumber(77), new FixedWindow(10), actions, SimTime.Zero);
        Assert.Equal(536, c.EffectiveMss);
        // The SYN-ACK offers neither window scale nor SACK, since the SYN did not (RFC 7323 §1.3, RFC 2018 §2).
        var synAck = Assert.Single(actions.Segments);
        Assert.Null(synAck.Options.WindowScale);
        Assert.False(synAck.Options.SackPermitted);
        Assert.Equal((ushort)1460, synAck.Options.MaximumSegmentSize);
        Assert.Equal(8192, c.SndWnd);
    }

    [Fact]
    public void SimultaneousOpen_both_syns_cross_and_both_sides_establish()
    {
        // RFC 9293 figure 7: each side sends SYN, receives SYN (SYN-RECEIVED), sends SYN-ACK, receives it.
        var net = new TcpTestNet();
        var settings = TcpSettings.Default;
        net.Client.Conn = new TcpConnection(settings, 1111, 2222, new SequenceNumber(100), new FixedWindow(10), net.Client);
        net.Server.Listener = null;
        net.Server.Conn = new TcpConnection(settings, 2222, 1111, new SequenceNumber(300), new FixedWindow(10), net.Server);
        net.ClientConn.Connect(SimTime.Zero);
        net.ServerConn.Connect(SimTime.Zero);
        net.RunUntil(Ms(10));
        Assert.Equal(TcpState.SynReceived, net.ClientConn.State);
        Assert.Equal(TcpState.SynReceived, net.ServerConn.State);
        net.RunUntil(Ms(100));
        Assert.Equal(TcpState.Established, net.ClientConn.State);
        Assert.Equal(TcpState.Established, net.ServerConn.State);
        Assert.Equal(2, net.ToServer.Sent.Count); // SYN, SYN-ACK
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, net.ToServer.Sent[1].Segment.Flags);
        Assert.Equal(100u, net.ToServer.Sent[1].Segment.Sequence.Value);
        Assert.Equal(301u, net.ToServer.Sent[1].Segment.Acknowledgment.Value);
        Assert.Equal(Ms(20), net.Client.FirstTime(TcpEvent.Connected));
    }

    [Fact]
    public void Isn_comes_from_the_connection_random_stream()
    {
        var a = TcpConnection.ChooseIss(RandomStream.For(42, "tcp:h1:40000->h2:80"));
        var again = TcpConnection.ChooseIss(RandomStream.For(42, "tcp:h1:40000->h2:80"));
        var other = TcpConnection.ChooseIss(RandomStream.For(42, "tcp:h1:40001->h2:80"));
        var otherSeed = TcpConnection.ChooseIss(RandomStream.For(43, "tcp:h1:40000->h2:80"));
        Assert.Equal(a, again);
        Assert.NotEqual(a, other);
        Assert.NotEqual(a, otherSeed);
    }
}
