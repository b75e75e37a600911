namespace ActorNet.Core.Tcp;

/// <summary>
/// The connection states of RFC 9293 §3.3.2 (figure 5). LISTEN is not here: a listening socket is
/// the host's business, which creates a connection in SYN-RECEIVED from the SYN it receives
/// (<see cref="TcpConnection.Accept"/>).
/// </summary>
public enum TcpState
{
    Closed,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
}

public static class TcpStateNames
{
    /// <summary>The RFC's spelling: SYN-RECEIVED, FIN-WAIT-1, TIME-WAIT.</summary>
    public static string ToRfcName(this TcpState s) => s switch
    {
        TcpState.Closed => "CLOSED",
        TcpState.SynSent => "SYN-SENT",
        TcpState.SynReceived => "SYN-RECEIVED",
        TcpState.Established => "ESTABLISHED",
        TcpState.FinWait1 => "FIN-WAIT-1",
        TcpState.FinWait2 => "FIN-WAIT-2",
        TcpState.CloseWait => "CLOSE-WAIT",
        TcpState.Closing => "CLOSING",
        TcpState.LastAck => "LAST-ACK",
        TcpState.TimeWait => "TIME-WAIT",
        _ => s.ToString(),
    };
}
