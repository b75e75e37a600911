using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;

namespace ActorNet.Core.Sockets;

/// <summary>One input to a socket's turn: an app's call, or something the network brought.</summary>
public abstract record SocketInput;

/// <summary>App → UDP socket: send a datagram (BSD sendto).</summary>
public sealed record UdpSendRequested(IpAddress Destination, ushort DestinationPort, int DataLength, byte Ttl, byte[]? Data) : SocketInput;

/// <summary>App → ICMP echo socket: send an echo request (ping).</summary>
public sealed record EchoRequested(IpAddress Destination, ushort Sequence, int DataLength, byte Ttl) : SocketInput;

/// <summary>Network → socket: a packet the host's demultiplexer matched to this socket.</summary>
public sealed record PacketArrived(Packet Packet) : SocketInput;

/// <summary>App → TCP socket: active open (RFC 9293 §3.10.1; the socket knows its peer).</summary>
public sealed record TcpConnectRequested : SocketInput
{
    public static readonly TcpConnectRequested Instance = new();
}

/// <summary>
/// App → TCP socket: queue bytes (the socket answers with a <see cref="TcpSendAccepted"/> notice). With
/// <paramref name="Immutable"/> the app promises never to change that memory, and segments are slices of it (no copy).
/// </summary>
public sealed record TcpSendRequested(ReadOnlyMemory<byte> Data, bool Immutable = false) : SocketInput;

/// <summary>App → TCP socket: read up to <paramref name="MaxBytes"/> in-order bytes (answered with <see cref="TcpDataRead"/>).</summary>
public sealed record TcpReadRequested(int MaxBytes) : SocketInput;

/// <summary>App → TCP socket: shutdown(SHUT_WR), close() or abort (RST).</summary>
public sealed record TcpCloseRequested(TcpCloseKind Kind) : SocketInput;

public enum TcpCloseKind
{
    /// <summary>Half-close: FIN after the queued data; reading goes on (RFC 9293 §3.10.4, RFC 1122 §4.2.2.13).</summary>
    Shutdown,
    /// <summary>No more sending or reading.</summary>
    Close,
    /// <summary>RST now (RFC 9293 §3.10.5).</summary>
    Abort,
}

/// <summary>Host → socket: a timer the socket set has come (<paramref name="Timer"/> is the socket's own number).</summary>
public sealed record SocketTimerFired(int Timer) : SocketInput;

/// <summary>A socket input and the socket it is for (a host queues these during its step, in order).</summary>
public readonly record struct SocketCall(int Socket, SocketInput Input);
