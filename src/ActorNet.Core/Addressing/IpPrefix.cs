namespace ActorNet.Core.Addressing;

/// <summary>An IPv4 or IPv6 prefix, for scenario files and route lists that mix both.</summary>
public readonly record struct IpPrefix
{
    private IpPrefix(IpAddress network, int length) => (Network, Length) = (network, length);

    public IpAddress Network { get; }
    public int Length { get; }
    public IpFamily Family => Network.Family;

    public static implicit operator IpPrefix(Ipv4Prefix p) => new(p.Network, p.Length);
    public static implicit operator IpPrefix(Ipv6Prefix p) => new(p.Network, p.Length);

    public Ipv4Prefix V4 => new(Network.V4, Length);
    public Ipv6Prefix V6 => new(Network.V6, Length);

    public bool Contains(IpAddress a) =>
        a.Family == Family && (Family == IpFamily.V4 ? V4.Contains(a.V4) : V6.Contains(a.V6));

    public static IpPrefix Of(IpAddress a, int length) =>
        a.IsV4 ? Ipv4Prefix.Of(a.V4, length) : Ipv6Prefix.Of(a.V6, length);

    public static bool TryParse(ReadOnlySpan<char> s, out IpPrefix prefix)
    {
        if (Ipv4Prefix.TryParse(s, out var v4)) { prefix = v4; return true; }
        if (Ipv6Prefix.TryParse(s, out var v6)) { prefix = v6; return true; }
        prefix = default;
        return false;
    }

    public static IpPrefix Parse(string s) =>
        TryParse(s, out var p) ? p : throw new FormatException($"'{s}' is not an IP prefix");

    public override string ToString() => $"{Network}/{Length}";
}
