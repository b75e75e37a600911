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
}
