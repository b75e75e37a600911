using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Packets.Wire;
using CsCheck;

namespace ActorNet.Core.Tests.Packets;

public class InternetChecksumTests
{
    // RFC 1071 §3 "Numerical Examples": the bytes 00 01 f2 03 f4 f5 f6 f7 have the one's
    // complement sum dd f2 (0001 + f203 + f4f5 + f6f7 = 2ddf0, folded 2 + ddf0 = ddf2),
    // so the checksum is ~ddf2 = 220d.
    private static readonly byte[] Rfc1071Example = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];

    [Fact]
    public void Rfc1071_example_sums_to_ddf2()
    {
        var c = new InternetChecksum();
        c.Add(Rfc1071Example);
        Assert.Equal(0xddf2, c.Sum);
        Assert.Equal(0x220d, c.Value);
        Assert.Equal(0x220d, InternetChecksum.Compute(Rfc1071Example));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void Rfc1071_example_split_at_any_byte_gives_the_same_sum(int split)
    {
        var c = new InternetChecksum();
        c.Add(Rfc1071Example.AsSpan(0, split));
        c.Add(Rfc1071Example.AsSpan(split));
        Assert.Equal(0xddf2, c.Sum);
    }

    [Fact]
    public void Odd_length_is_padded_with_a_zero_byte()
    {
        // RFC 1071 §4.1: a left-over byte is added as the high half of a word.
        Assert.Equal(InternetChecksum.Compute([0x12, 0x34, 0x56, 0x00]), InternetChecksum.Compute([0x12, 0x34, 0x56]));
        Assert.Equal(0x54ff, InternetChecksum.Compute([0xab]));   // ~ab00
    }

    [Fact]
    public void Empty_and_all_zero_data_give_ffff()
    {
        Assert.Equal(0xffff, InternetChecksum.Compute([]));
        Assert.Equal(0xffff, InternetChecksum.Compute(new byte[64]));
    }

    // A real IPv4 header (a DNS answer from 192.168.0.1 to 192.168.0.199), the worked example in
    // Wikipedia "Internet checksum", §"Calculating the IPv4 header checksum". By hand:
    // 4500 + 0073 + 0000 + 4000 + 4011 + c0a8 + 0001 + c0a8 + 00c7 = 2479c; 479c + 2 = 479e;
    // ~479e = b861, the checksum the packet carries at offset 10.
    private static readonly byte[] CapturedIpv4Header =
        [0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7];

    [Fact]
    public void Captured_ipv4_header_checksum_is_b861()
    {
        var header = (byte[])CapturedIpv4Header.Clone();
        header[10] = header[11] = 0;
        Assert.Equal(0xb861, InternetChecksum.Compute(header));

        var verify = new InternetChecksum();
        verify.Add(CapturedIpv4Header);
        Assert.True(verify.IsValid);
        Assert.Equal(0, verify.Value);
    }

    // smoltcp 5393f885 src/wire/udp.rs tests: UDP 48896 -> 53 from 192.168.1.1 to 192.168.1.2,
    // payload aa 00 00 ff, checksum 124d (pseudo-header included, RFC 768).
    internal static readonly byte[] SmoltcpUdp = [0xbf, 0x00, 0x00, 0x35, 0x00, 0x0c, 0x12, 0x4d, 0xaa, 0x00, 0x00, 0xff];

    [Fact]
    public void Smoltcp_udp_vector_verifies_with_the_ipv4_pseudo_header()
    {
        var c = InternetChecksum.WithPseudoHeader(Ipv4Address.Parse("192.168.1.1"), Ipv4Address.Parse("192.168.1.2"), IpProtocol.Udp, SmoltcpUdp.Length);
        c.Add(SmoltcpUdp);
        Assert.True(c.IsValid);
    }

    // smoltcp src/wire/icmpv6.rs tests: echo request id 1234 seq abcd, payload aa 00 00 ff,
    // between fe80::1 and fe80::2, checksum 19b3 (RFC 4443 §2.3, IPv6 pseudo-header).
    [Fact]
    public void Smoltcp_icmpv6_echo_vector_verifies_with_the_ipv6_pseudo_header()
    {
        byte[] echo = [0x80, 0x00, 0x19, 0xb3, 0x12, 0x34, 0xab, 0xcd, 0xaa, 0x00, 0x00, 0xff];
        var c = InternetChecksum.WithPseudoHeader(Ipv6Address.Parse("fe80::1"), Ipv6Address.Parse("fe80::2"), IpProtocol.Icmpv6, echo.Length);
        c.Add(echo);
        Assert.True(c.IsValid);
    }

    // Reference: RFC 1071 §4.1's loop, one 16-bit word at a time.
    private static ushort Reference(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (int i = 0; i < data.Length; i += 2)
        {
            sum += (uint)(data[i] << 8 | (i + 1 < data.Length ? data[i + 1] : 0));
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    [Fact]
    public void Equals_the_word_at_a_time_reference_for_any_data_and_any_split()
    {
        Gen.Byte.Array[0, 300].SelectMany(d => Gen.Int[0, d.Length].SelectMany(a => Gen.Int[a, d.Length].Select(b => (d, a, b))))
            .Sample((data, a, b) =>
            {
                var c = new InternetChecksum();
                c.Add(data.AsSpan(0, a));
                c.Add(data.AsSpan(a, b - a));
                c.Add(data.AsSpan(b));
                return c.Value == Reference(data) && InternetChecksum.Compute(data) == Reference(data);
            }, iter: 2000);
    }

    [Fact]
    public void Data_with_its_checksum_appended_at_an_even_offset_verifies()
    {
        Gen.Byte.Array[0, 200].Select(d => d.Length % 2 == 0 ? d : [.. d, 0]).Sample(data =>
        {
            ushort cs = InternetChecksum.Compute(data);
            var c = new InternetChecksum();
            c.Add(data);
            c.AddUInt16(cs);
            return c.IsValid;
        });
    }
}
