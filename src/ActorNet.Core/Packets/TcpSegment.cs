using ActorNet.Core.Tcp;

namespace ActorNet.Core.Packets;

/// <summary>TCP header flags (RFC 9293 §3.1; ECE/CWR from RFC 3168).</summary>
[Flags]
public enum TcpFlags : byte
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
    Urg = 0x20,
    Ece = 0x40,
    Cwr = 0x80,
}

/// <summary>One SACK block (RFC 2018 §3): the bytes [Left, Right) were received.</summary>
public readonly record struct SackBlock(SequenceNumber Left, SequenceNumber Right)
{
    public override string ToString() => $"{Left}-{Right}";
}

/// <summary>
/// The TCP options ActorNet speaks: MSS (RFC 9293 §3.7.1, SYN only), window scale (RFC 7323 §2,
/// SYN only), SACK-permitted (RFC 2018 §2, SYN only) and SACK blocks (RFC 2018 §3, at most 4, or 3
/// with timestamps). Null / false / empty: absent.
/// </summary>
public sealed record TcpOptions
{
    public static readonly TcpOptions None = new();

    public ushort? MaximumSegmentSize { get; init; }
    /// <summary>Shift count 0–14 (RFC 7323 §2.3).</summary>
    public byte? WindowScale { get; init; }
    public bool SackPermitted { get; init; }
    public IReadOnlyList<SackBlock> SackBlocks { get; init; } = [];

    /// <summary>
    /// Option bytes on the wire, padded with EOL and zeros to a multiple of 4 (the data offset counts
    /// words). Counts exactly the layout <see cref="Wire.TcpOptionCodec"/> writes; change both together.
    /// </summary>
    public int Length
    {
        get
        {
            // MSS 4; NOP + window scale 3 (the NOP puts it on a word boundary, as Linux does);
            // SACK-permitted 2; SACK kind, length and 8 per block.
            int n = (MaximumSegmentSize is null ? 0 : 4) + (WindowScale is null ? 0 : 4) + (SackPermitted ? 2 : 0)
                + (SackBlocks.Count == 0 ? 0 : 2 + 8 * SackBlocks.Count);
            return (n + 3) & ~3;
        }
    }

    public bool Equals(TcpOptions? other) => other is not null
        && (MaximumSegmentSize, WindowScale, SackPermitted) == (other.MaximumSegmentSize, other.WindowScale, other.SackPermitted)
        && SackBlocks.SequenceEqual(other.SackBlocks);

    public override int GetHashCode() => HashCode.Combine(MaximumSegmentSize, WindowScale, SackPermitted, SackBlocks.Count);
}

/// <summary>
/// A TCP segment (RFC 9293 §3.1). <see cref="Window"/> is the raw 16-bit header field: the receiver
/// of the segment shifts it by the scale negotiated on the SYNs (RFC 7323 §2.2; never on a SYN).
/// <see cref="Data"/> holds the real bytes (S8 checks them end to end); the sender must never change
/// memory it handed to a segment (send buffers keep immutable chunks, so a segment is a slice, not a copy).
/// </summary>
public sealed record TcpSegment(
    ushort SourcePort,
    ushort DestinationPort,
    SequenceNumber Sequence,
    SequenceNumber Acknowledgment,
    TcpFlags Flags,
    ushort Window,
    ReadOnlyMemory<byte> Data = default) : TransportPayload
{
    public const int MinHeaderBytes = 20;

    public TcpOptions Options { get; init; } = TcpOptions.None;

    public int HeaderBytes => MinHeaderBytes + Options.Length;
    public override int Length => HeaderBytes + Data.Length;
    public override IpProtocol Protocol => IpProtocol.Tcp;

    public bool Has(TcpFlags f) => (Flags & f) == f;

    /// <summary>RFC 9293 §3.4 SEG.LEN: data bytes, plus one for SYN and one for FIN.</summary>
    public int SequenceLength => Data.Length + (Has(TcpFlags.Syn) ? 1 : 0) + (Has(TcpFlags.Fin) ? 1 : 0);

    public override string ToString()
    {
        var f = string.Concat(
            Has(TcpFlags.Syn) ? "S" : "", Has(TcpFlags.Fin) ? "F" : "", Has(TcpFlags.Rst) ? "R" : "",
            Has(TcpFlags.Psh) ? "P" : "", Has(TcpFlags.Ack) ? "." : "");
        return $"TCP {SourcePort}->{DestinationPort} [{f}] seq={Sequence} ack={Acknowledgment} win={Window} len={Data.Length}";
    }
}
