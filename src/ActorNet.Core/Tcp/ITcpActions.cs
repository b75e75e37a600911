using ActorNet.Core.Packets;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp;

/// <summary>
/// Where a <see cref="TcpConnection"/> puts everything it decides to do while handling one input.
/// Calls arrive in the order the connection made them, during the input call; the implementation
/// must not call back into the connection from inside these methods (queue, then act).
/// </summary>
public interface ITcpActions
{
    /// <summary>Transmit this segment to the peer (the host adds the IP header).</summary>
    void Send(TcpSegment segment);

    /// <summary>
    /// Arm <paramref name="timer"/> to fire at <paramref name="deadline"/> (absolute), replacing any
    /// earlier deadline of that kind. A host may leave the old event in its queue: the connection
    /// ignores a firing that does not match the armed deadline.
    /// </summary>
    void SetTimer(TcpTimer timer, SimTime deadline);

    /// <summary>Disarm <paramref name="timer"/> (again: a stale firing is ignored anyway).</summary>
    void CancelTimer(TcpTimer timer);

    /// <summary>Tell the application.</summary>
    void Notify(TcpEvent e);
}
