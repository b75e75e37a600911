using ActorNet.Core.Addressing;
using CsCheck;

namespace ActorNet.Core.Tests.Addressing;

public class AddressTests
{
    [Theory]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("10.0.1.2", 0x0A000102u)]
    [InlineData("255.255.255.255", 0xFFFFFFFFu)]
    public void Ipv4_parses_dotted_quads(string text, uint value)
    {
        Assert.Equal(value, Ipv4Address.Parse(text).Value);
        Assert.Equal(text, new Ipv4Address(value).ToString());
    }

    [Theory]
    [InlineData("256.0.0.1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("01.2.3.4")]
    [InlineData(" 1.2.3.4")]
    [InlineData("1.2.3.4/24")]
    [InlineData("")]
    public void Ipv4_refuses_what_is_not_a_strict_dotted_quad(string text) => Assert.False(Ipv4Address.TryParse(text, out _));

    [Fact]
    public void Ipv4_format_then_parse_is_identity() =>
        Gen.UInt.Sample(v => Ipv4Address.Parse(new Ipv4Address(v).ToString()).Value == v);

    [Fact]
    public void Ipv6_is_128_bits_and_formats_per_rfc5952()
    {
        var a = Ipv6Address.Parse("2001:DB8:0:0:0:0:0:1");
        Assert.Equal("2001:db8::1", a.ToString());
        Assert.Equal((UInt128)0x20010db8 << 96 | 1, a.Value);
        Assert.False(Ipv6Address.TryParse("fe80::1%eth0", out _));
        Assert.False(Ipv6Address.TryParse("10.0.0.1", out _));
    }

    [Fact]
    public void Ipv6_format_then_parse_is_identity() =>
        Gen.ULong.Select(Gen.ULong).Sample(t =>
        {
            var a = new Ipv6Address(new UInt128(t.Item1, t.Item2));
            return Ipv6Address.Parse(a.ToString()) == a;
        });

    [Fact]
    public void Prefixes_refuse_host_bits_and_contain_their_addresses()
    {
        Assert.False(Ipv4Prefix.TryParse("10.0.1.1/24", out _));
        Assert.False(Ipv4Prefix.TryParse("10.0.1.0/33", out _));
        var p = Ipv4Prefix.Parse("10.0.1.0/24");
        Assert.True(p.Contains(Ipv4Address.Parse("10.0.1.255")));
        Assert.False(p.Contains(Ipv4Address.Parse("10.0.2.0")));
        // /0 contains everything (the shift-by-32 trap).
        Assert.True(Ipv4Prefix.Default.Contains(Ipv4Address.Parse("203.0.113.9")));
        Assert.True(Ipv6Prefix.Default.Contains(Ipv6Address.Parse("2001:db8::1")));
        Assert.True(Ipv6Prefix.Parse("2001:db8::/32").Contains(Ipv6Address.Parse("2001:db8:ffff::1")));
        Assert.False(Ipv6Prefix.TryParse("2001:db8::1/64", out _));
    }

    [Fact]
    public void Prefix_of_an_address_clears_host_bits_for_every_length() =>
        Gen.UInt.Select(Gen.Int[0, 32]).Sample(t =>
        {
            var p = Ipv4Prefix.Of(new Ipv4Address(t.Item1), t.Item2);
            return p.Contains(new Ipv4Address(t.Item1)) && Ipv4Prefix.Parse(p.ToString()) == p;
        });

    [Fact]
    public void IpAddress_holds_either_family_and_orders_v4_before_v6()
    {
        IpAddress v4 = Ipv4Address.Parse("10.0.0.1");
        IpAddress v6 = Ipv6Address.Parse("::1");
        Assert.True(v4.IsV4);
        Assert.False(v6.IsV4);
        Assert.NotEqual(v4, (IpAddress)new Ipv6Address(v4.Bits));
        Assert.True(v4.CompareTo(v6) < 0);
        Assert.Equal(v4, IpAddress.Parse("10.0.0.1"));
    }
}
