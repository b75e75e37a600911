using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Randomness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Apps;

/// <summary>
/// An application on a host. It sees the network only through <see cref="IAppContext"/> (sockets,
/// timers) and is driven by its host one callback at a time, in event order.
/// </summary>
public interface IApp
{
    string Name { get; }
    void Start(IAppContext ctx);
    void OnTimer(IAppContext ctx, long token);
    /// <summary>A datagram for a UDP port this app bound.</summary>
    void OnUdp(IAppContext ctx, Packet packet, UdpDatagram datagram) { }
    /// <summary>An echo reply for this app's identifier, or an ICMP error about a packet this app sent.</summary>
    void OnIcmp(IAppContext ctx, Packet packet, IcmpMessage message) { }
    /// <summary>The host dropped something this app sent at once (no route, full buffer, MTU): ENOBUFS/EHOSTUNREACH.</summary>
    void OnSendRefused(IAppContext ctx) { }
    /// <summary>Something one of this app's sockets tells it (TCP: connected, accepted, bytes read or accepted, closed…).</summary>
    void OnSocketNotice(IAppContext ctx, int socket, Sockets.SocketNotice notice) { }
    AppReport Report();
}

/// <summary>
/// The socket-level services a host offers its apps (a small subset of BSD sockets, for UDP and ICMP echo).
/// Binding answers at once; a send is queued to the socket and taken after the app's callback returns
/// (the socket runs in its own turn, see <see cref="Network.Host"/>), so it returns nothing: a send the
/// host refuses comes back as <see cref="IApp.OnSendRefused"/>.
/// </summary>
public interface IAppContext
{
    SimTime Now { get; }
    string NodeName { get; }
    /// <summary>This app's own random stream (derived from the run seed and the app's name).</summary>
    RandomStream Random { get; }
    void SetTimer(SimTime at, long token);
    /// <summary>Binds a UDP port to this app; false if it is taken (address in use).</summary>
    bool BindUdp(ushort port);
    /// <summary>Binds a free port from the ephemeral range (RFC 6335: 49152–65535).</summary>
    ushort BindEphemeralUdp();
    /// <summary>Claims an ICMP echo identifier so replies come back to this app.</summary>
    ushort AllocateEchoIdentifier();
    /// <summary>Sends a datagram from a port this app bound.</summary>
    void SendUdp(IpAddress destination, ushort sourcePort, ushort destinationPort, int dataLength, byte ttl = Packet.DefaultTtl, byte[]? data = null);
    /// <summary>A listening TCP socket on <paramref name="port"/> (RFC 9293 passive OPEN); −1 if the port is in use.</summary>
    int ListenTcp(ushort port, Sockets.TcpSocketOptions? options = null);
    /// <summary>A TCP connection to <paramref name="destination"/>:<paramref name="port"/> from an ephemeral port (active OPEN); events follow as notices.</summary>
    int ConnectTcp(IpAddress destination, ushort port, Sockets.TcpSocketOptions? options = null);
    /// <summary>Offers bytes to a connection's send buffer; a <see cref="Sockets.TcpSendAccepted"/> notice says how many it took.</summary>
    /// <param name="immutable">The app will never change <paramref name="data"/>: TCP sends slices of it instead of a copy.</param>
    void SendTcp(int socket, ReadOnlyMemory<byte> data, bool immutable = false);
    /// <summary>Asks for up to <paramref name="maxBytes"/> in-order bytes; they come as a <see cref="Sockets.TcpDataRead"/> notice.</summary>
    void ReadTcp(int socket, int maxBytes);
    void CloseTcp(int socket, Sockets.TcpCloseKind kind);
    /// <summary>The local port of one of this app's TCP sockets.</summary>
    ushort TcpLocalPort(int socket);
    /// <summary>Sends an echo request with an identifier this app allocated.</summary>
    void SendEchoRequest(IpAddress destination, ushort identifier, ushort sequence, int dataLength, byte ttl = Packet.DefaultTtl);
}
