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

/// <summary>A socket input and the socket it is for (a host queues these during its step, in order).</summary>
public readonly record struct SocketCall(int Socket, SocketInput Input);
