namespace ActorNet.Core.Tcp;

/// <summary>What a connection tells its application (the host turns these into socket events).</summary>
public enum TcpEvent
{
    /// <summary>ESTABLISHED reached (active or passive open).</summary>
    Connected,
    /// <summary>New in-order bytes can be read.</summary>
    DataAvailable,
    /// <summary>Send-buffer space freed after a <see cref="TcpConnection.Send(ReadOnlySpan{byte}, Time.SimTime)"/> accepted fewer bytes than offered.</summary>
    Writable,
    /// <summary>The peer's FIN arrived in order: every byte the peer will send is readable (end of stream).</summary>
    RemoteClosed,
    /// <summary>A RST arrived in a synchronized state (RFC 9293 §3.10.7.4, "connection reset").</summary>
    Reset,
    /// <summary>A RST answered our SYN (RFC 9293 §3.10.7.3, "connection refused").</summary>
    Refused,
    /// <summary>The SYN or data retransmission limit was reached (RFC 9293 §3.8.3, R2).</summary>
    TimedOut,
    /// <summary>The connection is CLOSED and its TCB can be deleted; always the last event, exactly once.</summary>
    Closed,
}
