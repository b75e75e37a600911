using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Units;
using CsCheck;

namespace ActorNet.Core.Tests.Scenarios;

public class UnitParserTests
{
    [Theory]
    [InlineData("5ms", 5_000_000L)]
    [InlineData("1.5s", 1_500_000_000L)]
    [InlineData("10us", 10_000L)]
    [InlineData("10µs", 10_000L)]
    [InlineData("250ns", 250L)]
    [InlineData("2min", 120_000_000_000L)]
    [InlineData("1h", 3_600_000_000_000L)]
    [InlineData("0s", 0L)]
    [InlineData("5 ms", 5_000_000L)]
    [InlineData("20.2688ms", 20_268_800L)]
    [InlineData("0.000000001s", 1L)]
    [InlineData("-3ms", -3_000_000L)]
    public void Duration_parses_to_exact_nanoseconds(string text, long ns)
    {
        Assert.True(UnitParser.TryParseDuration(text, out var t, out var err), err);
        Assert.Equal(ns, t.Nanoseconds);
    }

    [Theory]
    [InlineData("5", "no unit")]
    [InlineData("5 sec", "unknown time unit 'sec'")]
    [InlineData("1.5ns", "whole number of nanoseconds")]
    [InlineData("0.0000000001s", "whole number of nanoseconds")]
    [InlineData("ms", "does not start with a number")]
    [InlineData("1.ms", "no digits after '.'")]
    [InlineData("1e3ms", "unknown time unit")]
    [InlineData("300y", "unknown time unit")]
    [InlineData("1000000000h", "too long")]
    public void Duration_failures_explain_and_list_the_forms(string text, string expected)
    {
        Assert.False(UnitParser.TryParseDuration(text, out _, out var err));
        Assert.Contains(expected, err);
        if (!expected.Contains("whole") && !expected.Contains("too long")) Assert.Contains("ns, us", err);
    }

    [Theory]
    [InlineData("10Mbit/s", 10_000_000L)]
    [InlineData("10Mbps", 10_000_000L)]
    [InlineData("1Gbit/s", 1_000_000_000L)]
    [InlineData("100kbit/s", 100_000L)]
    [InlineData("100Kbps", 100_000L)]
    [InlineData("64bit/s", 64L)]
    [InlineData("1.5Mbit/s", 1_500_000L)]
    [InlineData("10 Mbit/s", 10_000_000L)]
    [InlineData("0bit/s", 0L)]
    public void Rate_parses_in_decimal_SI(string text, long bps)
    {
        Assert.True(UnitParser.TryParseRate(text, out var r, out var err), err);
        Assert.Equal(bps, r.BitsPerSecond);
    }

    [Theory]
    [InlineData("10Mbit", "unknown rate unit")]
    [InlineData("10MB/s", "not bytes")]
    [InlineData("10", "no unit")]
    [InlineData("1.5bit/s", "whole number of bits")]
    [InlineData("-1Mbit/s", "negative")]
    [InlineData("10mbit/s", "unknown rate unit")]
    public void Rate_failures_explain(string text, string expected)
    {
        Assert.False(UnitParser.TryParseRate(text, out _, out var err));
        Assert.Contains(expected, err);
    }

    [Theory]
    [InlineData("100p", 100, 0L)]
    [InlineData("100 packets", 100, 0L)]
    [InlineData("1 packet", 1, 0L)]
    [InlineData("64KiB", 0, 65536L)]
    [InlineData("64KB", 0, 64000L)]
    [InlineData("1500B", 0, 1500L)]
    [InlineData("1MB", 0, 1_000_000L)]
    [InlineData("1MiB", 0, 1_048_576L)]
    [InlineData("1.5KB", 0, 1500L)]
    [InlineData("100p/64KiB", 100, 65536L)]
    public void Queue_limit_parses_packets_or_bytes(string text, int packets, long bytes)
    {
        Assert.True(UnitParser.TryParseQueueLimit(text, out var q, out var err), err);
        Assert.Equal(new QueueLimit(packets, bytes), q);
    }

    [Theory]
    [InlineData("100", "no unit")]
    [InlineData("0p", "more than 0")]
    [InlineData("1.5p", "whole number of packets")]
    [InlineData("64kib", "unknown queue unit")]
    [InlineData("1.0001KB", "whole number of bytes")]
    [InlineData("10p/20p", "one packet limit and one byte limit")]
    public void Queue_limit_failures_explain(string text, string expected)
    {
        Assert.False(UnitParser.TryParseQueueLimit(text, out _, out var err));
        Assert.Contains(expected, err);
    }

    [Theory]
    [InlineData("65535", 65_535L)]
    [InlineData("65535B", 65_535L)]
    [InlineData("64KiB", 65_536L)]
    [InlineData("64KB", 64_000L)]
    [InlineData("1MiB", 1_048_576L)]
    [InlineData("1.5KiB", 1536L)]
    [InlineData("2 GiB", 2_147_483_648L)]
    [InlineData("0", 0L)]
    [InlineData("-1KiB", -1024L)]
    public void Byte_size_parses_with_or_without_a_unit(string text, long bytes)
    {
        Assert.True(UnitParser.TryParseByteSize(text, out var b, out var err), err);
        Assert.Equal(bytes, b);
    }

    [Theory]
    [InlineData("64kib", "unknown size unit 'kib'")]
    [InlineData("100p", "unknown size unit 'p'")]
    [InlineData("1.5", "whole number of bytes")]
    [InlineData("KiB", "does not start with a number")]
    [InlineData("99999999999GiB", "too large")]
    public void Byte_size_failures_explain(string text, string expected)
    {
        Assert.False(UnitParser.TryParseByteSize(text, out _, out var err));
        Assert.Contains(expected, err);
    }

    [Theory]
    [InlineData("1%", 0.01)]
    [InlineData("0.01", 0.01)]
    [InlineData("0%", 0.0)]
    [InlineData("100%", 1.0)]
    [InlineData("1", 1.0)]
    [InlineData("0.5%", 0.005)]
    public void Probability_parses_percent_or_fraction(string text, double p)
    {
        Assert.True(UnitParser.TryParsePercentOrProbability(text, out var v, out var err), err);
        Assert.Equal(p, v);
    }

    [Theory]
    [InlineData("150%", "outside 0..1")]
    [InlineData("1.5", "outside 0..1")]
    [InlineData("-1%", "outside 0..1")]
    [InlineData("1 percent", "unknown unit")]
    [InlineData("lots", "does not start with a number")]
    public void Probability_failures_explain(string text, string expected)
    {
        Assert.False(UnitParser.TryParsePercentOrProbability(text, out _, out var err));
        Assert.Contains(expected, err);
        Assert.Contains("percentage", err);
    }

    // Property tests: what SimTime and DataRate print, the parser reads back exactly.

    [Fact]
    public void Duration_round_trips_through_SimTime_ToString()
    {
        // SimTime.ToString goes through double for fractions; up to ~1e5 s that is exact to the ns.
        Gen.Long[0, 100_000_000_000_000L].Sample(ns =>
        {
            var t = new SimTime(ns);
            Assert.True(UnitParser.TryParseDuration(t.ToString(), out var back, out var err), err);
            Assert.Equal(t, back);
        });
    }

    [Fact]
    public void Duration_round_trips_in_every_unit()
    {
        var units = new (string Unit, long Ns)[] { ("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000) };
        Gen.Select(Gen.Long[0, 1_000_000_000_000_000L], Gen.Int[0, units.Length - 1]).Sample((ns, u) =>
        {
            var (unit, factor) = units[u];
            // Exact decimal text (powers of ten only: 1/60 min has no finite decimal form).
            string text = (ns / (decimal)factor).ToString(System.Globalization.CultureInfo.InvariantCulture) + unit;
            Assert.True(UnitParser.TryParseDuration(text, out var back, out var err), err);
            Assert.Equal(ns, back.Nanoseconds);
        });
    }

    [Fact]
    public void Rate_round_trips_through_DataRate_ToString()
    {
        Gen.Long[1, long.MaxValue].Sample(bps =>
        {
            var r = new DataRate(bps);
            Assert.True(UnitParser.TryParseRate(r.ToString(), out var back, out var err), err);
            Assert.Equal(r, back);
        });
    }

    [Fact]
    public void Queue_limit_round_trips_through_QueueLimit_ToString()
    {
        Gen.Select(Gen.Int[0, 100_000], Gen.Long[0, 1L << 40]).Where((p, b) => p > 0 || b > 0).Sample((p, b) =>
        {
            var q = new QueueLimit(p, b);
            Assert.True(UnitParser.TryParseQueueLimit(q.ToString(), out var back, out var err), err);
            Assert.Equal(q, back);
        });
    }
}
