namespace ActorNet.Core.Randomness;

/// <summary>
/// A per-entity random stream (DESIGN §1): derived from the run seed and the entity's stable
/// name, consumed in event order, so every engine draws the same numbers for the same entity.
/// xoshiro256** (Blackman &amp; Vigna) seeded through SplitMix64, as its authors recommend.
/// Never use System.Random.Shared, Guid.NewGuid() or the clock in the model.
/// </summary>
public sealed class RandomStream
{
    private ulong _s0, _s1, _s2, _s3;

    private RandomStream(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>The stream of <paramref name="name"/> (e.g. "link:r1-r2/a/loss") in run <paramref name="runSeed"/>.</summary>
    public static RandomStream For(ulong runSeed, string name) => new(runSeed ^ StableHash(name) * 0x9E3779B97F4A7C15UL);

    /// <summary>FNV-1a 64 over UTF-16 code units: stable across processes, unlike string.GetHashCode().</summary>
    public static ulong StableHash(string s)
    {
        ulong h = 0xcbf29ce484222325UL;
        foreach (char c in s)
        {
            h ^= c;
            h *= 0x100000001b3UL;
        }
        return h;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="p"/>; draws nothing when p is 0 or 1, so a lossless link costs no draws.</summary>
    public bool Chance(double p) => p > 0 && (p >= 1 || NextDouble() < p);

    /// <summary>Uniform integer in [0, bound] inclusive, without modulo bias (Lemire's method).</summary>
    public long NextInclusive(long bound)
    {
        if (bound <= 0) return 0;
        ulong range = (ulong)bound + 1;
        ulong x = NextUInt64();
        UInt128 m = (UInt128)x * range;
        ulong low = (ulong)m;
        if (low < range)
        {
            ulong threshold = (0 - range) % range;
            while (low < threshold)
            {
                x = NextUInt64();
                m = (UInt128)x * range;
                low = (ulong)m;
            }
        }
        return (long)(m >> 64);
    }
}
