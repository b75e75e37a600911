using ActorNet.Core.Packets;

namespace ActorNet.Core.Tcp;

/// <summary>RST segments a host sends without a connection.</summary>
public static class TcpReset
{
    /// <summary>
    /// RFC 9293 §3.10.7.1 (CLOSED state, e.g. no socket on the port): the reply to
    /// <paramref name="segment"/>, or null when it is itself a RST (never answer a RST).
    /// With ACK: &lt;SEQ=SEG.ACK&gt;&lt;CTL=RST&gt;. Without: &lt;SEQ=0&gt;&lt;ACK=SEG.SEQ+SEG.LEN&gt;&lt;CTL=RST,ACK&gt;.
    /// </summary>
    public static TcpSegment? ForClosedPort(TcpSegment segment)
    {
        if (segment.Has(TcpFlags.Rst)) return null;
        return segment.Has(TcpFlags.Ack)
            ? new TcpSegment(segment.DestinationPort, segment.SourcePort, segment.Acknowledgment, default, TcpFlags.Rst, 0)
            : new TcpSegment(segment.DestinationPort, segment.SourcePort, default,
                segment.Sequence + segment.SequenceLength, TcpFlags.Rst | TcpFlags.Ack, 0);
    }
}
