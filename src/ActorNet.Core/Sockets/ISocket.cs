using ActorNet.Core.Time;

namespace ActorNet.Core.Sockets;

/// <summary>
/// A socket's protocol logic (DESIGN §1, "zero-delay steps inside a node"): it owns its state, is
/// handed one input at a time by its host, and answers with the actions it takes. It never reads
/// host state, so it can live in its own actor (the actor engine) or be called in place (the
/// reference engine) with the same result. UDP and ICMP echo sockets now; TCP connections next.
/// </summary>
public interface ISocket
{
    /// <summary>A name for errors and traces: "udp:49152", "icmp-echo:7".</summary>
    string Name { get; }

    void Handle(SocketInput input, SimTime now, ISocketActions actions);
}

/// <summary>What a socket can do in one turn; the host applies the actions in the order they were taken.</summary>
public interface ISocketActions
{
    /// <summary>Hand a transport payload to IP (the host picks the source address and the packet id).</summary>
    void Send(Addressing.IpAddress destination, byte ttl, Packets.TransportPayload payload);

    /// <summary>Give a received packet (a datagram, an echo reply, an ICMP error about one of ours) to the socket's app.</summary>
    void DeliverToApp(Packets.Packet packet);

    /// <summary>
    /// Arm the socket's timer number <paramref name="timer"/> (0–7) for <paramref name="deadline"/>, replacing
    /// an earlier one: the host gives back one <see cref="SocketTimerFired"/> at that time, unless it was set
    /// again or cancelled before.
    /// </summary>
    void SetTimer(int timer, Time.SimTime deadline);

    void CancelTimer(int timer);

    /// <summary>Tell the socket's app something (connected, data read, bytes accepted, closed…).</summary>
    void Notify(SocketNotice notice);

    /// <summary>A listening socket asks the host for a new connection socket for this SYN (RFC 9293 §3.10.7.2).</summary>
    void Accept(Packets.Packet syn);
}
