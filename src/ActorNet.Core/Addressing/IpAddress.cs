namespace ActorNet.Core.Addressing;

/// <summary>
/// An IPv4 or IPv6 address in one value type, as packets and sockets carry either.
/// IPv4 lives in the low 32 bits of <see cref="Bits"/>.
/// </summary>
public readonly record struct IpAddress : IComparable<IpAddress>
{
    private IpAddress(IpFamily family, UInt128 bits) => (Family, Bits) = (family, bits);

    public IpFamily Family { get; }
    public UInt128 Bits { get; }

    public bool IsV4 => Family == IpFamily.V4;
    public Ipv4Address V4 => IsV4 ? new Ipv4Address((uint)Bits) : throw new InvalidOperationException($"{this} is not IPv4");
    public Ipv6Address V6 => !IsV4 ? new Ipv6Address(Bits) : throw new InvalidOperationException($"{this} is not IPv6");

    public static implicit operator IpAddress(Ipv4Address a) => new(IpFamily.V4, a.Value);
    public static implicit operator IpAddress(Ipv6Address a) => new(IpFamily.V6, a.Value);

    public static bool TryParse(ReadOnlySpan<char> s, out IpAddress address)
    {
        if (Ipv4Address.TryParse(s, out var v4)) { address = v4; return true; }
        if (Ipv6Address.TryParse(s, out var v6)) { address = v6; return true; }
        address = default;
        return false;
    }

    public static IpAddress Parse(string s) =>
        TryParse(s, out var a) ? a : throw new FormatException($"'{s}' is not an IPv4 or IPv6 address");

    public int CompareTo(IpAddress other) =>
        Family != other.Family ? Family.CompareTo(other.Family) : Bits.CompareTo(other.Bits);

    public override string ToString() => Family == IpFamily.V4 ? V4.ToString() : (Family == IpFamily.V6 ? V6.ToString() : "(none)");
}
