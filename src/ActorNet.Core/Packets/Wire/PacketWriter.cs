using System.Buffers;
using System.Buffers.Binary;
using ActorNet.Core.Addressing;

namespace ActorNet.Core.Packets.Wire;

/// <summary>
/// Turns a <see cref="Packet"/> into the bytes a real host would send, checksums included, so a
/// pcap of a run opens cleanly in Wireshark. Read first:
/// RFC 791 (IPv4 header), RFC 8200 §3 and §8.1 (IPv6 header, upper-layer checksums),
/// RFC 768 (UDP), RFC 9293 §3.1 (TCP; options in <see cref="TcpOptionCodec"/>), RFC 792 (ICMPv4),
/// RFC 4443 (ICMPv6), RFC 1071 (the checksum).
/// <para>
/// Always writes exactly <see cref="Packet.TotalLength"/> bytes. A transport is one case in
/// <see cref="WriteTransport"/> plus one method; UDP and TCP share
/// <see cref="InternetChecksum.WithPseudoHeader"/>.
/// </para>
/// </summary>
public static class PacketWriter
{
    /// <summary>ICMP echo data: byte i is i mod 256 (what ping's default pattern looks like).</summary>
    public static byte EchoDataByte(int index) => (byte)index;

    /// <summary>Writes <paramref name="p"/> at the start of <paramref name="destination"/>; returns <see cref="Packet.TotalLength"/>.</summary>
    /// <exception cref="ArgumentException">The destination is too small, or the packet cannot be put on the wire (see message).</exception>
    public static int Write(Packet p, Span<byte> destination)
    {
        int total = p.TotalLength;
        if (destination.Length < total)
            throw new ArgumentException($"{p}: needs {total} bytes, destination has {destination.Length}", nameof(destination));
        if (p.Destination.Family != p.Family)
            throw new ArgumentException($"{p}: source and destination are different IP families", nameof(p));

        var packet = destination[..total];
        int header = p.Family == IpFamily.V4 ? WriteIpv4Header(p, packet) : WriteIpv6Header(p, packet);
        WriteTransport(p, packet[header..]);
        return total;
    }

    public static byte[] ToBytes(Packet p)
    {
        var bytes = new byte[p.TotalLength];
        Write(p, bytes);
        return bytes;
    }

    private static void WriteTransport(Packet p, Span<byte> segment)
    {
        switch (p.Payload)
        {
            case UdpDatagram u: WriteUdp(p, u, segment); break;
            case TcpSegment t: WriteTcp(p, t, segment); break;
            case IcmpMessage m when p.Family == IpFamily.V4: WriteIcmpv4(m, segment); break;
            case IcmpMessage m: WriteIcmpv6(p, m, segment); break;
            default: throw new ArgumentException($"{p}: no wire format for {p.Payload.GetType().Name}", nameof(p));
        }
    }

    // RFC 791 §3.1. No options (IHL 5), TOS 0, DF and MF clear, fragment offset 0.
    private static int WriteIpv4Header(Packet p, Span<byte> b)
    {
        if (p.TotalLength > ushort.MaxValue)
            throw new ArgumentException($"{p}: IPv4 total length {p.TotalLength} is over 65535", nameof(p));
        b[0] = 0x45;                                                        // version 4, IHL 5 words
        b[1] = 0;                                                           // type of service
        BinaryPrimitives.WriteUInt16BigEndian(b[2..], (ushort)p.TotalLength);
        BinaryPrimitives.WriteUInt16BigEndian(b[4..], p.Identification);
        BinaryPrimitives.WriteUInt16BigEndian(b[6..], 0);                   // flags, fragment offset
        b[8] = p.Ttl;
        b[9] = (byte)p.Protocol;
        BinaryPrimitives.WriteUInt16BigEndian(b[10..], 0);                  // checksum, computed below
        p.Source.V4.WriteBytes(b[12..]);
        p.Destination.V4.WriteBytes(b[16..]);
        // RFC 791: "the 16 bit one's complement of the one's complement sum of all 16 bit words in
        // the header", with the checksum field zero while computing it.
        BinaryPrimitives.WriteUInt16BigEndian(b[10..], InternetChecksum.Compute(b[..Packet.Ipv4HeaderBytes]));
        return Packet.Ipv4HeaderBytes;
    }

    // RFC 8200 §3. Traffic class 0, flow label 0, no extension headers.
    private static int WriteIpv6Header(Packet p, Span<byte> b)
    {
        int payloadLength = p.Payload.Length;
        if (payloadLength > ushort.MaxValue)
            throw new ArgumentException($"{p}: IPv6 payload length {payloadLength} is over 65535 (no jumbograms)", nameof(p));
        BinaryPrimitives.WriteUInt32BigEndian(b, 6u << 28);                 // version, traffic class, flow label
        BinaryPrimitives.WriteUInt16BigEndian(b[4..], (ushort)payloadLength);
        b[6] = (byte)p.Protocol;                                            // next header
        b[7] = p.Ttl;                                                       // hop limit
        p.Source.V6.WriteBytes(b[8..]);
        p.Destination.V6.WriteBytes(b[24..]);
        return Packet.Ipv6HeaderBytes;
    }

    // RFC 768.
    private static void WriteUdp(Packet p, UdpDatagram u, Span<byte> b)
    {
        if (u.Data is { } data && data.Length != u.DataLength)
            throw new ArgumentException($"{p}: UDP Data has {data.Length} bytes but DataLength is {u.DataLength}", nameof(p));
        BinaryPrimitives.WriteUInt16BigEndian(b, u.SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(b[2..], u.DestinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(b[4..], (ushort)u.Length);   // IP header checked the length fits
        BinaryPrimitives.WriteUInt16BigEndian(b[6..], 0);
        if (u.Data is { } d) d.CopyTo(b[UdpDatagram.HeaderBytes..]);
        else b[UdpDatagram.HeaderBytes..].Clear();

        var sum = InternetChecksum.WithPseudoHeader(p.Source, p.Destination, IpProtocol.Udp, u.Length);
        sum.Add(b);
        ushort checksum = sum.Value;
        // RFC 768: "If the computed checksum is zero, it is transmitted as all ones" — zero means
        // "no checksum" on IPv4 and is not allowed at all on IPv6 (RFC 8200 §8.1). 0xFFFF is the
        // other one's complement zero, so the receiver's sum still verifies.
        BinaryPrimitives.WriteUInt16BigEndian(b[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
    }

    // RFC 9293 §3.1. Reserved bits 0, urgent pointer 0 (the model has no urgent data; RFC 6093
    // advises new applications against it).
    private static void WriteTcp(Packet p, TcpSegment t, Span<byte> b)
    {
        int header = t.HeaderBytes;
        if (header - TcpSegment.MinHeaderBytes > TcpOptionCodec.MaxBytes)
            throw new ArgumentException($"{p}: TCP options need {header - TcpSegment.MinHeaderBytes} bytes, the data offset allows {TcpOptionCodec.MaxBytes} (RFC 9293 §3.1)", nameof(p));
        BinaryPrimitives.WriteUInt16BigEndian(b, t.SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(b[2..], t.DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(b[4..], t.Sequence.Value);
        BinaryPrimitives.WriteUInt32BigEndian(b[8..], t.Acknowledgment.Value);
        b[12] = (byte)((header / 4) << 4);                                  // data offset in words, 4 reserved bits
        b[13] = (byte)t.Flags;                                              // CWR ECE URG ACK PSH RST SYN FIN
        BinaryPrimitives.WriteUInt16BigEndian(b[14..], t.Window);
        BinaryPrimitives.WriteUInt16BigEndian(b[16..], 0);                  // checksum, computed below
        BinaryPrimitives.WriteUInt16BigEndian(b[18..], 0);                  // urgent pointer
        TcpOptionCodec.Write(t.Options, b[TcpSegment.MinHeaderBytes..header]);
        t.Data.Span.CopyTo(b[header..]);

        // RFC 9293 §3.1: the checksum covers the pseudo-header, header and data. Unlike UDP a
        // computed 0 is sent as 0: TCP has no "no checksum" value.
        var sum = InternetChecksum.WithPseudoHeader(p.Source, p.Destination, IpProtocol.Tcp, t.Length);
        sum.Add(b);
        BinaryPrimitives.WriteUInt16BigEndian(b[16..], sum.Value);
    }

    // RFC 792. No pseudo-header: the checksum covers the ICMP message only.
    private static void WriteIcmpv4(IcmpMessage m, Span<byte> b)
    {
        (byte type, byte code) = m.Kind switch
        {
            IcmpKind.EchoRequest => ((byte)8, (byte)0),
            IcmpKind.EchoReply => ((byte)0, (byte)0),
            IcmpKind.TimeExceeded => ((byte)11, (byte)0),                    // code 0: TTL exceeded in transit
            IcmpKind.DestinationUnreachable => ((byte)3, m.Code switch
            {
                UnreachableCode.Net => (byte)0,
                UnreachableCode.Host => (byte)1,
                UnreachableCode.Port => (byte)3,
                UnreachableCode.FragmentationNeeded => (byte)4,              // with RFC 1191's next-hop MTU
                _ => throw new ArgumentOutOfRangeException(nameof(m), m.Code, "unreachable code"),
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(m), m.Kind, "ICMP kind"),
        };
        // RFC 1191 §4: the next-hop MTU in the low-order 16 bits of the second word, the high-order 16 bits zero.
        uint word = IsTooBig(m) ? (uint)CheckMtu(m.NextHopMtu, ushort.MaxValue, "RFC 1191 next-hop MTU (16 bits)") : 0;
        WriteIcmpMessage(type, code, m, word, b);
        BinaryPrimitives.WriteUInt16BigEndian(b[2..], InternetChecksum.Compute(b));
    }

    // RFC 4443. The checksum includes the IPv6 pseudo-header (§2.3).
    private static void WriteIcmpv6(Packet p, IcmpMessage m, Span<byte> b)
    {
        (byte type, byte code) = m.Kind switch
        {
            IcmpKind.EchoRequest => ((byte)128, (byte)0),
            IcmpKind.EchoReply => ((byte)129, (byte)0),
            IcmpKind.TimeExceeded => ((byte)3, (byte)0),                     // code 0: hop limit exceeded in transit
            IcmpKind.DestinationUnreachable => m.Code switch
            {
                UnreachableCode.Net => ((byte)1, (byte)0),                   // no route to destination
                UnreachableCode.Host => ((byte)1, (byte)3),                  // address unreachable
                UnreachableCode.Port => ((byte)1, (byte)4),                  // port unreachable
                UnreachableCode.FragmentationNeeded => ((byte)2, (byte)0),   // Packet Too Big (§3.2)
                _ => throw new ArgumentOutOfRangeException(nameof(m), m.Code, "unreachable code"),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(m), m.Kind, "ICMP kind"),
        };
        // RFC 4443 §3.2: Packet Too Big's second word is the 32-bit MTU of the next-hop link; other errors leave it unused.
        uint word = IsTooBig(m) ? (uint)CheckMtu(m.NextHopMtu, int.MaxValue, "RFC 4443 MTU") : 0;
        WriteIcmpMessage(type, code, m, word, b);
        var sum = InternetChecksum.WithPseudoHeader(p.Source, p.Destination, IpProtocol.Icmpv6, b.Length);
        sum.Add(b);
        BinaryPrimitives.WriteUInt16BigEndian(b[2..], sum.Value);
    }

    private static bool IsTooBig(IcmpMessage m) => m is { Kind: IcmpKind.DestinationUnreachable, Code: UnreachableCode.FragmentationNeeded };

    private static int CheckMtu(int mtu, int max, string field) =>
        mtu >= 0 && mtu <= max ? mtu : throw new ArgumentOutOfRangeException(nameof(mtu), mtu, $"{field} must be in 0..{max}");

    // Common layout of both ICMPs: type, code, checksum (zero here), four bytes that are
    // identifier + sequence for echo and errorWord for errors (0: unused, or the next-hop MTU),
    // then the body.
    // The body follows IcmpMessage.Length — the quoted original when there is one, else DataLength
    // bytes — so the written length is always Packet.TotalLength. Those bytes are the echo pattern
    // for echo and zeros for an error that quotes nothing (a zero version nibble tells
    // PacketReader there is no packet in it).
    private static void WriteIcmpMessage(byte type, byte code, IcmpMessage m, uint errorWord, Span<byte> b)
    {
        b[0] = type;
        b[1] = code;
        BinaryPrimitives.WriteUInt16BigEndian(b[2..], 0);
        bool echo = m.Kind is IcmpKind.EchoRequest or IcmpKind.EchoReply;
        BinaryPrimitives.WriteUInt32BigEndian(b[4..], echo ? (uint)m.Identifier << 16 | m.Sequence : errorWord);
        var body = b[IcmpMessage.HeaderBytes..];
        if (m.Original is { } original) WriteQuote(original, body);
        else if (echo) for (int i = 0; i < body.Length; i++) body[i] = EchoDataByte(i);
        else body.Clear();
    }

    // RFC 792: "Internet Header + 64 bits of Original Data Datagram"; RFC 4443 §2.4(c) allows more
    // for ICMPv6 but the model quotes the same for both. The original is written in full by this
    // writer (its checksums cover all of it) with the TTL it carried, then cut.
    private static void WriteQuote(Packet original, Span<byte> body)
    {
        int length = original.TotalLength;
        byte[]? rented = null;
        Span<byte> full = length <= 2048 ? stackalloc byte[2048] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            Write(original, full);
            full[..body.Length].CopyTo(body);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
