using System.Buffers.Binary;
using System.Diagnostics;
using ActorNet.Core.Tcp;

namespace ActorNet.Core.Packets.Wire;

/// <summary>
/// TCP options on the wire (RFC 9293 §3.1, §3.2). One layout, the one
/// <see cref="TcpOptions.Length"/> counts, in this order (a Linux SYN without timestamps puts a
/// NOP before the window scale the same way):
/// <code>
///   kind 2, length 4, MSS (16 bits)                 RFC 9293 §3.2, §3.7.1
///   NOP; kind 3, length 3, shift count              RFC 7323 §2.2
///   kind 4, length 2 (SACK-permitted)               RFC 2018 §2
///   kind 5, length 2 + 8n, n (left, right) pairs    RFC 2018 §3
///   EOL, then zeros to a multiple of 4 bytes        RFC 9293 §3.1 "Padding", §3.2 EOL
/// </code>
/// Reading accepts any order, NOPs anywhere and options it does not know, because a real peer may
/// send them.
/// </summary>
internal static class TcpOptionCodec
{
    /// <summary>The data offset is 4 bits of 32-bit words: 15 × 4 − 20 (RFC 9293 §3.1).</summary>
    public const int MaxBytes = 40;

    private const byte EndOfOptionList = 0;
    private const byte NoOperation = 1;
    private const byte MaximumSegmentSize = 2;
    private const byte WindowScale = 3;
    private const byte SackPermitted = 4;
    private const byte Sack = 5;

    /// <summary>Writes <paramref name="o"/> into exactly <see cref="TcpOptions.Length"/> bytes.</summary>
    public static void Write(TcpOptions o, Span<byte> b)
    {
        int i = 0;
        if (o.MaximumSegmentSize is { } mss)
        {
            b[i] = MaximumSegmentSize;
            b[i + 1] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(b[(i + 2)..], mss);
            i += 4;
        }
        if (o.WindowScale is { } shift)
        {
            b[i] = NoOperation;
            b[i + 1] = WindowScale;
            b[i + 2] = 3;
            b[i + 3] = shift;
            i += 4;
        }
        if (o.SackPermitted)
        {
            b[i] = SackPermitted;
            b[i + 1] = 2;
            i += 2;
        }
        if (o.SackBlocks.Count > 0)
        {
            b[i] = Sack;
            b[i + 1] = (byte)(2 + 8 * o.SackBlocks.Count);
            i += 2;
            foreach (var block in o.SackBlocks)
            {
                BinaryPrimitives.WriteUInt32BigEndian(b[i..], block.Left.Value);
                BinaryPrimitives.WriteUInt32BigEndian(b[(i + 4)..], block.Right.Value);
                i += 8;
            }
        }
        // A slice that overran has thrown already; this catches Length counting bytes we did not write.
        if (b.Length - i is < 0 or > 3) throw new UnreachableException($"TcpOptions.Length {b.Length} but {i} option bytes written");
        b[i..].Clear();   // EOL (kind 0) then zero padding: RFC 9293 §3.1 "The padding is composed of zeros"
    }

    /// <summary>Parses the options between the fixed header and the data; returns an error, or null.</summary>
    public static string? Parse(ReadOnlySpan<byte> b, out TcpOptions options)
    {
        options = TcpOptions.None;
        ushort? mss = null;
        byte? shift = null;
        bool sackPermitted = false;
        List<SackBlock>? blocks = null;
        int i = 0;
        while (i < b.Length)
        {
            byte kind = b[i];
            if (kind == EndOfOptionList) break;   // RFC 9293 §3.2: what follows is padding
            if (kind == NoOperation) { i++; continue; }
            // RFC 9293 §3.1 MUST-68: every other option has a length byte counting kind and length;
            // MUST-7: an illegal length (zero, one, or past the header) must be handled, here by refusing.
            if (i + 1 >= b.Length) return $"TCP option kind {kind} at option byte {i} has no length byte";
            int length = b[i + 1];
            if (length < 2) return $"TCP option kind {kind} at option byte {i} has length {length}; the length counts kind and length, so at least 2 (RFC 9293 §3.1)";
            if (length > b.Length - i) return $"TCP option kind {kind} at option byte {i} has length {length} but only {b.Length - i} option bytes remain";
            var body = b.Slice(i + 2, length - 2);
            switch (kind)
            {
                case MaximumSegmentSize:
                    if (length != 4) return $"TCP MSS option has length {length}; it must be 4 (RFC 9293 §3.2)";
                    if (mss is not null) return "TCP MSS option appears twice";
                    mss = BinaryPrimitives.ReadUInt16BigEndian(body);
                    break;
                case WindowScale:
                    if (length != 3) return $"TCP window scale option has length {length}; it must be 3 (RFC 7323 §2.2)";
                    if (shift is not null) return "TCP window scale option appears twice";
                    // Kept as sent: clamping a shift over 14 is the connection's job (RFC 7323 §2.3).
                    shift = body[0];
                    break;
                case SackPermitted:
                    if (length != 2) return $"TCP SACK-permitted option has length {length}; it must be 2 (RFC 2018 §2)";
                    if (sackPermitted) return "TCP SACK-permitted option appears twice";
                    sackPermitted = true;
                    break;
                case Sack:
                    // 2 + 8n with n ≥ 1; n ≤ 4 follows from the 40 option bytes (RFC 2018 §3).
                    if (length < 10 || (length - 2) % 8 != 0) return $"TCP SACK option has length {length}; it must be 2 + 8n, n = 1..4 (RFC 2018 §3)";
                    if (blocks is not null) return "TCP SACK option appears twice";
                    blocks = [];
                    for (int at = 0; at < body.Length; at += 8)
                        blocks.Add(new SackBlock(
                            new SequenceNumber(BinaryPrimitives.ReadUInt32BigEndian(body[at..])),
                            new SequenceNumber(BinaryPrimitives.ReadUInt32BigEndian(body[(at + 4)..]))));
                    break;
                default:
                    break;   // RFC 9293 §3.1 MUST-6: ignore without error an option we do not implement
            }
            i += length;
        }
        options = new TcpOptions
        {
            MaximumSegmentSize = mss,
            WindowScale = shift,
            SackPermitted = sackPermitted,
            SackBlocks = blocks is null ? [] : blocks.ToArray(),
        };
        return null;
    }
}
