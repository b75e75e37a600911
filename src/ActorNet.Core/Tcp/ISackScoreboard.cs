using ActorNet.Core.Packets;

namespace ActorNet.Core.Tcp;

/// <summary>
/// The seam for SACK-based loss recovery (RFC 6675). Not used by <see cref="TcpConnection"/> yet:
/// today the connection negotiates SACK (RFC 2018 §2), sends SACK blocks as a receiver (§4), hands
/// every block it receives to this scoreboard when one is given, and still recovers by duplicate
/// ACKs (RFC 5681 / RFC 6582). The RFC 6675 scoreboard of branch tcpcc implements (or is adapted
/// to) this interface; the connection then switches its recovery to IsLost/NextSeg/pipe
/// (TcpConnection.Recovery.cs marks the place).
/// </summary>
public interface ISackScoreboard
{
    /// <summary>RFC 6675 §5 "Update()": record the cumulative ACK and the SACK blocks of one ACK.</summary>
    void Update(SequenceNumber sndUna, IReadOnlyList<SackBlock> blocks);

    /// <summary>RFC 6675 §4 "IsLost(SeqNum)".</summary>
    bool IsLost(SequenceNumber seq);

    /// <summary>RFC 6675 §4 "SetPipe()": bytes believed in the network between SND.UNA and SND.MAX.</summary>
    long Pipe(SequenceNumber sndUna, SequenceNumber sndMax);

    /// <summary>RFC 6675 §4 "NextSeg()": the next range to send, or false (then send new data if allowed).</summary>
    bool TryNextSegment(SequenceNumber sndUna, SequenceNumber sndMax, int mss, out SequenceNumber seq, out int length);

    /// <summary>RFC 6675 §5.1: after a retransmission timeout the SACK information is discarded.</summary>
    void Reset();
}
