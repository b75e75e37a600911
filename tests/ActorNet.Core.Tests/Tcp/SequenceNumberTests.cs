using ActorNet.Core.Tcp;
using CsCheck;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>
/// RFC 9293 §3.4 sequence arithmetic modulo 2³² (serial numbers, RFC 1982 §3): unit cases across
/// the wrap, then a property against 64-bit integers that never wrap.
/// </summary>
public class SequenceNumberTests
{
    private static SequenceNumber S(uint v) => new(v);

    // ---- Across the wrap ----

    [Fact]
    public void Adding_past_2_to_the_32_wraps_to_small_numbers()
    {
        Assert.Equal(S(0x10), S(0xFFFF_FFF0) + 0x20);
        Assert.Equal(S(0), S(0xFFFF_FFFF) + 1);
        Assert.Equal(S(0xFFFF_FFFB), S(5) - 10);
        Assert.Equal(S(7), S(7) + (1L << 32));   // a long step is taken modulo 2³² too
    }

    [Fact]
    public void Distance_is_signed_and_short_way_round()
    {
        Assert.Equal(0x20, S(0x10) - S(0xFFFF_FFF0));
        Assert.Equal(-0x20, S(0xFFFF_FFF0) - S(0x10));
        Assert.Equal(int.MaxValue, S(0x7FFF_FFFF) - S(0));
        Assert.Equal(0, S(123) - S(123));
    }

    [Fact]
    public void A_number_just_after_the_wrap_comes_after_one_just_before()
    {
        // The raw values order the other way: this is why they must never be compared directly.
        Assert.True(0xFFFF_FFF0u > 0x10u);
        Assert.True(S(0xFFFF_FFF0) < S(0x10));
        Assert.True(S(0x10) > S(0xFFFF_FFF0));
        Assert.True(S(0xFFFF_FFF0) <= S(0x10));
        Assert.True(S(0x10) >= S(0xFFFF_FFF0));
        Assert.False(S(0x10) < S(0xFFFF_FFF0));
        Assert.False(S(0xFFFF_FFF0) > S(0x10));
    }

    [Fact]
    public void Equal_numbers_are_neither_before_nor_after()
    {
        Assert.False(S(9) < S(9));
        Assert.False(S(9) > S(9));
        Assert.True(S(9) <= S(9));
        Assert.True(S(9) >= S(9));
    }

    [Fact]
    public void Max_and_min_follow_sequence_order_not_raw_values()
    {
        Assert.Equal(S(0x10), SequenceNumber.Max(S(0xFFFF_FFF0), S(0x10)));
        Assert.Equal(S(0xFFFF_FFF0), SequenceNumber.Min(S(0x10), S(0xFFFF_FFF0)));
    }

    [Fact]
    public void Just_under_2_to_the_31_apart_still_orders_correctly()
    {
        // RFC 1982 §3.2: defined while the distance is under 2³¹.
        var a = S(0xFFFF_FFF0);
        var b = a + int.MaxValue;
        Assert.True(a < b);
        Assert.True(b > a);
        Assert.Equal(int.MaxValue, b - a);
        Assert.Equal(-int.MaxValue, a - b);
    }

    [Fact]
    public void InRange_holds_start_and_excludes_end_across_the_wrap()
    {
        // RFC 9293 §3.4 "start ≤ x < end" for [0xFFFFFFF0, 0x10), a window that spans the wrap.
        var start = S(0xFFFF_FFF0);
        var end = S(0x10);
        Assert.True(start.InRange(start, end));
        Assert.True(S(0xFFFF_FFFF).InRange(start, end));
        Assert.True(S(0).InRange(start, end));
        Assert.True(S(0xF).InRange(start, end));
        Assert.False(end.InRange(start, end));
        Assert.False(S(0x11).InRange(start, end));
        Assert.False(S(0xFFFF_FFEF).InRange(start, end));
    }

    [Fact]
    public void An_empty_range_holds_nothing()
    {
        Assert.False(S(0).InRange(S(0), S(0)));
        Assert.False(S(0xFFFF_FFFF).InRange(S(0xFFFF_FFFF), S(0xFFFF_FFFF)));
    }

    [Fact]
    public void ToString_is_the_decimal_value()
    {
        Assert.Equal("4294967295", S(uint.MaxValue).ToString());
    }

    // ---- Against unwrapped 64-bit integers ----

    private const long MaxDistance = int.MaxValue;   // 2³¹ − 1: where the order is defined

    // Unwrapped positions: anywhere in 2⁴⁰, or within 300 of a multiple of 2³² (a wrap).
    private static readonly Gen<long> Position = Gen.OneOf(
        Gen.Long[0, 1L << 40],
        Gen.Select(Gen.Long[1, 255], Gen.Long[-300, 300], (k, d) => (k << 32) + d));

    // Distances under 2³¹, often tiny or right at the limit.
    private static readonly Gen<long> Distance = Gen.OneOf(
        Gen.Long[-MaxDistance, MaxDistance],
        Gen.Long[-300, 300],
        Gen.Long[MaxDistance - 300, MaxDistance],
        Gen.Long[-MaxDistance, -MaxDistance + 300]);

    private static SequenceNumber Wrap(long unwrapped) => new(unchecked((uint)unwrapped));

    [Fact]
    public void Comparisons_and_arithmetic_agree_with_unwrapped_64_bit_integers()
    {
        Gen.Select(Position, Distance).Sample((x, d) =>
        {
            long y = x + d;
            SequenceNumber a = Wrap(x), b = Wrap(y);
            Assert.Equal(x < y, a < b);
            Assert.Equal(x > y, a > b);
            Assert.Equal(x <= y, a <= b);
            Assert.Equal(x >= y, a >= b);
            Assert.Equal(y - x, b - a);
            Assert.Equal(x - y, a - b);
            Assert.Equal(b, a + d);
            Assert.Equal(a, b - d);
            Assert.Equal(Wrap(Math.Max(x, y)), SequenceNumber.Max(a, b));
            Assert.Equal(Wrap(Math.Min(x, y)), SequenceNumber.Min(a, b));
        }, iter: 20_000, print: t => $"x={t.Item1} d={t.Item2}");
    }

    [Fact]
    public void InRange_agrees_with_unwrapped_64_bit_integers()
    {
        // start ≤ x < end on the integers, for x within 2³¹ of both ends.
        var gen =
            from start in Position
            from length in Gen.OneOf(Gen.Long[0, MaxDistance], Gen.Long[0, 300])
            // Anywhere allowed, or at the edges: around start and around end.
            from offset in Gen.OneOf(Gen.Long[length - MaxDistance, MaxDistance], Gen.Long[-3, 3], Gen.Long[length - 3, length + 3])
            select (start, length, Math.Clamp(offset, length - MaxDistance, MaxDistance));
        gen.Sample((start, length, offset) =>
        {
            long end = start + length, x = start + offset;
            Assert.Equal(start <= x && x < end, Wrap(x).InRange(Wrap(start), Wrap(end)));
        }, iter: 20_000, print: t => $"start={t.Item1} length={t.Item2} offset={t.Item3}");
    }
}
