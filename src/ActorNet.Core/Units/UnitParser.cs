using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;

namespace ActorNet.Core.Units;

/// <summary>
/// Quantities as people write them in scenario files: <c>5ms</c>, <c>10Mbit/s</c>, <c>64KiB</c>,
/// <c>1%</c>. Arithmetic is in <see cref="decimal"/>, so "1.5ms" is exactly 1,500,000 ns and a value
/// that does not land on a whole nanosecond (or bit/s, or byte) is refused, never rounded.
/// Methods never throw; on failure <c>error</c> says what was wrong and which forms are accepted.
/// Numbers: optional '-', digits, optional '.' and digits; no exponent, no thousands separator.
/// Whitespace between number and unit is allowed ("5 ms").
/// </summary>
public static class UnitParser
{
    public const string DurationForms = "a number and a unit: ns, us (or µs), ms, s, min, h; e.g. 5ms, 1.5s, 250ns";
    public const string RateForms = "a number and a unit: bit/s or bps, with k, M, G or T in front (decimal: k = 1000); e.g. 10Mbit/s, 10Mbps, 1.5Gbit/s, 64bit/s";
    public const string QueueForms = "packets (100p, 100 packets) or bytes (1500B, 64KB = 64000 B, 64KiB = 65536 B, also MB, MiB, GB, GiB), or both as 100p/64KiB";
    public const string ProbabilityForms = "a percentage (1%, 0.5%) or a probability between 0 and 1 (0.01)";
    public const string ByteSizeForms = "a whole number of bytes (65535), or a number and a unit: B, KB (1000 B), KiB (1024 B), MB, MiB, GB, GiB; e.g. 64KiB, 1MiB";

    private static readonly (string Unit, long Ns)[] DurationUnits =
    [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("min", 60_000_000_000), ("h", 3_600_000_000_000),
    ];

    /// <summary>"5ms", "1.5s", "10us", "250ns", "2min", "0s" → exact nanoseconds. Negative values parse (callers decide).</summary>
    public static bool TryParseDuration(string text, out SimTime value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (!SplitNumber(text, out decimal number, out string unit, out error, DurationForms)) return false;
        if (unit.Length == 0)
        {
            error = $"'{text}' has no unit; expected {DurationForms}";
            return false;
        }
        foreach (var (u, ns) in DurationUnits)
        {
            if (unit != u) continue;
            if (!TryMultiply(number, ns, out decimal total))
            {
                error = TooLong(text);
                return false;
            }
            if (total != decimal.Truncate(total))
            {
                error = $"'{text}' is not a whole number of nanoseconds; time has 1 ns resolution";
                return false;
            }
            if (total > ScenarioLimits.MaxTime.Nanoseconds || total < -ScenarioLimits.MaxTime.Nanoseconds)
            {
                error = TooLong(text);
                return false;
            }
            value = new SimTime((long)total);
            return true;
        }
        error = $"'{text}' has an unknown time unit '{unit}'; expected {DurationForms}";
        return false;
    }

    // A limit well inside SimTime's 292 years, so a time plus a few more cannot overflow (ScenarioLimits).
    private static string TooLong(string text) => $"'{text}' is too long a time; the longest is {ScenarioLimits.MaxTime} (about 31.7 years)";

    /// <summary>"10Mbit/s", "10Mbps", "1Gbit/s", "100kbit/s", "64bit/s", "1.5Mbit/s" → bits per second (SI, decimal).</summary>
    public static bool TryParseRate(string text, out DataRate value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (!SplitNumber(text, out decimal number, out string unit, out error, RateForms)) return false;
        if (unit.Length == 0)
        {
            error = $"'{text}' has no unit; expected {RateForms}";
            return false;
        }
        string baseUnit;
        long factor = 1;
        string rest = unit;
        if (rest.Length > 1 && rest[0] is 'k' or 'K' or 'M' or 'G' or 'T')
        {
            factor = rest[0] switch { 'k' or 'K' => 1_000, 'M' => 1_000_000, 'G' => 1_000_000_000, _ => 1_000_000_000_000 };
            rest = rest[1..];
        }
        baseUnit = rest;
        if (baseUnit is not ("bit/s" or "bps" or "b/s"))
        {
            string hint = baseUnit is "B/s" or "Bps" or "byte/s" ? "rates are in bits per second, not bytes; " : "";
            error = $"'{text}' has an unknown rate unit '{unit}'; {hint}expected {RateForms}";
            return false;
        }
        if (number < 0)
        {
            error = $"'{text}' is negative; a rate must be positive";
            return false;
        }
        if (!TryMultiply(number, factor, out decimal bps) || bps > long.MaxValue)
        {
            error = $"'{text}' is too large a rate";
            return false;
        }
        if (bps != decimal.Truncate(bps))
        {
            error = $"'{text}' is not a whole number of bits per second";
            return false;
        }
        value = new DataRate((long)bps);
        return true;
    }

    /// <summary>"100p", "100 packets", "64KiB", "1500B", "1MB", "100p/64KiB" → a queue limit (neither part may be 0).</summary>
    public static bool TryParseQueueLimit(string text, out QueueLimit value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        int slash = text.IndexOf('/');
        if (slash >= 0)
        {
            if (!TryParseQueuePart(text[..slash], text, out var a, out error)) return false;
            if (!TryParseQueuePart(text[(slash + 1)..], text, out var b, out error)) return false;
            if ((a.Packets > 0) == (b.Packets > 0))
            {
                error = $"'{text}' must combine one packet limit and one byte limit; expected {QueueForms}";
                return false;
            }
            value = new QueueLimit(a.Packets + b.Packets, a.Bytes + b.Bytes);
            return true;
        }
        if (!TryParseQueuePart(text, text, out value, out error)) return false;
        return true;
    }

    private static readonly (string Unit, long Bytes)[] ByteUnits =
    [
        ("B", 1), ("KB", 1_000), ("kB", 1_000), ("KiB", 1024), ("MB", 1_000_000), ("MiB", 1024 * 1024),
        ("GB", 1_000_000_000), ("GiB", 1024L * 1024 * 1024),
    ];

    private static bool TryParseQueuePart(string part, string whole, out QueueLimit value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (!SplitNumber(part, out decimal number, out string unit, out error, QueueForms))
        {
            error = $"'{whole}' is not a queue limit; expected {QueueForms}";
            return false;
        }
        if (number <= 0)
        {
            error = $"'{whole}' is not a usable queue limit: it must be more than 0";
            return false;
        }
        if (unit is "p" or "packets" or "packet" or "pkts")
        {
            if (number != decimal.Truncate(number))
            {
                error = $"'{whole}' is not a whole number of packets";
                return false;
            }
            if (number > int.MaxValue)
            {
                error = $"'{whole}' is too many packets; at most {int.MaxValue}";
                return false;
            }
            value = new QueueLimit((int)number, 0);
            return true;
        }
        if (unit.Length == 0)
        {
            error = $"'{whole}' has no unit; expected {QueueForms}";
            return false;
        }
        if (!TryBytes(number, unit, whole, out long bytes, out error))
        {
            error ??= $"'{whole}' has an unknown queue unit '{unit}'; expected {QueueForms}";
            return false;
        }
        value = new QueueLimit(0, bytes);
        return true;
    }

    /// <summary>
    /// "64KiB", "1MiB", "1500B", "64KB" (64,000), or a bare "65535" → bytes. A bare number means bytes,
    /// unlike a time, because bytes are the only unit it could be in. Negative values parse (callers decide).
    /// </summary>
    public static bool TryParseByteSize(string text, out long value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (!SplitNumber(text, out decimal number, out string unit, out error, ByteSizeForms)) return false;
        if (unit.Length == 0) unit = "B";
        if (TryBytes(number, unit, text, out value, out error)) return true;
        error ??= $"'{text}' has an unknown size unit '{unit}'; expected {ByteSizeForms}";
        return false;
    }

    /// <summary>number × the unit's bytes; false with a null error when the unit is not a byte unit.</summary>
    private static bool TryBytes(decimal number, string unit, string whole, out long value, out string? error)
    {
        value = 0;
        error = null;
        foreach (var (u, factor) in ByteUnits)
        {
            if (unit != u) continue;
            if (!TryMultiply(number, factor, out decimal bytes) || bytes > long.MaxValue || bytes < long.MinValue)
            {
                error = $"'{whole}' is too large; sizes are at most {long.MaxValue} B";
                return false;
            }
            if (bytes != decimal.Truncate(bytes))
            {
                error = $"'{whole}' is not a whole number of bytes";
                return false;
            }
            value = (long)bytes;
            return true;
        }
        return false;
    }

    /// <summary>"1%" → 0.01, "0.01" → 0.01. Must lie in [0, 1].</summary>
    public static bool TryParsePercentOrProbability(string text, out double value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (!SplitNumber(text, out decimal number, out string unit, out error, ProbabilityForms)) return false;
        if (unit == "%") number /= 100m;
        else if (unit.Length != 0)
        {
            error = $"'{text}' has an unknown unit '{unit}'; expected {ProbabilityForms}";
            return false;
        }
        if (number < 0 || number > 1)
        {
            error = $"'{text}' is outside 0..1 (0%..100%); expected {ProbabilityForms}";
            return false;
        }
        value = (double)number;
        return true;
    }

    /// <summary>Splits "1.5 Mbit/s" into 1.5 and "Mbit/s".</summary>
    private static bool SplitNumber(string text, out decimal number, out string unit, [NotNullWhen(false)] out string? error, string forms)
    {
        number = 0;
        unit = "";
        error = null;
        var s = text.AsSpan().Trim();
        int i = 0;
        if (i < s.Length && s[i] is '-' or '+') i++;
        int digits = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == digits)
        {
            error = $"'{text}' does not start with a number; expected {forms}";
            return false;
        }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            int frac = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == frac)
            {
                error = $"'{text}' has no digits after '.'; expected {forms}";
                return false;
            }
        }
        if (!decimal.TryParse(s[..i], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number))
        {
            error = $"'{text}' has too many digits";
            return false;
        }
        unit = s[i..].TrimStart().ToString();
        return true;
    }

    private static bool TryMultiply(decimal a, long b, out decimal result)
    {
        try
        {
            result = a * b;
            return true;
        }
        catch (OverflowException)
        {
            result = 0;
            return false;
        }
    }
}
