using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ActorNet.Core.Addressing;

namespace ActorNet.Core.Routing;

/// <summary>
/// An immutable IPv4 forwarding table: longest-prefix match (RFC 4632 §5.2:
/// the most specific matching route wins) over a Poptrie (Asai and Ohara,
/// SIGCOMM 2015) with an 18-bit direct array and 6-bit strides below it.
/// </summary>
/// <remarks>
/// 18 + 6 = 24, so the /24s that make up most of a BGP table end one node
/// below the direct array. The direct array is 2^18 ints (1 MiB) rather than
/// DIR-24-8's 2^24 entries (Gupta, Lin and McKeown, INFOCOM 1998: 32 MiB even
/// at 16 bits each), and leaf compression keeps the 1 M-route S12 table at
/// about 11 bytes per route. Build once, then read from any thread.
/// </remarks>
public sealed class Ipv4PrefixTable
{
    // The direct array is sized to the table: a forwarding table of a few routes (most nodes of a
    // simulated topology) must not pay 1 MiB, or 10,000 routers would need tens of GB.
    private const int LargeDirectBits = 18;
    private readonly int DirectBits;

    internal static int DirectBitsFor(int count) => count >= 65_536 ? LargeDirectBits : count >= 1_024 ? 12 : 6;

    private readonly int[] _direct;
    private readonly int[] _pool;

    private Ipv4PrefixTable(PoptrieArrays arrays, int count, int directBits)
    {
        DirectBits = directBits;
        (_direct, _pool) = (arrays.Direct, arrays.Pool);
        Count = count;
        MemoryBytes = arrays.MemoryBytes;
    }

    /// <summary>Number of distinct prefixes in the table.</summary>
    public int Count { get; }

    /// <summary>Bytes held by the lookup arrays (direct array and node pool); object headers not counted.</summary>
    public long MemoryBytes { get; }

    /// <summary>
    /// Builds a table. Values must be ≥ 0; when a prefix appears more than once
    /// the last value wins. The default route 0.0.0.0/0 is allowed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative.</exception>
    public static Ipv4PrefixTable Build(IEnumerable<KeyValuePair<Ipv4Prefix, int>> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        // Key = network << 6 | length: unique per prefix, and sorting the keys
        // sorts by (network, length), the order the builder needs.
        var byPrefix = new Dictionary<ulong, int>(routes.TryGetNonEnumeratedCount(out int n) ? n : 0);
        foreach (var (prefix, value) in routes)
        {
            if (value < 0)
                throw new ArgumentOutOfRangeException(nameof(routes), $"{prefix}: value {value} is negative; values must be >= 0");
            byPrefix[(ulong)prefix.Network.Value << 6 | (uint)prefix.Length] = value;
        }

        var keys = new ulong[byPrefix.Count];
        var values = new int[byPrefix.Count];
        int i = 0;
        foreach (var (key, value) in byPrefix) { keys[i] = key; values[i] = value; i++; }
        Array.Sort(keys, values);

        var sorted = new PoptrieRoute[keys.Length];
        for (i = 0; i < keys.Length; i++)
            sorted[i] = new PoptrieRoute((UInt128)(keys[i] >> 6) << 96, (int)(keys[i] & 63), values[i]);
        int directBits = DirectBitsFor(sorted.Length);
        return new Ipv4PrefixTable(PoptrieBuilder.Build(sorted, directBits), sorted.Length, directBits);
    }

    /// <summary>The value of the longest prefix that contains <paramref name="address"/>, or -1 if none does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Lookup(Ipv4Address address)
    {
        uint a = address.Value;
        // Arrays are built together and indices come from the builder, so the
        // bounds checks are skipped on this hot path.
        int d = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_direct), (int)(a >> (32 - DirectBits)));
        if (d >= -1) return d;

        // The bits below the direct index, MSB first; zeros shift in past bit 31.
        return Poptrie.Walk(_pool, d & int.MaxValue, (ulong)a << (64 - 32 + DirectBits), 0);
    }
}
