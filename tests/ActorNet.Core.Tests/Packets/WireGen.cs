using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Tcp;
using CsCheck;

namespace ActorNet.Core.Tests.Packets;

/// <summary>CsCheck generators shared by the wire properties.</summary>
internal static class WireGen
{
    public static readonly Gen<IpAddress> V4 = Gen.UInt.Select(v => (IpAddress)new Ipv4Address(v));
    public static readonly Gen<IpAddress> V6 = Gen.Select(Gen.ULong, Gen.ULong, (hi, lo) => (IpAddress)new Ipv6Address(new UInt128(hi, lo)));

    /// <summary>Anywhere in 2³², a third of the time within 256 of the wrap (RFC 9293 §3.4) on either side.</summary>
    public static readonly Gen<SequenceNumber> Sequence =
        Gen.Frequency((2, (IGen<uint>)Gen.UInt), (1, Gen.Int[-256, 255].Select(d => unchecked((uint)d))))
            .Select(v => new SequenceNumber(v));

    /// <summary>Any mix of the options, as many SACK blocks as fit in the 40 option bytes (RFC 9293 §3.1).</summary>
    public static readonly Gen<TcpOptions> Options =
        from mss in Gen.UShort.Nullable()
        from shift in Gen.Byte.Nullable()   // raw byte: the wire carries over-14 shifts as sent
        from sackPermitted in Gen.Bool
        let room = 40 - (mss is null ? 0 : 4) - (shift is null ? 0 : 4) - (sackPermitted ? 2 : 0) - 2
        from blocks in Gen.Select(Sequence, Sequence, (l, r) => new SackBlock(l, r)).Array[0, Math.Min(4, room / 8)]
        select new TcpOptions { MaximumSegmentSize = mss, WindowScale = shift, SackPermitted = sackPermitted, SackBlocks = blocks };

    public static readonly Gen<TcpSegment> Segment =
        from sourcePort in Gen.UShort
        from destinationPort in Gen.UShort
        from seq in Sequence
        from ack in Sequence
        from flags in Gen.Byte
        from window in Gen.UShort
        from options in Options
        from data in Gen.OneOf(Gen.Byte.Array[0, 3], Gen.Byte.Array[0, 1460])   // empty and odd lengths often
        select new TcpSegment(sourcePort, destinationPort, seq, ack, (TcpFlags)flags, window, data) { Options = options };

    /// <summary>A segment with everything <see cref="TcpSegment.ToString"/> leaves out, for CsCheck's failure report.</summary>
    public static string Describe(TcpSegment t) =>
        $"{t} flags=0x{(byte)t.Flags:x2} mss={t.Options.MaximumSegmentSize} ws={t.Options.WindowScale} sackOk={t.Options.SackPermitted} sack=[{string.Join(" ", t.Options.SackBlocks)}]";
}
