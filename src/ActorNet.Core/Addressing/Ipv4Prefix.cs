using System.Globalization;

namespace ActorNet.Core.Addressing;

/// <summary>An IPv4 CIDR prefix (RFC 4632). Host bits must be zero, as in System.Net.IPNetwork.</summary>
public readonly record struct Ipv4Prefix
{
    public Ipv4Prefix(Ipv4Address network, int length)
    {
        if ((uint)length > 32 || (network.Value & ~Mask(length)) != 0)
            throw new ArgumentException($"{network}/{length}: length over 32 or host bits set");
        (Network, Length) = (network, length);
    }

    public Ipv4Address Network { get; }
    public int Length { get; }

    public static readonly Ipv4Prefix Default = new(Ipv4Address.Any, 0);

    // C# masks uint shift counts to 5 bits: "<< 32" would be "<< 0", so /0 is special.
    public static uint Mask(int length) => length == 0 ? 0u : uint.MaxValue << (32 - length);

    public bool Contains(Ipv4Address a) => (a.Value & Mask(Length)) == Network.Value;

    /// <summary>The prefix of the given length that holds <paramref name="a"/> (host bits cleared).</summary>
    public static Ipv4Prefix Of(Ipv4Address a, int length) => new(new Ipv4Address(a.Value & Mask(length)), length);

    public static bool TryParse(ReadOnlySpan<char> s, out Ipv4Prefix prefix)
    {
        prefix = default;
        int slash = s.IndexOf('/');
        if (slash < 0) return false;
        if (!Ipv4Address.TryParse(s[..slash], out var net)) return false;
        var lenText = s[(slash + 1)..];
        if (lenText.Length is 0 or > 2 || !int.TryParse(lenText, NumberStyles.None, CultureInfo.InvariantCulture, out int len) || len > 32) return false;
        if ((net.Value & ~Mask(len)) != 0) return false;
        prefix = new Ipv4Prefix(net, len);
        return true;
    }

    public static Ipv4Prefix Parse(string s) =>
        TryParse(s, out var p) ? p : throw new FormatException($"'{s}' is not an IPv4 prefix (expected a.b.c.d/len with host bits zero)");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Network}/{Length}");
}
