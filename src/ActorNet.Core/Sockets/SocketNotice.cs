using ActorNet.Core.Addressing;
using ActorNet.Core.Tcp;

namespace ActorNet.Core.Sockets;

/// <summary>What a socket tells its app (the app gets it through <see cref="Apps.IApp.OnSocketNotice"/>).</summary>
public abstract record SocketNotice;

/// <summary>A connection event (RFC 9293 user notifications): connected, data available, writable, remote closed, reset, refused, timed out, closed.</summary>
public sealed record TcpStateNotice(TcpEvent Event) : SocketNotice;

/// <summary>In-order bytes read for the app (after a read request, or at once with auto-read).</summary>
public sealed record TcpDataRead(ReadOnlyMemory<byte> Data) : SocketNotice;

/// <summary>How many bytes of a send request the send buffer took (the rest must be offered again when writable).</summary>
public sealed record TcpSendAccepted(int Bytes, int Offered) : SocketNotice;

/// <summary>A listening socket's new connection, established (the app can use <paramref name="Connection"/> from now on).</summary>
public sealed record TcpAccepted(int Connection, IpAddress Remote, ushort RemotePort) : SocketNotice;
