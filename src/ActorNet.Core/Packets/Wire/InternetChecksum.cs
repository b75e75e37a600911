using System.Buffers.Binary;
using ActorNet.Core.Addressing;

namespace ActorNet.Core.Packets.Wire;

/// <summary>
/// The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum of
/// the data taken as big-endian 16-bit words, an odd trailing byte padded with a zero byte.
/// <para>
/// Incremental: <see cref="Add(ReadOnlySpan{byte})"/> any number of pieces (a pseudo-header, then a
/// header, then data); the result equals one pass over their concatenation, even when a piece has
/// an odd length. <see cref="Value"/> is what goes in the checksum field; over data that already
/// holds a correct checksum the sum is 0xFFFF and <see cref="Value"/> is 0 (<see cref="IsValid"/>).
/// </para>
/// </summary>
public struct InternetChecksum
{
    // Partial sums, not yet folded; one fold per Add keeps this far below overflow.
    private ulong _sum;
    // True when an odd number of bytes has been added: the next byte is the low half of a word.
    private bool _odd;

    /// <summary>Adds bytes that follow everything added so far.</summary>
    public void Add(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        ushort part = Fold(SumEven(data));
        // RFC 1071 §2(B) byte order independence: a piece that starts at an odd offset adds its
        // own sum with the two bytes of each word swapped.
        _sum += _odd ? BinaryPrimitives.ReverseEndianness(part) : part;
        _odd ^= (data.Length & 1) != 0;
    }

    public void AddUInt16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        Add(b);
    }

    public void AddUInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        Add(b);
    }

    public void AddAddress(IpAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        Add(b[..WriteAddress(address, b)]);
    }

    /// <summary>The folded one's complement sum so far (not complemented).</summary>
    public readonly ushort Sum => Fold(_sum);

    /// <summary>The checksum field value: the one's complement of <see cref="Sum"/>.</summary>
    public readonly ushort Value => (ushort)~Fold(_sum);

    /// <summary>True when the data added (checksum field included) sums to 0xFFFF (RFC 1071 §1(3)).</summary>
    public readonly bool IsValid => Fold(_sum) == 0xFFFF;

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        var c = new InternetChecksum();
        c.Add(data);
        return c.Value;
    }

    /// <summary>
    /// Pseudo-header for UDP, TCP and ICMPv6 checksums: RFC 768 for IPv4 (source, destination,
    /// zero, protocol, 16-bit length), RFC 8200 §8.1 for IPv6 (source, destination, 32-bit
    /// upper-layer length, three zero bytes, next header).
    /// </summary>
    public static InternetChecksum WithPseudoHeader(IpAddress source, IpAddress destination, IpProtocol protocol, int upperLayerLength)
    {
        var c = new InternetChecksum();
        c.AddAddress(source);
        c.AddAddress(destination);
        if (source.Family == IpFamily.V4)
        {
            c.AddUInt16((ushort)protocol);          // zero byte, protocol
            c.AddUInt16(checked((ushort)upperLayerLength));
        }
        else
        {
            c.AddUInt32(checked((uint)upperLayerLength));
            c.AddUInt32((uint)protocol);            // three zero bytes, next header
        }
        return c;
    }

    internal static int WriteAddress(IpAddress address, Span<byte> destination)
    {
        if (address.IsV4) { address.V4.WriteBytes(destination); return 4; }
        address.V6.WriteBytes(destination);
        return 16;
    }

    // Sum of the data as if it started at an even offset. 32-bit big-endian halves of each 8-byte
    // block are added into a 64-bit accumulator: 2^32 ≡ 2^16 ≡ 1 (mod 2^16 - 1), so folding the
    // wide sum gives the same one's complement sum as adding 16-bit words (RFC 1071 §2(C), (D)).
    // A span is at most 2^31 bytes, so at most 2^29 additions below 2^33: no overflow.
    private static ulong SumEven(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            ulong w = BinaryPrimitives.ReadUInt64BigEndian(data[i..]);
            sum += (w >> 32) + (w & 0xFFFF_FFFF);
        }
        if (i + 4 <= data.Length) { sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]); i += 4; }
        if (i + 2 <= data.Length) { sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]); i += 2; }
        if (i < data.Length) sum += (ulong)data[i] << 8;   // odd byte: padded with a zero low byte
        return sum;
    }

    private static ushort Fold(ulong sum)
    {
        while (sum >> 16 != 0) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)sum;
    }
}
