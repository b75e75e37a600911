using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using ActorNet.Core.Addressing;
using ActorNet.Core.Tcp;

namespace ActorNet.Core.Packets.Wire;

/// <summary>
/// Parses what <see cref="PacketWriter"/> writes back into a <see cref="Packet"/>, verifying every
/// checksum on the way (IPv4 header, UDP, TCP, ICMPv4, ICMPv6). Minimal on purpose, for tests and
/// tools: no IPv4 options, no fragments, no IPv6 extension headers, no TCP urgent pointer, only
/// UDP, TCP and the ICMP messages the model has. TCP options other than MSS, window scale,
/// SACK-permitted and SACK are skipped (RFC 9293 §3.1 MUST-6); a bad option length is an error.
/// <para>
/// What does not come back: <see cref="Packet.Id"/> is not on the wire (the caller passes one);
/// echo data is reported as its length only; TCP's reserved bits are ignored (RFC 9293 §3.1); an
/// ICMP error's <see cref="IcmpMessage.Original"/> is rebuilt from the quote, so its UDP
/// <see cref="UdpDatagram.Data"/> is null, its TCP segment has only ports and sequence number (the
/// 8 bytes quoted; so its <see cref="TcpSegment.Length"/> is the bare header's), its transport
/// checksum is not verified (it covers bytes that were cut), and an error quoted inside an error
/// comes back with no Original and the quoted length as <see cref="IcmpMessage.DataLength"/>.
/// </para>
/// </summary>
public static class PacketReader
{
    /// <exception cref="FormatException">Malformed, unsupported, or a checksum does not verify.</exception>
    public static Packet Read(ReadOnlySpan<byte> bytes, long id = 0) =>
        TryRead(bytes, out var packet, out var error, id) ? packet : throw new FormatException(error);

    /// <summary>Never throws; <paramref name="error"/> says what is wrong when it returns false.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out Packet? packet, out string error, long id = 0)
    {
        error = Parse(bytes, quoted: false, id, out packet) ?? "";
        return packet is not null;
    }

    // Returns an error or null. A quoted packet (inside an ICMP error) may be cut short of its
    // total length; its transport checksum is then not checked.
    private static string? Parse(ReadOnlySpan<byte> b, bool quoted, long id, out Packet? packet)
    {
        packet = null;
        if (b.IsEmpty) return "empty packet";
        int version = b[0] >> 4;
        IpAddress source, destination;
        byte ttl;
        ushort identification = 0;
        int headerBytes, totalLength;
        byte protocol;
        if (version == 4)
        {
            headerBytes = Packet.Ipv4HeaderBytes;
            if (b.Length < headerBytes) return $"IPv4 header needs {headerBytes} bytes, have {b.Length}";
            if (b[0] != 0x45) return $"IPv4 IHL {b[0] & 0xF}: options are not supported";
            totalLength = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
            identification = BinaryPrimitives.ReadUInt16BigEndian(b[4..]);
            if ((BinaryPrimitives.ReadUInt16BigEndian(b[6..]) & 0x3FFF) != 0) return "IPv4 fragments are not supported (MF set or offset not 0)";
            ttl = b[8];
            protocol = b[9];
            var sum = new InternetChecksum();
            sum.Add(b[..headerBytes]);
            if (!sum.IsValid) return $"bad IPv4 header checksum 0x{BinaryPrimitives.ReadUInt16BigEndian(b[10..]):x4}";
            source = new Ipv4Address(BinaryPrimitives.ReadUInt32BigEndian(b[12..]));
            destination = new Ipv4Address(BinaryPrimitives.ReadUInt32BigEndian(b[16..]));
        }
        else if (version == 6)
        {
            headerBytes = Packet.Ipv6HeaderBytes;
            if (b.Length < headerBytes) return $"IPv6 header needs {headerBytes} bytes, have {b.Length}";
            totalLength = headerBytes + BinaryPrimitives.ReadUInt16BigEndian(b[4..]);
            protocol = b[6];
            ttl = b[7];
            source = new Ipv6Address(BinaryPrimitives.ReadUInt128BigEndian(b[8..]));
            destination = new Ipv6Address(BinaryPrimitives.ReadUInt128BigEndian(b[24..]));
        }
        else return $"IP version {version}";

        if (totalLength < headerBytes) return $"IP total length {totalLength} is shorter than the header";
        if (!quoted && totalLength != b.Length) return $"IP total length {totalLength} but {b.Length} bytes captured";
        if (quoted && b.Length > totalLength) return $"quoted IP total length {totalLength} but {b.Length} bytes quoted";

        var segment = b[headerBytes..];
        int transportLength = totalLength - headerBytes;   // the whole segment, even when cut
        string? error;
        TransportPayload? payload;
        switch (version, (IpProtocol)protocol)
        {
            case (_, IpProtocol.Udp): error = ParseUdp(segment, transportLength, quoted, source, destination, out payload); break;
            case (_, IpProtocol.Tcp): error = ParseTcp(segment, quoted, source, destination, out payload); break;
            case (4, IpProtocol.Icmp): error = ParseIcmp(segment, transportLength, quoted, v6: false, source, destination, out payload); break;
            case (6, IpProtocol.Icmpv6): error = ParseIcmp(segment, transportLength, quoted, v6: true, source, destination, out payload); break;
            default: return $"IPv{version} protocol {protocol} is not supported";
        }
        if (error is not null) return error;

        packet = new Packet
        {
            Id = id,
            Source = source,
            Destination = destination,
            Ttl = ttl,
            Identification = identification,
            Payload = payload!,
        };
        return null;
    }

    private static string? ParseUdp(ReadOnlySpan<byte> s, int transportLength, bool quoted, IpAddress source, IpAddress destination, out TransportPayload? payload)
    {
        payload = null;
        if (s.Length < UdpDatagram.HeaderBytes) return $"UDP header needs 8 bytes, have {s.Length}";
        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(s[4..]);
        if (udpLength != transportLength) return $"UDP length {udpLength} but the IP payload is {transportLength} bytes";
        byte[]? data = null;
        if (!quoted)
        {
            ushort field = BinaryPrimitives.ReadUInt16BigEndian(s[6..]);
            if (field == 0 && source.Family == IpFamily.V6) return "UDP checksum 0 is not allowed over IPv6 (RFC 8200 §8.1)";
            if (field != 0)   // RFC 768: zero over IPv4 means "no checksum"
            {
                var sum = InternetChecksum.WithPseudoHeader(source, destination, IpProtocol.Udp, udpLength);
                sum.Add(s);
                if (!sum.IsValid) return $"bad UDP checksum 0x{field:x4}";
            }
            data = s[UdpDatagram.HeaderBytes..].ToArray();
        }
        payload = new UdpDatagram(
            BinaryPrimitives.ReadUInt16BigEndian(s),
            BinaryPrimitives.ReadUInt16BigEndian(s[2..]),
            udpLength - UdpDatagram.HeaderBytes,
            data);
        return null;
    }

    // RFC 9293 §3.1.
    private static string? ParseTcp(ReadOnlySpan<byte> s, bool quoted, IpAddress source, IpAddress destination, out TransportPayload? payload)
    {
        payload = null;
        if (quoted)
        {
            // RFC 792 quotes 8 bytes: ports and sequence number, the rest is cut.
            if (s.Length < 8) return $"quoted TCP needs 8 bytes (ports and sequence number), have {s.Length}";
            payload = new TcpSegment(
                BinaryPrimitives.ReadUInt16BigEndian(s), BinaryPrimitives.ReadUInt16BigEndian(s[2..]),
                new SequenceNumber(BinaryPrimitives.ReadUInt32BigEndian(s[4..])), default, TcpFlags.None, 0);
            return null;
        }
        if (s.Length < TcpSegment.MinHeaderBytes) return $"TCP header needs {TcpSegment.MinHeaderBytes} bytes, have {s.Length}";
        int dataOffset = s[12] >> 4;
        int headerBytes = dataOffset * 4;
        if (headerBytes < TcpSegment.MinHeaderBytes) return $"TCP data offset {dataOffset} words is less than the 5 of the fixed header (RFC 9293 §3.1)";
        if (headerBytes > s.Length) return $"TCP data offset {dataOffset} words ({headerBytes} bytes) but the segment has {s.Length} bytes";
        var sum = InternetChecksum.WithPseudoHeader(source, destination, IpProtocol.Tcp, s.Length);
        sum.Add(s);
        if (!sum.IsValid) return $"bad TCP checksum 0x{BinaryPrimitives.ReadUInt16BigEndian(s[16..]):x4}";
        ushort urgent = BinaryPrimitives.ReadUInt16BigEndian(s[18..]);
        if (urgent != 0) return $"TCP urgent pointer {urgent} is not supported (the model has no urgent data)";
        string? error = TcpOptionCodec.Parse(s[TcpSegment.MinHeaderBytes..headerBytes], out var options);
        if (error is not null) return error;
        payload = new TcpSegment(
            BinaryPrimitives.ReadUInt16BigEndian(s),
            BinaryPrimitives.ReadUInt16BigEndian(s[2..]),
            new SequenceNumber(BinaryPrimitives.ReadUInt32BigEndian(s[4..])),
            new SequenceNumber(BinaryPrimitives.ReadUInt32BigEndian(s[8..])),
            (TcpFlags)s[13],
            BinaryPrimitives.ReadUInt16BigEndian(s[14..]),
            s[headerBytes..].ToArray())
        { Options = options };
        return null;
    }

    private static string? ParseIcmp(ReadOnlySpan<byte> s, int transportLength, bool quoted, bool v6, IpAddress source, IpAddress destination, out TransportPayload? payload)
    {
        payload = null;
        string name = v6 ? "ICMPv6" : "ICMPv4";
        if (s.Length < IcmpMessage.HeaderBytes) return $"{name} header needs 8 bytes, have {s.Length}";
        if (!quoted)
        {
            var sum = v6 ? InternetChecksum.WithPseudoHeader(source, destination, IpProtocol.Icmpv6, s.Length) : new InternetChecksum();
            sum.Add(s);
            if (!sum.IsValid) return $"bad {name} checksum 0x{BinaryPrimitives.ReadUInt16BigEndian(s[2..]):x4}";
        }
        byte type = s[0], code = s[1];
        IcmpKind? kind = null;
        UnreachableCode unreachable = UnreachableCode.Net;
        if (!v6)
        {
            switch (type, code)
            {
                case (8, 0): kind = IcmpKind.EchoRequest; break;
                case (0, 0): kind = IcmpKind.EchoReply; break;
                case (11, 0): kind = IcmpKind.TimeExceeded; break;
                case (3, 0): kind = IcmpKind.DestinationUnreachable; unreachable = UnreachableCode.Net; break;
                case (3, 1): kind = IcmpKind.DestinationUnreachable; unreachable = UnreachableCode.Host; break;
                case (3, 3): kind = IcmpKind.DestinationUnreachable; unreachable = UnreachableCode.Port; break;
                case (3, 4): kind = IcmpKind.DestinationUnreachable; unreachable = UnreachableCode.FragmentationNeeded; break;
            }
        }
        else
        {
            switch (type, code)
            {
                case (128, 0): kind = IcmpKind.EchoRequest; break;
                case (129, 0): kind = IcmpKind.EchoReply; break;
                case (3, 0): kind = IcmpKind.TimeExceeded; break;
                case (1, 0): kind = IcmpKind.DestinationUnreachable; unreachable = UnreachableCode.Net; break;
                case (1, 3): kind = IcmpKind.DestinationUnreachable; unreachable = UnreachableCode.Host; break;
                case (1, 4): kind = IcmpKind.DestinationUnreachable; unreachable = UnreachableCode.Port; break;
                case (2, 0): kind = IcmpKind.DestinationUnreachable; unreachable = UnreachableCode.FragmentationNeeded; break;
            }
        }
        if (kind is not { } k) return $"{name} type {type} code {code} is not supported";

        int bodyLength = transportLength - IcmpMessage.HeaderBytes;
        if (k is IcmpKind.EchoRequest or IcmpKind.EchoReply)
        {
            payload = new IcmpMessage
            {
                Kind = k,
                Identifier = BinaryPrimitives.ReadUInt16BigEndian(s[4..]),
                Sequence = BinaryPrimitives.ReadUInt16BigEndian(s[6..]),
                DataLength = bodyLength,
            };
            return null;
        }

        Packet? original = null;
        // The writer fills an error that quotes nothing with zeros: version nibble 0, no packet.
        if (!quoted && bodyLength > 0 && s[IcmpMessage.HeaderBytes] >> 4 != 0)
        {
            var quote = s[IcmpMessage.HeaderBytes..];
            string? error = Parse(quote, quoted: true, id: 0, out original);
            if (error is not null) return $"{name} error quote: {error}";
            int expected = original!.HeaderBytes + Math.Min(IcmpMessage.QuotedPayloadBytes, original.Payload.Length);
            if (quote.Length != expected) return $"{name} error quotes {quote.Length} bytes, the model quotes IP header + 8 = {expected}";
        }
        // The next-hop MTU of "fragmentation needed" (RFC 1191 §4: low 16 bits of the second word) or Packet Too Big
        // (RFC 4443 §3.2: all 32 bits; more than int.MaxValue is not a link this model can have, so it is refused).
        int nextHopMtu = 0;
        if (k == IcmpKind.DestinationUnreachable && unreachable == UnreachableCode.FragmentationNeeded)
        {
            uint mtu = v6 ? BinaryPrimitives.ReadUInt32BigEndian(s[4..]) : BinaryPrimitives.ReadUInt16BigEndian(s[6..]);
            if (mtu > int.MaxValue) return $"{name} Packet Too Big MTU {mtu} is out of range";
            nextHopMtu = (int)mtu;
        }
        payload = new IcmpMessage
        {
            Kind = k,
            Code = k == IcmpKind.DestinationUnreachable ? unreachable : default,
            Original = original,
            DataLength = original is null ? bodyLength : 0,
            NextHopMtu = nextHopMtu,
        };
        return null;
    }
}
