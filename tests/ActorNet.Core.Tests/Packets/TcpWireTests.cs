using System.Buffers.Binary;
using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Packets.Wire;
using ActorNet.Core.Tcp;
using static ActorNet.Core.Tests.Packets.WireSamples;

namespace ActorNet.Core.Tests.Packets;

/// <summary>TCP on the wire (RFC 9293 §3.1): header offsets, option layout, checksum, and what the reader refuses.</summary>
public class TcpWireTests
{
    private static ushort U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at));
    private static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));

    // A client SYN just before the sequence space wraps, offering everything ActorNet speaks.
    private static readonly TcpSegment Syn = new(40000, 5001, new SequenceNumber(0xFFFF_FF00), default, TcpFlags.Syn, 65535)
    {
        Options = new TcpOptions { MaximumSegmentSize = 1460, WindowScale = 7, SackPermitted = true },
    };

    private static void AssertReadsBack(Packet written, Packet read)
    {
        var e = Assert.IsType<TcpSegment>(written.Payload);
        var a = Assert.IsType<TcpSegment>(read.Payload);
        // Record equality compares Data by reference: compare the rest, then the bytes.
        Assert.Equal(e with { Data = default }, a with { Data = default });
        Assert.Equal(e.Data.ToArray(), a.Data.ToArray());
        Assert.Equal((written.Source, written.Destination, written.Ttl), (read.Source, read.Destination, read.Ttl));
    }

    // ---- Header and options, RFC 9293 §3.1 ----

    [Fact]
    public void Syn_header_fields_sit_at_rfc9293_offsets()
    {
        var p = TcpPacket(HostA4, HostB4, Syn);
        var b = PacketWriter.ToBytes(p);

        Assert.Equal(20 + 32, b.Length);
        Assert.Equal(6, b[9]);                          // IPv4 protocol TCP
        Assert.Equal(40000, U16(b, 20));
        Assert.Equal(5001, U16(b, 22));
        Assert.Equal(0xFFFF_FF00u, U32(b, 24));         // sequence number
        Assert.Equal(0u, U32(b, 28));                   // acknowledgment: ACK is clear
        Assert.Equal(0x80, b[32]);                      // data offset 8 words, reserved 0
        Assert.Equal(0x02, b[33]);                      // SYN
        Assert.Equal(65535, U16(b, 34));                // window
        Assert.Equal(0, U16(b, 38));                    // urgent pointer
    }

    [Fact]
    public void Syn_options_are_mss_then_nop_window_scale_then_sack_permitted_padded_with_eol()
    {
        var b = PacketWriter.ToBytes(TcpPacket(HostA4, HostB4, Syn));
        byte[] expected =
        [
            2, 4, 0x05, 0xb4,   // MSS 1460 (RFC 9293 §3.2)
            1, 3, 3, 7,         // NOP, window scale 7 (RFC 7323 §2.2): the NOP word-aligns it
            4, 2,               // SACK-permitted (RFC 2018 §2)
            0, 0,               // EOL, zero padding (RFC 9293 §3.1)
        ];
        Assert.Equal(expected, b[40..52]);
        Assert.Equal(12, Syn.Options.Length);
    }

    [Fact]
    public void Syn_with_every_option_reads_back_equal()
    {
        var p = TcpPacket(HostA4, HostB4, Syn, ttl: 9, id: 0x1234);
        AssertReadsBack(p, PacketReader.Read(PacketWriter.ToBytes(p)));
    }

    [Fact]
    public void Sack_blocks_follow_kind_5_and_a_length_of_2_plus_8_per_block()
    {
        var ack = new TcpSegment(5001, 40000, new SequenceNumber(7), new SequenceNumber(0xFFFF_FFF0), TcpFlags.Ack, 512)
        {
            Options = new TcpOptions
            {
                SackBlocks = [new(new SequenceNumber(0xFFFF_FFF8), new SequenceNumber(0x10)), new(new SequenceNumber(0x20), new SequenceNumber(0x30))],
            },
        };
        var p = TcpPacket(HostB4, HostA4, ack);
        var b = PacketWriter.ToBytes(p);

        Assert.Equal(20 + 20 + 20, b.Length);           // 18 option bytes padded to 20
        Assert.Equal(0xa0, b[32]);                      // data offset 10 words
        Assert.Equal([5, 18], b[40..42]);
        Assert.Equal(new[] { 0xFFFF_FFF8u, 0x10u, 0x20u, 0x30u }, new[] { U32(b, 42), U32(b, 46), U32(b, 50), U32(b, 54) });
        Assert.Equal([0, 0], b[58..60]);
        AssertReadsBack(p, PacketReader.Read(b));
    }

    [Fact]
    public void Data_follows_the_header_and_reads_back()
    {
        byte[] data = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i * 31))];
        var segment = new TcpSegment(40000, 5001, new SequenceNumber(0xFFFF_FF01), new SequenceNumber(0x8000_0001), TcpFlags.Psh | TcpFlags.Ack, 2048, data);
        var p = TcpPacket(HostA4, HostB4, segment);
        var b = PacketWriter.ToBytes(p);

        Assert.Equal(20 + 20 + 1000, b.Length);
        Assert.Equal(0x50, b[32]);                      // no options: data offset 5
        Assert.Equal(0x18, b[33]);                      // PSH | ACK
        Assert.Equal(0x8000_0001u, U32(b, 28));
        Assert.Equal(data, b[40..]);
        AssertReadsBack(p, PacketReader.Read(b));
    }

    [Fact]
    public void Data_can_be_a_slice_of_a_larger_buffer()
    {
        // Send buffers hand out slices (TcpSegment's contract): only the slice goes on the wire.
        byte[] buffer = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];
        var segment = new TcpSegment(1, 2, new SequenceNumber(10), new SequenceNumber(20), TcpFlags.Ack, 100, buffer.AsMemory(40, 20));
        var b = PacketWriter.ToBytes(TcpPacket(HostA6, HostB6, segment));
        Assert.Equal(buffer[40..60], b[60..]);
    }

    [Theory]
    [InlineData(TcpFlags.Fin | TcpFlags.Ack, 0x11)]
    [InlineData(TcpFlags.Rst, 0x04)]
    [InlineData(TcpFlags.Rst | TcpFlags.Ack, 0x14)]
    [InlineData(TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Ece | TcpFlags.Cwr, 0xd2)]
    public void Control_bits_are_byte_13_in_rfc9293_order(TcpFlags flags, int expected)
    {
        var segment = new TcpSegment(80, 40000, new SequenceNumber(0xFFFF_FFFF), new SequenceNumber(1), flags, 0);
        foreach (var p in new[] { TcpPacket(HostB4, HostA4, segment), TcpPacket(HostB6, HostA6, segment) })
        {
            var b = PacketWriter.ToBytes(p);
            Assert.Equal(expected, b[p.HeaderBytes + 13]);
            AssertReadsBack(p, PacketReader.Read(b));
        }
    }

    // ---- Checksum: pseudo-header, RFC 9293 §3.1 ----

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void Checksum_covers_the_pseudo_header_of_the_family(int family)
    {
        var (from, to) = family == 4 ? (HostA4, HostB4) : (HostA6, HostB6);
        var p = TcpPacket(from, to, Syn with { Data = new byte[] { 1, 2, 3 } });   // odd length: a padded last word
        var b = PacketWriter.ToBytes(p);
        var segment = b.AsSpan(p.HeaderBytes);

        Assert.Equal(6, b[family == 4 ? 9 : 6]);                    // protocol / next header
        if (family == 6) Assert.Equal(32 + 3, U16(b, 4));           // IPv6 payload length
        var sum = InternetChecksum.WithPseudoHeader(from, to, IpProtocol.Tcp, segment.Length);
        sum.Add(segment);
        Assert.True(sum.IsValid);
        var otherFamily = family == 4
            ? InternetChecksum.WithPseudoHeader(HostA6, HostB6, IpProtocol.Tcp, segment.Length)
            : InternetChecksum.WithPseudoHeader(HostA4, HostB4, IpProtocol.Tcp, segment.Length);
        otherFamily.Add(segment);
        Assert.False(otherFamily.IsValid);
        AssertReadsBack(p, PacketReader.Read(b));
    }

    // smoltcp src/wire/tcp.rs SYN_PACKET_BYTES: 192.168.1.1:48896 -> 192.168.1.2:80, seq 01234567,
    // SYN, window 0123, data aa 00 00 ff, checksum 7a8d. By hand, pseudo-header
    // c0a8 0101 c0a8 0102 0006 0018 sums to 18371; the segment's words bf00 0050 0123 4567 0000 0000
    // 5002 0123 [0000] 0000 aa00 00ff add 1f1fe, total 3856f; fold 856f + 3 = 8572; ~8572 = 7a8d.
    private static readonly byte[] SmoltcpSyn =
    [
        0xbf, 0x00, 0x00, 0x50, 0x01, 0x23, 0x45, 0x67, 0x00, 0x00, 0x00, 0x00,
        0x50, 0x02, 0x01, 0x23, 0x7a, 0x8d, 0x00, 0x00, 0xaa, 0x00, 0x00, 0xff,
    ];

    [Fact]
    public void Syn_equals_the_smoltcp_vector()
    {
        var p = new Packet
        {
            Id = 1,
            Source = Ipv4Address.Parse("192.168.1.1"),
            Destination = Ipv4Address.Parse("192.168.1.2"),
            Payload = new TcpSegment(48896, 80, new SequenceNumber(0x01234567), default, TcpFlags.Syn, 0x0123, new byte[] { 0xaa, 0x00, 0x00, 0xff }),
        };
        var b = PacketWriter.ToBytes(p);
        Assert.Equal(SmoltcpSyn, b[20..]);
        Assert.Equal(0x7a8d, U16(b, 36));
        AssertReadsBack(p, PacketReader.Read(b));
    }

    // ---- Refused by the writer ----

    [Fact]
    public void Options_over_40_bytes_are_refused()
    {
        // MSS 4 + NOP/WS 4 + SACK with 4 blocks 34 = 42: more than a 4-bit data offset can hold.
        var blocks = Enumerable.Range(0, 4).Select(i => new SackBlock(new SequenceNumber((uint)i * 100), new SequenceNumber((uint)i * 100 + 50))).ToArray();
        var segment = Syn with { Options = Syn.Options with { SackPermitted = false, SackBlocks = blocks } };
        var error = Assert.Throws<ArgumentException>(() => PacketWriter.ToBytes(TcpPacket(HostA4, HostB4, segment)));
        Assert.Contains("40", error.Message);
        // Without the MSS it fits exactly: 4 + 34 = 38, padded to 40, data offset 15.
        var fits = segment with { Options = segment.Options with { MaximumSegmentSize = null } };
        Assert.Equal(0xf0, PacketWriter.ToBytes(TcpPacket(HostA4, HostB4, fits))[32]);
    }

    // ---- Read: options a real peer may send ----

    // A segment whose option bytes are exactly `options` (a multiple of 4), checksum correct.
    private static byte[] WithOptionBytes(params byte[] options)
    {
        var b = PacketWriter.ToBytes(TcpPacket(HostA4, HostB4, new TcpSegment(1, 2, new SequenceNumber(100), new SequenceNumber(200), TcpFlags.Ack, 1000, options)));
        b[32] = (byte)(((20 + options.Length) / 4) << 4);
        return Reseal(b);
    }

    // Recomputes the TCP checksum of an IPv4 HostA4 -> HostB4 packet a test has edited.
    private static byte[] Reseal(byte[] b)
    {
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(36), 0);
        var sum = InternetChecksum.WithPseudoHeader(HostA4, HostB4, IpProtocol.Tcp, b.Length - 20);
        sum.Add(b.AsSpan(20));
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(36), sum.Value);
        return b;
    }

    private static TcpOptions OptionsOf(byte[] packet) => Assert.IsType<TcpSegment>(PacketReader.Read(packet).Payload).Options;

    [Fact]
    public void Unknown_options_are_skipped_by_their_length()
    {
        // RFC 9293 §3.1 MUST-6. Kind 30 (MPTCP, RFC 8684) and kind 8 (timestamps, RFC 7323 §3) are
        // not in the model; the MSS after them still reads.
        var o = OptionsOf(WithOptionBytes(30, 6, 9, 9, 9, 9, 8, 10, 1, 2, 3, 4, 5, 6, 7, 8, 2, 4, 0x05, 0xb4));
        Assert.Equal(new TcpOptions { MaximumSegmentSize = 1460 }, o);
    }

    [Fact]
    public void Options_read_in_any_order_with_any_nops()
    {
        // Linux's SYN without timestamps: MSS, NOP, NOP, SACK-permitted, NOP, window scale.
        var o = OptionsOf(WithOptionBytes(2, 4, 0x05, 0xb4, 1, 1, 4, 2, 1, 3, 3, 9));
        Assert.Equal(new TcpOptions { MaximumSegmentSize = 1460, SackPermitted = true, WindowScale = 9 }, o);
        // Linux's SACK: NOP, NOP, then the blocks.
        o = OptionsOf(WithOptionBytes(1, 1, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2));
        Assert.Equal([new SackBlock(new SequenceNumber(1), new SequenceNumber(2))], o.SackBlocks);
    }

    [Fact]
    public void Bytes_after_end_of_option_list_are_padding()
    {
        // RFC 9293 §3.2: EOL ends the list, whatever the data offset says.
        var o = OptionsOf(WithOptionBytes(2, 4, 0x05, 0xb4, 0, 2, 4, 1));
        Assert.Equal(new TcpOptions { MaximumSegmentSize = 1460 }, o);
    }

    [Fact]
    public void A_window_scale_over_14_is_read_as_sent()
    {
        // RFC 7323 §2.3: the receiver uses 14 instead, a decision for the connection, not the wire.
        Assert.Equal((byte)15, OptionsOf(WithOptionBytes(1, 3, 3, 15)).WindowScale);
    }

    [Theory]
    [InlineData(new byte[] { 2, 0, 0, 0 }, "TCP option kind 2 at option byte 0 has length 0")]
    [InlineData(new byte[] { 30, 1, 0, 0 }, "TCP option kind 30 at option byte 0 has length 1")]
    [InlineData(new byte[] { 1, 30, 8, 0 }, "TCP option kind 30 at option byte 1 has length 8 but only 3 option bytes remain")]
    [InlineData(new byte[] { 1, 1, 1, 2 }, "TCP option kind 2 at option byte 3 has no length byte")]
    [InlineData(new byte[] { 2, 3, 5, 1 }, "TCP MSS option has length 3")]
    [InlineData(new byte[] { 3, 4, 7, 0 }, "TCP window scale option has length 4")]
    [InlineData(new byte[] { 4, 4, 0, 0 }, "TCP SACK-permitted option has length 4")]
    [InlineData(new byte[] { 5, 6, 0, 0, 0, 0, 0, 0 }, "TCP SACK option has length 6")]
    [InlineData(new byte[] { 5, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "TCP SACK option has length 12")]
    [InlineData(new byte[] { 2, 4, 5, 180, 2, 4, 5, 180 }, "TCP MSS option appears twice")]
    [InlineData(new byte[] { 4, 2, 4, 2 }, "TCP SACK-permitted option appears twice")]
    public void Malformed_options_are_refused_with_what_is_wrong(byte[] options, string message)
    {
        // RFC 9293 §3.1 MUST-7: an illegal option length must be handled, not crash or misparse.
        var bytes = WithOptionBytes(options);
        Assert.False(PacketReader.TryRead(bytes, out _, out var error));
        Assert.StartsWith(message, error);
        Assert.StartsWith(message, Assert.Throws<FormatException>(() => PacketReader.Read(bytes)).Message);
    }

    // ---- Read: malformed headers ----

    [Theory]
    [InlineData(4, "TCP data offset 4 words is less than the 5 of the fixed header")]
    [InlineData(15, "TCP data offset 15 words (60 bytes) but the segment has 24 bytes")]
    public void A_data_offset_outside_the_segment_is_refused(int words, string message)
    {
        var b = WithOptionBytes(1, 1, 1, 1);
        b[32] = (byte)(words << 4);
        Assert.False(PacketReader.TryRead(Reseal(b), out _, out var error));
        Assert.StartsWith(message, error);
    }

    [Fact]
    public void A_bad_checksum_is_refused()
    {
        var b = PacketWriter.ToBytes(TcpPacket(HostA6, HostB6, Syn));
        b[^1] ^= 0x01;   // last option byte (padding)
        Assert.False(PacketReader.TryRead(b, out _, out var error));
        Assert.StartsWith("bad TCP checksum", error);
    }

    [Fact]
    public void A_header_cut_short_is_refused()
    {
        var p = TcpPacket(HostA4, HostB4, new TcpSegment(1, 2, default, default, TcpFlags.Ack, 0));
        var b = PacketWriter.ToBytes(p)[..36];
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), 36);   // keep the IPv4 total length honest
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(10), 0);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(10), InternetChecksum.Compute(b.AsSpan(0, 20)));
        Assert.False(PacketReader.TryRead(b, out _, out var error));
        Assert.Equal("TCP header needs 20 bytes, have 16", error);
    }

    [Fact]
    public void An_urgent_pointer_is_refused_as_unsupported()
    {
        var b = WithOptionBytes();
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(38), 5);
        Assert.False(PacketReader.TryRead(Reseal(b), out _, out var error));
        Assert.StartsWith("TCP urgent pointer 5 is not supported", error);
    }

    [Fact]
    public void Reserved_bits_are_ignored()
    {
        // RFC 9293 §3.1: "must be ignored in received segments".
        var b = WithOptionBytes();
        b[32] |= 0x0f;
        var segment = Assert.IsType<TcpSegment>(PacketReader.Read(Reseal(b)).Payload);
        Assert.Equal(TcpFlags.Ack, segment.Flags);
    }

    // ---- Quoted in an ICMP error ----

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void An_icmp_error_about_a_segment_quotes_ports_and_sequence_number(int family)
    {
        var original = family == 4 ? TcpPacket(HostA4, HostB4, Syn, ttl: 1) : TcpPacket(HostA6, HostB6, Syn, ttl: 1);
        var error = Error(family == 4 ? Router4 : Router6, original, IcmpKind.TimeExceeded);
        var b = PacketWriter.ToBytes(error);

        Assert.Equal(PacketWriter.ToBytes(original)[..(original.HeaderBytes + 8)], b[(error.HeaderBytes + IcmpMessage.HeaderBytes)..]);
        var quoted = Assert.IsType<TcpSegment>(Assert.IsType<IcmpMessage>(PacketReader.Read(b).Payload).Original?.Payload);
        Assert.Equal((Syn.SourcePort, Syn.DestinationPort, Syn.Sequence), (quoted.SourcePort, quoted.DestinationPort, quoted.Sequence));
    }
}
