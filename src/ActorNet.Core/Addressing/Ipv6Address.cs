using System.Net;
using System.Net.Sockets;

namespace ActorNet.Core.Addressing;

/// <summary>An IPv6 address as its 128-bit value, most significant bit first (RFC 8200).</summary>
public readonly record struct Ipv6Address(UInt128 Value) : IComparable<Ipv6Address>
{
    public static readonly Ipv6Address Any = new(UInt128.Zero);

    public int CompareTo(Ipv6Address other) => Value.CompareTo(other.Value);

    public static bool TryParse(ReadOnlySpan<char> s, out Ipv6Address address)
    {
        address = default;
        // Zone ids ("%eth0") have no meaning in a simulated network.
        if (s.IndexOf('%') >= 0 || s.IndexOf(':') < 0) return false;
        if (!IPAddress.TryParse(s, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6) return false;
        Span<byte> bytes = stackalloc byte[16];
        ip.TryWriteBytes(bytes, out _);
        address = new Ipv6Address(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes));
        return true;
    }

    public static Ipv6Address Parse(string s) =>
        TryParse(s, out var a) ? a : throw new FormatException($"'{s}' is not an IPv6 address");

    public void WriteBytes(Span<byte> destination) => System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(destination, Value);

    /// <summary>RFC 5952 canonical text (lower case, longest zero run compressed).</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        WriteBytes(bytes);
        return new IPAddress(bytes).ToString();
    }
}
