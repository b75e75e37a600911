using System.Globalization;
using ActorNet.Core.Time;

namespace ActorNet.Core.Units;

/// <summary>A link or application rate in bits per second.</summary>
public readonly record struct DataRate(long BitsPerSecond)
{
    public static DataRate FromMbps(long mbps) => new(checked(mbps * 1_000_000));

    /// <summary>
    /// Time to put <paramref name="bytes"/> on the wire, rounded up to a whole nanosecond so a
    /// packet never leaves earlier than physics allows. 84 B at 10 Mbit/s = 67,200 ns exactly.
    /// </summary>
    public SimTime TransmissionTime(int bytes)
    {
        // bits * 1e9 / rate, in 128-bit to survive 10 Gbit/s links and jumbo frames.
        Int128 num = (Int128)bytes * 8 * 1_000_000_000;
        Int128 q = Int128.DivRem(num, BitsPerSecond).Quotient;
        if (q * BitsPerSecond != num) q++;
        return new SimTime((long)q);
    }

    public override string ToString()
    {
        long b = BitsPerSecond;
        if (b % 1_000_000_000 == 0) return (b / 1_000_000_000).ToString(CultureInfo.InvariantCulture) + "Gbit/s";
        if (b % 1_000_000 == 0) return (b / 1_000_000).ToString(CultureInfo.InvariantCulture) + "Mbit/s";
        if (b % 1_000 == 0) return (b / 1_000).ToString(CultureInfo.InvariantCulture) + "kbit/s";
        return b.ToString(CultureInfo.InvariantCulture) + "bit/s";
    }
}
