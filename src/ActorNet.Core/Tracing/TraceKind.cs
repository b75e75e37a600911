namespace ActorNet.Core.Tracing;

/// <summary>What happened to a packet (the trace of the issue: send, enqueue, drop, transmit, receive, deliver).</summary>
public enum TraceKind : byte
{
    Send,
    Enqueue,
    Drop,
    Transmit,
    Receive,
    Deliver,
    Forward,
    /// <summary>The link duplicated a packet (a channel record).</summary>
    Duplicate,
}

/// <summary>Why a packet died. Every drop is counted and traced; none is silent.</summary>
public enum DropReason : byte
{
    None,
    QueueFull,
    LinkLoss,
    LinkDown,
    TtlExpired,
    NoRoute,
    PortUnreachable,
    NotForThisHost,
    MtuExceeded,
    /// <summary>
    /// A TCP segment for which the host has no connection and no listener (RFC 9293 §3.10.7.1, "CLOSED"): it is
    /// answered with a RST unless it is one. UDP's <see cref="PortUnreachable"/> is answered with ICMP instead.
    /// </summary>
    ClosedTcpPort,
}
