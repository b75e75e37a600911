using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Sockets;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Sockets;

public class SocketTests
{
    private static readonly IpAddress Peer = IpAddress.Parse("10.0.2.2");

    [Fact]
    public void A_udp_socket_stamps_its_port_on_what_its_app_sends()
    {
        var socket = new UdpSocket(49152);
        var actions = new SocketActionList();
        socket.Handle(new UdpSendRequested(Peer, 9, 100, 17, null), SimTime.Zero, actions);

        var send = Assert.IsType<SendPayload>(Assert.Single(Enumerable.Range(0, actions.Count).Select(i => actions[i])));
        Assert.Equal(Peer, send.Destination);
        Assert.Equal(17, send.Ttl);
        Assert.Equal(new UdpDatagram(49152, 9, 100), send.Payload);
        Assert.Equal(1, socket.DatagramsSent);
    }

    [Fact]
    public void A_udp_socket_hands_what_arrives_to_its_app_in_order()
    {
        var socket = new UdpSocket(9);
        var actions = new SocketActionList();
        var a = Packet(1, new UdpDatagram(5000, 9, 10));
        var b = Packet(2, new UdpDatagram(5000, 9, 20));
        socket.Handle(new PacketArrived(a), SimTime.Zero, actions);
        socket.Handle(new PacketArrived(b), SimTime.Zero, actions);

        Assert.Equal([a, b], Enumerable.Range(0, actions.Count).Select(i => ((DeliverPacket)actions[i]).Packet));
        Assert.Equal(2, socket.DatagramsReceived);
    }

    [Fact]
    public void An_echo_socket_sends_requests_with_its_own_identifier()
    {
        var socket = new IcmpEchoSocket(77);
        var actions = new SocketActionList();
        socket.Handle(new EchoRequested(Peer, 3, 56, 64), SimTime.Zero, actions);

        var echo = Assert.IsType<IcmpMessage>(((SendPayload)actions[0]).Payload);
        Assert.Equal((IcmpKind.EchoRequest, (ushort)77, (ushort)3, 56), (echo.Kind, echo.Identifier, echo.Sequence, echo.DataLength));
    }

    [Fact]
    public void A_socket_refuses_an_input_it_does_not_speak()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new UdpSocket(9).Handle(new EchoRequested(Peer, 1, 0, 64), SimTime.Zero, new SocketActionList()));
        Assert.Contains("udp:9", ex.Message);
    }

    private static Packet Packet(long id, TransportPayload payload) => new()
    {
        Id = id,
        Source = Peer,
        Destination = IpAddress.Parse("10.0.1.2"),
        Payload = payload,
    };
}
