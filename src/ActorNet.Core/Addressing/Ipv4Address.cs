using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ActorNet.Core.Addressing;

/// <summary>An IPv4 address as its 32-bit value, most significant octet first (RFC 791).</summary>
public readonly record struct Ipv4Address(uint Value) : IComparable<Ipv4Address>
{
    public static readonly Ipv4Address Any = new(0);

    public Ipv4Address(byte a, byte b, byte c, byte d) : this((uint)(a << 24 | b << 16 | c << 8 | d)) { }

    public int CompareTo(Ipv4Address other) => Value.CompareTo(other.Value);

    /// <summary>Strict dotted-quad: four decimal octets 0–255, no leading '+', no spaces.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out Ipv4Address address)
    {
        address = default;
        uint value = 0;
        int octets = 0;
        int i = 0;
        while (octets < 4)
        {
            int start = i, octet = 0;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9' && i - start < 3)
                octet = octet * 10 + (s[i++] - '0');
            if (i == start || octet > 255) return false;
            if (i - start > 1 && s[start] == '0') return false; // "010" is octal in some parsers: refuse it
            value = value << 8 | (uint)octet;
            octets++;
            if (octets < 4)
            {
                if (i >= s.Length || s[i] != '.') return false;
                i++;
            }
        }
        if (i != s.Length) return false;
        address = new Ipv4Address(value);
        return true;
    }

    public static Ipv4Address Parse(string s) =>
        TryParse(s, out var a) ? a : throw new FormatException($"'{s}' is not an IPv4 address (expected a.b.c.d)");

    public void WriteBytes(Span<byte> destination) => System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Value >> 24}.{(Value >> 16) & 0xFF}.{(Value >> 8) & 0xFF}.{Value & 0xFF}");
}
