using System.Globalization;

namespace ActorNet.Core.Addressing;

/// <summary>An IPv6 prefix (RFC 4291 §2.3). Host bits must be zero.</summary>
public readonly record struct Ipv6Prefix
{
    public Ipv6Prefix(Ipv6Address network, int length)
    {
        if ((uint)length > 128 || (network.Value & ~Mask(length)) != UInt128.Zero)
            throw new ArgumentException($"{network}/{length}: length over 128 or host bits set");
        (Network, Length) = (network, length);
    }

    public Ipv6Address Network { get; }
    public int Length { get; }

    public static readonly Ipv6Prefix Default = new(Ipv6Address.Any, 0);

    // Shift counts are masked to 7 bits for UInt128: "<< 128" would be "<< 0", so /0 is special.
    public static UInt128 Mask(int length) => length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);

    public bool Contains(Ipv6Address a) => (a.Value & Mask(Length)) == Network.Value;

    public static Ipv6Prefix Of(Ipv6Address a, int length) => new(new Ipv6Address(a.Value & Mask(length)), length);

    public static bool TryParse(ReadOnlySpan<char> s, out Ipv6Prefix prefix)
    {
        prefix = default;
        int slash = s.IndexOf('/');
        if (slash < 0) return false;
        if (!Ipv6Address.TryParse(s[..slash], out var net)) return false;
        var lenText = s[(slash + 1)..];
        if (lenText.Length is 0 or > 3 || !int.TryParse(lenText, NumberStyles.None, CultureInfo.InvariantCulture, out int len) || len > 128) return false;
        if ((net.Value & ~Mask(len)) != UInt128.Zero) return false;
        prefix = new Ipv6Prefix(net, len);
        return true;
    }

    public static Ipv6Prefix Parse(string s) =>
        TryParse(s, out var p) ? p : throw new FormatException($"'{s}' is not an IPv6 prefix (expected addr/len with host bits zero)");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Network}/{Length}");
}
