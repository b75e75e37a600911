using ActorNet.Core.Addressing;

namespace ActorNet.Core.Routing;

/// <summary>
/// Deterministic synthetic forwarding tables shaped like a full BGP table, for
/// the S12 lookup benchmark and tests. Same seed, same table.
/// </summary>
/// <remarks>
/// Lengths follow the rough shape of today's tables (most IPv4 routes are
/// /24s, most IPv6 routes /32–/48). A share of the longer routes are
/// more-specifics of shorter ones already drawn, as deaggregated routes are
/// (RFC 4632 §5.2 and §6), so the table has nested prefixes. Every route gets
/// its own value, the worst case for leaf compression and the best for
/// catching a wrong match in tests. System.Random with a seed is fine here: this
/// is test data, not a simulation stream.
/// </remarks>
public static class BgpLikeTableGenerator
{
    /// <summary>Routes in the S12 IPv4 table, default route not counted.</summary>
    public const int S12Ipv4Count = 1_000_000;

    /// <summary>Routes in the S12 IPv6 table, default route not counted.</summary>
    public const int S12Ipv6Count = 200_000;

    // Within each band, longer prefixes are likelier, as in real tables; this
    // also keeps the few hundred possible /8s from running out.
    private static readonly (double Share, int[] Lengths, double[] Weights)[] Ipv4Bands =
    [
        (0.60, [24], [1]),
        (0.20, [20, 21, 22, 23], [2, 2, 4, 3]),
        (0.18, [16, 17, 18, 19], [1, 2, 4, 8]),
        (0.02, [8, 9, 10, 11, 12, 13, 14, 15], [1, 2, 4, 8, 16, 32, 64, 128]),
    ];

    private static readonly (double Share, int[] Lengths, double[] Weights)[] Ipv6Bands =
    [
        (0.82, [32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48],
               [20, 1, 1, 1, 2, 1, 1, 1, 6, 1, 1, 1, 8, 2, 2, 2, 50]),
        (0.08, [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31], [1, 1, 1, 1, 1, 1, 1, 1, 2, 6, 2, 1]),
        (0.10, [49, 50, 52, 56, 60, 64], [1, 1, 1, 5, 1, 3]),
    ];

    // Where routes are drawn when they are not a more-specific: global unicast
    // less 0/8, 10/8, 127/8 and 224/3 (RFC 6890 special-purpose blocks).
    private static bool IsUsableFirstOctet(uint octet) => octet is >= 1 and <= 223 and not 10 and not 127;

    // IPv6: the RIR blocks inside 2000::/3 (2001::/16, 2400::/12 … 2c00::/12).
    private static readonly (ulong Top16, int Length)[] Ipv6Blocks =
        [(0x2001, 16), (0x2400, 12), (0x2600, 12), (0x2800, 12), (0x2a00, 12), (0x2c00, 12)];

    /// <summary>
    /// <paramref name="count"/> distinct IPv4 routes plus 0.0.0.0/0: about 60 % /24,
    /// 20 % /20–/23, 18 % /16–/19 and 2 % /8–/15. The default route comes first with
    /// value 0; route i (1-based) has value i.
    /// </summary>
    public static KeyValuePair<Ipv4Prefix, int>[] Ipv4(int seed, int count = S12Ipv4Count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var rng = new Random(seed);
        var lengths = new int[count];
        for (int i = 0; i < count; i++) lengths[i] = DrawLength(rng, Ipv4Bands);
        // Shorter routes first, so a longer one can be drawn inside one of them.
        Array.Sort(lengths);

        var networks = new uint[count];
        var seen = new HashSet<ulong>(count);
        int shorterEnd = 0; // networks[0..shorterEnd) are shorter than lengths[i]
        for (int i = 0; i < count; i++)
        {
            int len = lengths[i];
            while (lengths[shorterEnd] < len) shorterEnd++;
            uint net;
            do
            {
                uint raw;
                if (shorterEnd > 0 && rng.NextDouble() < 0.3)
                {
                    int parent = rng.Next(shorterEnd);
                    uint parentMask = Ipv4Prefix.Mask(lengths[parent]);
                    raw = networks[parent] | ((uint)rng.NextInt64(0, 1L << 32) & ~parentMask);
                }
                else
                {
                    uint first;
                    do first = (uint)rng.Next(1, 224); while (!IsUsableFirstOctet(first));
                    raw = first << 24 | (uint)rng.Next(1 << 24);
                }
                net = raw & Ipv4Prefix.Mask(len);
            } while (!seen.Add((ulong)net << 6 | (uint)len));
            networks[i] = net;
        }

        var routes = new KeyValuePair<Ipv4Prefix, int>[count + 1];
        routes[0] = new(Ipv4Prefix.Default, 0);
        for (int i = 0; i < count; i++)
            routes[i + 1] = new(new Ipv4Prefix(new Ipv4Address(networks[i]), lengths[i]), i + 1);
        return routes;
    }

    /// <summary>
    /// <paramref name="count"/> distinct IPv6 routes plus ::/0: about 82 % /32–/48
    /// (/48 and /32 most common), 8 % /20–/31 and 10 % /49–/64, all in the RIR blocks
    /// of 2000::/3. The default route comes first with value 0; route i has value i.
    /// </summary>
    public static KeyValuePair<Ipv6Prefix, int>[] Ipv6(int seed, int count = S12Ipv6Count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var rng = new Random(seed);
        var lengths = new int[count];
        for (int i = 0; i < count; i++) lengths[i] = DrawLength(rng, Ipv6Bands);
        Array.Sort(lengths);

        var networks = new UInt128[count];
        var seen = new HashSet<(UInt128, int)>(count);
        int shorterEnd = 0;
        for (int i = 0; i < count; i++)
        {
            int len = lengths[i];
            while (lengths[shorterEnd] < len) shorterEnd++;
            UInt128 net;
            do
            {
                UInt128 random = new((ulong)rng.NextInt64() << 1 ^ (ulong)rng.Next(2), (ulong)rng.NextInt64() << 1 ^ (ulong)rng.Next(2));
                UInt128 raw;
                // Longer routes are often assignments inside a /32 or shorter allocation.
                if (shorterEnd > 0 && len > 32 && rng.NextDouble() < 0.5)
                {
                    int parent = rng.Next(shorterEnd);
                    raw = networks[parent] | (random & ~Ipv6Prefix.Mask(lengths[parent]));
                }
                else
                {
                    var (top16, blockLen) = Ipv6Blocks[rng.Next(Ipv6Blocks.Length)];
                    raw = (UInt128)top16 << 112 | (random & ~Ipv6Prefix.Mask(blockLen));
                }
                net = raw & Ipv6Prefix.Mask(len);
            } while (!seen.Add((net, len)));
            networks[i] = net;
        }

        var routes = new KeyValuePair<Ipv6Prefix, int>[count + 1];
        routes[0] = new(Ipv6Prefix.Default, 0);
        for (int i = 0; i < count; i++)
            routes[i + 1] = new(new Ipv6Prefix(new Ipv6Address(networks[i]), lengths[i]), i + 1);
        return routes;
    }

    private static int DrawLength(Random rng, (double Share, int[] Lengths, double[] Weights)[] bands)
    {
        double u = rng.NextDouble();
        foreach (var (share, lengths, weights) in bands)
        {
            if (u < share || ReferenceEquals(lengths, bands[^1].Lengths)) return Pick(rng, lengths, weights);
            u -= share;
        }
        throw new InvalidOperationException("unreachable: the last band always picks");
    }

    private static int Pick(Random rng, int[] lengths, double[] weights)
    {
        double total = 0;
        foreach (double w in weights) total += w;
        double u = rng.NextDouble() * total;
        for (int i = 0; i < lengths.Length - 1; i++)
        {
            if (u < weights[i]) return lengths[i];
            u -= weights[i];
        }
        return lengths[^1];
    }
}
