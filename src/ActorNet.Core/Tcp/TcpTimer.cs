namespace ActorNet.Core.Tcp;

/// <summary>
/// The timers of one connection; at most one of each kind is armed (setting one replaces it).
/// </summary>
public enum TcpTimer
{
    /// <summary>RFC 6298 §5: retransmission of SYN, SYN-ACK, data or FIN.</summary>
    Retransmission = 0,
    /// <summary>RFC 9293 §3.8.6.1: zero-window probes (and the sender-SWS override, §3.8.6.2.1).</summary>
    Persist = 1,
    /// <summary>RFC 9293 §3.8.6.3, RFC 1122 §4.2.3.2: the latest moment a delayed ACK goes out.</summary>
    DelayedAck = 2,
    /// <summary>RFC 9293 §3.3.2: 2·MSL in TIME-WAIT, then CLOSED.</summary>
    TimeWait = 3,
}
