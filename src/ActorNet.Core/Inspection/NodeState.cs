namespace ActorNet.Core.Inspection;

// What `actornet inspect` shows of one node at one virtual time: plain immutable values read from a
// paused Node by NodeInspector, so they can be printed (NodeStateText), written as JSON (NodeStateJson)
// and compared. The conventions are summary.json's (docs/OUTPUT.md): addresses, prefixes, kinds and
// states as text, times as whole nanoseconds in fields ending in Ns, sizes in bytes, sequence numbers
// as the raw 32-bit values on the wire. The pending events of the node are not here: the engine holds
// them, not the node.

/// <summary>A node's state at <see cref="AtNs"/>: interfaces, routes, output ports, sockets, apps and counters.</summary>
/// <param name="Kind">"host" or "router".</param>
/// <param name="Sockets">Empty lists for a router (routers have no sockets).</param>
/// <param name="Apps">In the order they were installed; empty for a router.</param>
public sealed record NodeState(
    string Name,
    string Kind,
    long AtNs,
    IReadOnlyList<InterfaceState> Interfaces,
    RoutingState Routing,
    IReadOnlyList<PortState> Ports,
    SocketsState Sockets,
    IReadOnlyList<AppState> Apps,
    NodeCounters Counters);

/// <summary>One interface: its address on its link's subnet, and the link it sends on.</summary>
/// <param name="Subnet">The link's subnet as a prefix, e.g. "10.0.1.0/24".</param>
/// <param name="Peer">The node at the other end of the link.</param>
public sealed record InterfaceState(
    int Index,
    string Name,
    string Address,
    string Subnet,
    int Mtu,
    string Link,
    string Peer,
    string PeerAddress,
    long RateBitsPerSecond,
    long DelayNs);

/// <summary>
/// The node's own routing table and, in computed mode, what the shared computed routes answer for it.
/// A lookup takes the longer of the two matches; on equal length the node's own route wins.
/// </summary>
/// <param name="ConsultsComputedRoutes">True when lookups also consult the shared computed routes.</param>
/// <param name="Computed">One entry per subnet the shared routes reach (empty when not consulted).</param>
public sealed record RoutingState(
    IReadOnlyList<RouteState> Routes,
    bool ConsultsComputedRoutes,
    IReadOnlyList<RouteState> Computed);

/// <summary>One route: packets for <see cref="Prefix"/> leave by <see cref="Interface"/>, to <see cref="NextHop"/> (null: on the link itself).</summary>
/// <param name="Origin">"connected", "static" or "computed".</param>
public sealed record RouteState(string Prefix, string Origin, int Interface, string InterfaceName, string? NextHop);

/// <summary>
/// An output port: a drop-tail buffer in front of a transmitter. The limit and the queued counts are of
/// packets waiting; the packet being serialized (<see cref="OnWire"/>) is not in the buffer.
/// </summary>
/// <param name="LimitPackets">0: no packet limit.</param>
/// <param name="LimitBytes">0: no byte limit.</param>
/// <param name="QueuedPackets">Packets waiting; <see cref="Waiting"/> lists every one of them, head first.</param>
/// <param name="TransmittingUntilNs">When the transmission in progress ends; null when idle.</param>
/// <param name="Enqueued">Packets the buffer accepted (a packet that found the transmitter idle never enters it).</param>
/// <param name="Transmitted">Transmissions started (a packet on the wire counts).</param>
public sealed record PortState(
    int Interface,
    string InterfaceName,
    string Link,
    long RateBitsPerSecond,
    int LimitPackets,
    long LimitBytes,
    int QueuedPackets,
    long QueuedBytes,
    bool Transmitting,
    long? TransmittingUntilNs,
    PacketState? OnWire,
    IReadOnlyList<PacketState> Waiting,
    long Enqueued,
    long DroppedQueueFull,
    long DroppedMtu,
    long Transmitted,
    long TransmittedBytes,
    int PeakPackets,
    long PeakBytes);

/// <summary>One packet in a port: IP header fields, its size on the wire, and the transport header.</summary>
/// <param name="Protocol">"tcp", "udp", "icmp" or "icmpv6".</param>
/// <param name="SizeBytes">IP header + transport header + data.</param>
/// <param name="Detail">The transport header in one line, e.g. "UDP 49152->9 len=1000" or "echo-request id=7 seq=3".</param>
/// <param name="Tcp">TCP header fields; null for other protocols.</param>
public sealed record PacketState(long Id, string Source, string Destination, string Protocol, int SizeBytes, int Ttl, string Detail, TcpHeaderState? Tcp);

/// <summary>A TCP segment's header as it travels (RFC 9293 §3.1).</summary>
/// <param name="Flags">S, F, R, P and "." (ACK), in tcpdump's order, e.g. "." or "S.".</param>
/// <param name="Length">Data bytes (SEG.LEN without SYN and FIN).</param>
/// <param name="Window">The raw 16-bit window field (before the receiver's scaling).</param>
public sealed record TcpHeaderState(int SourcePort, int DestinationPort, uint Seq, uint Ack, string Flags, int Length, int Window, int SackBlocks);

/// <summary>The sockets of a host, by kind, each list in socket order (a socket's number is its index in the host).</summary>
public sealed record SocketsState(
    IReadOnlyList<UdpSocketState> Udp,
    IReadOnlyList<EchoSocketState> IcmpEcho,
    IReadOnlyList<TcpListenerState> TcpListeners,
    IReadOnlyList<TcpConnectionState> TcpConnections);

public sealed record UdpSocketState(int Socket, string App, int LocalPort, long DatagramsSent, long DatagramsReceived);

public sealed record EchoSocketState(int Socket, string App, int Identifier);

/// <summary>
/// A listening socket. The model has no backlog: every SYN that reaches a listener gets its own
/// connection at once (SYN-RECEIVED), so there is no accept queue to show.
/// </summary>
public sealed record TcpListenerState(int Socket, string App, int LocalPort, long SynsAccepted);

/// <summary>One TCP connection end (a TCB, RFC 9293 §3.3.1).</summary>
/// <param name="Local">"address:port".</param>
/// <param name="Passive">True when a listener made it for a SYN.</param>
/// <param name="State">RFC 9293's name: "ESTABLISHED", "SYN-SENT", "FIN-WAIT-1"…; "CLOSED" also before its first turn.</param>
/// <param name="Tcb">The connection's variables; null before the socket's first turn created the connection.</param>
public sealed record TcpConnectionState(
    int Socket,
    string App,
    string Local,
    string Remote,
    bool Passive,
    string State,
    string CongestionControl,
    long? OpenedAtNs,
    long? EstablishedAtNs,
    TcpControlBlockState? Tcb);

/// <summary>
/// The variables of one connection. Sequence numbers are raw (modulo 2^32); <see cref="Iss"/> and
/// <see cref="Irs"/> give them a zero. Windows, cwnd and ssthresh are in bytes.
/// </summary>
/// <param name="SndMax">Highest sequence number sent + 1 (SND.NXT falls back to SND.UNA after a timeout).</param>
/// <param name="SndWnd">SND.WND, scaled.</param>
/// <param name="Ssthresh">Null while still "arbitrarily high" (RFC 5681 §3.1: no loss yet).</param>
/// <param name="InRecovery">Fast recovery (RFC 5681 / RFC 6582) or, with SACK, RFC 6675 loss recovery.</param>
/// <param name="Outstanding">SND.MAX − SND.UNA: sent and not yet cumulatively acknowledged.</param>
/// <param name="SrttNs">Null before the first RTT sample (RFC 6298 (2.1)).</param>
/// <param name="RtoNs">The RTO the retransmission timer would be armed with now, backoff included.</param>
/// <param name="Backoffs">Doublings of the RTO since the last valid RTT sample (RFC 6298 (5.5)).</param>
/// <param name="SendBufferBytes">Bytes the app gave and the peer has not acknowledged.</param>
/// <param name="ReceiveBufferBytes">In-order bytes the app has not read.</param>
/// <param name="OutOfOrderBytes">Bytes held beyond RCV.NXT waiting for a hole to fill.</param>
/// <param name="DuplicateAcks">Duplicate ACKs counted now towards fast retransmit.</param>
/// <param name="DuplicateAcksReceived">Every duplicate ACK so far.</param>
/// <param name="SackScoreboardRanges">SACKed ranges held by the sender's scoreboard; null without SACK.</param>
/// <param name="Timers">The armed timers with their deadlines.</param>
public sealed record TcpControlBlockState(
    uint Iss,
    uint Irs,
    uint SndUna,
    uint SndNxt,
    uint SndMax,
    long SndWnd,
    uint RcvNxt,
    long RcvWnd,
    int Mss,
    int SendWindowShift,
    int ReceiveWindowShift,
    long Cwnd,
    long? Ssthresh,
    bool InSlowStart,
    bool InRecovery,
    long Outstanding,
    long? SrttNs,
    long RttvarNs,
    long RtoNs,
    int Backoffs,
    int ConsecutiveTimeouts,
    int SendBufferBytes,
    int SendBufferFree,
    int ReceiveBufferBytes,
    int OutOfOrderBytes,
    int DuplicateAcks,
    long DuplicateAcksReceived,
    bool SackPermitted,
    int? SackScoreboardRanges,
    long? SackedBytes,
    long SegmentsSent,
    long SegmentsReceived,
    long BytesSent,
    long BytesAcked,
    long BytesReceived,
    long BytesRetransmitted,
    long FastRetransmissions,
    long TimeoutRetransmissions,
    long RetransmissionTimeouts,
    long FastRecoveries,
    IReadOnlyList<TimerState> Timers);

/// <param name="Timer">"retransmission", "persist", "delayed-ack" or "time-wait".</param>
public sealed record TimerState(string Timer, long DeadlineNs);

/// <summary>An app and the counters its report exposes (values as text: counts, addresses, outcomes).</summary>
public sealed record AppState(int Index, string Name, string Type, IReadOnlyList<AppCounter> Counters);

public sealed record AppCounter(string Name, string Value);

/// <summary>The node's own counters. Link losses are the outgoing channels' counts, as in the run summary.</summary>
/// <param name="Drops">Every drop reason in a fixed order, zeros included.</param>
public sealed record NodeCounters(
    long EventsHandled,
    long Received,
    long Forwarded,
    long Delivered,
    long Originated,
    IReadOnlyList<DropCount> Drops);

/// <param name="Reason">As summary.json names it: "queue-full", "link-loss", "no-route"…</param>
public sealed record DropCount(string Reason, long Packets);
