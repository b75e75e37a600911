using System.Buffers.Binary;
using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Packets.Wire;
using ActorNet.Core.Tcp;
using static ActorNet.Core.Tests.Packets.WireSamples;

namespace ActorNet.Core.Tests.Packets;

public class PacketWriterTests
{
    private static ushort U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at));

    // ---- IPv4 header, RFC 791 §3.1 ----

    [Fact]
    public void Ipv4_header_fields_sit_at_rfc791_offsets()
    {
        var p = Udp(HostA4, HostB4, dataLength: 10, ttl: 17, id: 0xbeef);
        var b = PacketWriter.ToBytes(p);

        Assert.Equal(0x45, b[0]);                 // version 4, IHL 5
        Assert.Equal(0, b[1]);                    // TOS
        Assert.Equal(20 + 8 + 10, U16(b, 2));     // total length
        Assert.Equal(0xbeef, U16(b, 4));          // identification
        Assert.Equal(0, U16(b, 6));               // flags (DF clear), fragment offset
        Assert.Equal(17, b[8]);                   // TTL
        Assert.Equal(17, b[9]);                   // protocol UDP
        Assert.Equal([10, 0, 0, 1], b[12..16]);
        Assert.Equal([10, 0, 1, 2], b[16..20]);
        Assert.Equal(0, InternetChecksum.Compute(b.AsSpan(0, 20)));   // header checksum verifies
    }

    [Fact]
    public void Ipv4_header_checksum_matches_a_hand_computation()
    {
        // 10.0.0.1 -> 10.0.1.2, total 38, id beef, TTL 17, UDP:
        // words 4500 0026 beef 0000 1111 [0000] 0a00 0001 0a00 0102:
        // 4500+0026=4526, +beef=10415, +1111=11526, +0a00=11f26, +0001=11f27, +0a00=12927,
        // +0102=12a29; fold 2a29+1 = 2a2a; ~2a2a = d5d5.
        var b = PacketWriter.ToBytes(Udp(HostA4, HostB4, dataLength: 10, ttl: 17, id: 0xbeef));
        Assert.Equal(0xd5d5, U16(b, 10));
    }

    // ---- IPv6 header, RFC 8200 §3 ----

    [Fact]
    public void Ipv6_header_fields_sit_at_rfc8200_offsets()
    {
        var p = Udp(HostA6, HostB6, dataLength: 5, ttl: 3, id: 0xbeef);
        var b = PacketWriter.ToBytes(p);

        Assert.Equal(40 + 8 + 5, b.Length);
        Assert.Equal(0x60000000u, BinaryPrimitives.ReadUInt32BigEndian(b));   // version 6, TC 0, flow 0
        Assert.Equal(8 + 5, U16(b, 4));           // payload length
        Assert.Equal(17, b[6]);                   // next header UDP
        Assert.Equal(3, b[7]);                    // hop limit
        Assert.Equal(0x20, b[8]);
        Assert.Equal(0x01, b[23]);                // 2001:db8::1
        Assert.Equal(0x02, b[39]);                // 2001:db8:1::2
        Assert.Equal(0x01, b[29]);
    }

    // ---- UDP, RFC 768 ----

    [Fact]
    public void Udp_header_and_data_follow_the_ip_header()
    {
        byte[] data = [1, 2, 3];
        var b = PacketWriter.ToBytes(Udp(HostA4, HostB4, data.Length, data));
        Assert.Equal(40000, U16(b, 20));
        Assert.Equal(50000, U16(b, 22));
        Assert.Equal(8 + 3, U16(b, 24));
        Assert.Equal(data, b[28..]);
    }

    [Fact]
    public void Udp_without_data_bytes_writes_zeros()
    {
        var b = PacketWriter.ToBytes(Udp(HostA6, HostB6, dataLength: 100));
        Assert.All(b[48..], x => Assert.Equal(0, x));
    }

    [Fact]
    public void Udp_segment_equals_the_smoltcp_vector()
    {
        var p = new Packet
        {
            Id = 1,
            Source = Ipv4Address.Parse("192.168.1.1"),
            Destination = Ipv4Address.Parse("192.168.1.2"),
            Payload = new UdpDatagram(48896, 53, 4, [0xaa, 0x00, 0x00, 0xff]),
        };
        Assert.Equal(InternetChecksumTests.SmoltcpUdp, PacketWriter.ToBytes(p)[20..]);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void Udp_checksum_that_computes_to_zero_is_sent_as_ffff(int family)
    {
        var (from, to) = family == 4 ? (HostA4, HostB4) : (HostA6, HostB6);
        // With two zero data bytes the sum is S and the checksum ~S. Putting ~S in the data makes
        // the sum S + ~S = ffff, so the computed checksum is 0 (RFC 768: send it as ffff).
        ushort c = U16(PacketWriter.ToBytes(Udp(from, to, 2, [0, 0])), family == 4 ? 26 : 46);
        var b = PacketWriter.ToBytes(Udp(from, to, 2, [(byte)(c >> 8), (byte)c]));
        Assert.Equal(0xffff, U16(b, family == 4 ? 26 : 46));
        PacketReader.Read(b);   // still verifies: ffff is the other one's complement zero
    }

    // ---- ICMP, RFC 792 / RFC 4443 ----

    [Theory]
    [InlineData(IcmpKind.EchoRequest, UnreachableCode.Net, 8, 0, 128, 0)]
    [InlineData(IcmpKind.EchoReply, UnreachableCode.Net, 0, 0, 129, 0)]
    [InlineData(IcmpKind.TimeExceeded, UnreachableCode.Net, 11, 0, 3, 0)]
    [InlineData(IcmpKind.DestinationUnreachable, UnreachableCode.Net, 3, 0, 1, 0)]
    [InlineData(IcmpKind.DestinationUnreachable, UnreachableCode.Host, 3, 1, 1, 3)]
    [InlineData(IcmpKind.DestinationUnreachable, UnreachableCode.Port, 3, 3, 1, 4)]
    [InlineData(IcmpKind.DestinationUnreachable, UnreachableCode.FragmentationNeeded, 3, 4, 2, 0)]
    public void Icmp_type_and_code_follow_rfc792_and_rfc4443(IcmpKind kind, UnreachableCode code, int type4, int code4, int type6, int code6)
    {
        byte[] V4()
        {
            var original = Udp(HostA4, HostB4, 20);
            return PacketWriter.ToBytes(kind is IcmpKind.EchoRequest or IcmpKind.EchoReply
                ? Echo(HostA4, HostB4, kind)
                : Error(Router4, original, kind, code));
        }
        byte[] V6()
        {
            var original = Udp(HostA6, HostB6, 20);
            return PacketWriter.ToBytes(kind is IcmpKind.EchoRequest or IcmpKind.EchoReply
                ? Echo(HostA6, HostB6, kind)
                : Error(Router6, original, kind, code));
        }
        var b4 = V4();
        var b6 = V6();
        Assert.Equal(1, b4[9]);
        Assert.Equal((type4, code4), (b4[20], b4[21]));
        Assert.Equal(58, b6[6]);
        Assert.Equal((type6, code6), (b6[40], b6[41]));
        Assert.Equal(kind, PacketReader.Read(b4).Payload is IcmpMessage m4 ? m4.Kind : default);
        Assert.Equal(kind, PacketReader.Read(b6).Payload is IcmpMessage m6 ? m6.Kind : default);
    }

    [Fact]
    public void Echo_carries_identifier_sequence_and_the_data_pattern()
    {
        var b = PacketWriter.ToBytes(Echo(HostA4, HostB4, IcmpKind.EchoRequest, dataLength: 300, seq: 9));
        Assert.Equal(0x4d2, U16(b, 24));
        Assert.Equal(9, U16(b, 26));
        for (int i = 0; i < 300; i++) Assert.Equal((byte)i, b[28 + i]);
        Assert.Equal(0, InternetChecksum.Compute(b.AsSpan(20)));   // ICMPv4: no pseudo-header
    }

    [Fact]
    public void Icmpv6_checksum_covers_the_pseudo_header()
    {
        var b = PacketWriter.ToBytes(Echo(HostA6, HostB6, IcmpKind.EchoReply));
        var with = InternetChecksum.WithPseudoHeader(HostA6, HostB6, IpProtocol.Icmpv6, b.Length - 40);
        with.Add(b.AsSpan(40));
        Assert.True(with.IsValid);
        Assert.NotEqual(0, InternetChecksum.Compute(b.AsSpan(40)));   // alone it would not verify
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void Error_quotes_the_original_ip_header_and_8_bytes_as_written_with_its_ttl(int family)
    {
        var original = family == 4 ? Udp(HostA4, HostB4, 100, ttl: 1, id: 77) : Udp(HostA6, HostB6, 100, ttl: 1);
        var error = Error(family == 4 ? Router4 : Router6, original, IcmpKind.TimeExceeded);
        var b = PacketWriter.ToBytes(error);
        int quoteAt = original.HeaderBytes + IcmpMessage.HeaderBytes;
        int quoteLength = original.HeaderBytes + 8;

        Assert.Equal(PacketWriter.ToBytes(original)[..quoteLength], b[quoteAt..]);
        Assert.Equal(1, b[quoteAt + (family == 4 ? 8 : 7)]);       // TTL 1 as the router saw it
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(quoteAt - 4)));   // unused field
    }

    // RFC 1191 §4: "the low-order 16 bits of the second word of the ICMP header (labelled "unused" in the ICMP
    // specification) [hold] the MTU of the next-hop network"; the high-order 16 bits stay zero. With a 20 B IPv4
    // header the second word is bytes 24–27, so the MTU is bytes 26–27.
    [Fact]
    public void Fragmentation_needed_carries_the_next_hop_mtu_in_the_low_16_bits_of_the_second_word()
    {
        var error = Error(Router4, Udp(HostA4, HostB4, 1200), IcmpKind.DestinationUnreachable, UnreachableCode.FragmentationNeeded, nextHopMtu: 1000);
        var b = PacketWriter.ToBytes(error);
        Assert.Equal((3, 4), (b[20], b[21]));
        Assert.Equal(0, U16(b, 24));
        Assert.Equal(1000, U16(b, 26));
        var back = Assert.IsType<IcmpMessage>(PacketReader.Read(b).Payload);
        Assert.Equal(1000, back.NextHopMtu);
    }

    // RFC 4443 §3.2 Packet Too Big: type 2, code 0, then a 32-bit "MTU: The Maximum Transmission Unit of the
    // next-hop link", bytes 44–47 after the 40 B IPv6 header. IPv6 links have an MTU of at least 1280 (RFC 8200 §5).
    [Fact]
    public void Packet_too_big_carries_the_next_hop_mtu_in_its_32_bit_mtu_field()
    {
        var error = Error(Router6, Udp(HostA6, HostB6, 1400), IcmpKind.DestinationUnreachable, UnreachableCode.FragmentationNeeded, nextHopMtu: 1280);
        var b = PacketWriter.ToBytes(error);
        Assert.Equal((2, 0), (b[40], b[41]));
        Assert.Equal(1280u, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(44)));
        var back = Assert.IsType<IcmpMessage>(PacketReader.Read(b).Payload);
        Assert.Equal(1280, back.NextHopMtu);
    }

    [Theory]
    [InlineData(4, 65536)]
    [InlineData(4, -1)]
    [InlineData(6, -1)]
    public void A_next_hop_mtu_the_field_cannot_hold_is_refused(int family, int mtu)
    {
        var error = family == 4
            ? Error(Router4, Udp(HostA4, HostB4, 100), IcmpKind.DestinationUnreachable, UnreachableCode.FragmentationNeeded, nextHopMtu: mtu)
            : Error(Router6, Udp(HostA6, HostB6, 100), IcmpKind.DestinationUnreachable, UnreachableCode.FragmentationNeeded, nextHopMtu: mtu);
        Assert.Throws<ArgumentOutOfRangeException>(() => PacketWriter.ToBytes(error));
    }

    [Fact]
    public void Error_about_a_tiny_original_quotes_all_of_it()
    {
        // An ICMP echo with no data is 8 bytes: the quote is IP header + those 8 bytes.
        var original = Echo(HostA4, HostB4, IcmpKind.EchoRequest, dataLength: 0);
        var b = PacketWriter.ToBytes(Error(Router4, original, IcmpKind.DestinationUnreachable, UnreachableCode.Host));
        Assert.Equal(PacketWriter.ToBytes(original), b[28..]);
    }

    // ---- Length: always Packet.TotalLength ----

    public static TheoryData<string, Packet> EveryShape()
    {
        var data = new TheoryData<string, Packet>();
        foreach (var (name, a, b, r) in new[] { ("v4", HostA4, HostB4, Router4), ("v6", HostA6, HostB6, Router6) })
        {
            data.Add($"{name} udp empty", Udp(a, b, 0));
            data.Add($"{name} udp 1", Udp(a, b, 1, [7]));
            data.Add($"{name} udp 1400", Udp(a, b, 1400));
            data.Add($"{name} echo 0", Echo(a, b, IcmpKind.EchoRequest, 0));
            data.Add($"{name} echo reply 57", Echo(b, a, IcmpKind.EchoReply, 57));
            data.Add($"{name} time exceeded no original", new Packet
            {
                Id = 9, Source = r, Destination = a,
                Payload = new IcmpMessage { Kind = IcmpKind.TimeExceeded, DataLength = 3 },
            });
            foreach (var code in Enum.GetValues<UnreachableCode>())
                data.Add($"{name} unreachable {code}", Error(r, Udp(a, b, 500), IcmpKind.DestinationUnreachable, code));
            data.Add($"{name} time exceeded about echo", Error(r, Echo(a, b, IcmpKind.EchoRequest, 1000), IcmpKind.TimeExceeded));
            data.Add($"{name} error about error", Error(r, Error(r, Udp(a, b, 10), IcmpKind.TimeExceeded), IcmpKind.TimeExceeded));
            var syn = new TcpSegment(40000, 80, new SequenceNumber(1), default, TcpFlags.Syn, 65535)
            {
                Options = new TcpOptions { MaximumSegmentSize = 1460, WindowScale = 14, SackPermitted = true },
            };
            data.Add($"{name} tcp syn", TcpPacket(a, b, syn));
            data.Add($"{name} tcp 1460", TcpPacket(a, b, new TcpSegment(40000, 80, new SequenceNumber(2), default, TcpFlags.Ack, 100, new byte[1460])));
            data.Add($"{name} tcp sack 4 blocks", TcpPacket(b, a, new TcpSegment(80, 40000, default, new SequenceNumber(2), TcpFlags.Ack, 100)
            {
                Options = new TcpOptions { SackBlocks = [.. Enumerable.Range(1, 4).Select(i => new SackBlock(new SequenceNumber((uint)i * 10), new SequenceNumber((uint)i * 10 + 5)))] },
            }));
            data.Add($"{name} time exceeded about tcp", Error(r, TcpPacket(a, b, syn, ttl: 1), IcmpKind.TimeExceeded));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryShape))]
    public void Writes_exactly_TotalLength_bytes_and_they_parse(string name, Packet p)
    {
        var buffer = new byte[p.TotalLength + 10];
        buffer.AsSpan().Fill(0xEE);
        Assert.Equal(p.TotalLength, PacketWriter.Write(p, buffer));
        Assert.All(buffer[p.TotalLength..], x => Assert.Equal(0xEE, x));   // nothing past the end
        var bytes = PacketWriter.ToBytes(p);
        Assert.Equal(p.TotalLength, bytes.Length);
        Assert.Equal(p.TotalLength, PacketReader.Read(bytes).TotalLength);
        Assert.False(string.IsNullOrEmpty(name));
    }

    // ---- Refusals ----

    [Fact]
    public void Destination_too_small_is_refused()
    {
        var p = Udp(HostA4, HostB4, 10);
        Assert.Throws<ArgumentException>(() => PacketWriter.Write(p, new byte[p.TotalLength - 1]));
    }

    [Fact]
    public void Udp_data_that_disagrees_with_DataLength_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PacketWriter.ToBytes(Udp(HostA4, HostB4, 10, new byte[9])));
    }

    [Fact]
    public void Mixed_address_families_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PacketWriter.ToBytes(Udp(HostA4, HostB6, 1)));
    }

    [Fact]
    public void Ipv4_datagram_over_65535_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PacketWriter.ToBytes(Udp(HostA4, HostB4, 65535 - 28 + 1)));
    }
}
