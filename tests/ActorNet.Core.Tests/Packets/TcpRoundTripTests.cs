using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Packets.Wire;
using CsCheck;

namespace ActorNet.Core.Tests.Packets;

/// <summary>
/// Random TCP segments (any ports, sequence numbers near the 2³² wrap, any flags and window, any
/// options that fit, 0–1460 data bytes) over IPv4 and IPv6: write → read gives the same segment.
/// CsCheck prints the seed of a failing case; rerun with it to reproduce.
/// </summary>
public class TcpRoundTripTests
{
    private static readonly Gen<Packet> Packets =
        from v4 in Gen.Bool
        from source in v4 ? WireGen.V4 : WireGen.V6
        from destination in v4 ? WireGen.V4 : WireGen.V6
        from ttl in Gen.Byte
        from identification in Gen.UShort
        from segment in WireGen.Segment
        select new Packet { Id = 0, Source = source, Destination = destination, Ttl = ttl, Identification = v4 ? identification : (ushort)0, Payload = segment };

    private static string Describe(Packet p) => $"{p.Source}->{p.Destination} {WireGen.Describe((TcpSegment)p.Payload)}";

    [Fact]
    public void Random_segments_read_back_equal()
    {
        Packets.Sample(p =>
        {
            var bytes = PacketWriter.ToBytes(p);
            Assert.Equal(p.TotalLength, bytes.Length);
            var back = PacketReader.Read(bytes);   // throws on a bad checksum or option
            Assert.Equal((p.Source, p.Destination, p.Ttl, p.Identification), (back.Source, back.Destination, back.Ttl, back.Identification));
            var expected = (TcpSegment)p.Payload;
            var actual = Assert.IsType<TcpSegment>(back.Payload);
            // Record equality compares Data by reference: compare the rest, then the bytes.
            Assert.Equal(expected with { Data = default }, actual with { Data = default });
            Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
        }, iter: 3000, print: Describe);
    }

    [Fact]
    public void Random_segments_rewrite_to_identical_bytes()
    {
        // Nothing is lost on the way: reserved bits and the urgent pointer are written 0, the
        // options in the one layout TcpOptionCodec writes.
        Packets.Sample(p =>
        {
            var bytes = PacketWriter.ToBytes(p);
            Assert.Equal(bytes, PacketWriter.ToBytes(PacketReader.Read(bytes)));
        }, iter: 1000, print: Describe);
    }
}
