using ActorNet.Core.Randomness;
using CsCheck;

namespace ActorNet.Core.Tests.Randomness;

public class RandomStreamTests
{
    [Fact]
    public void Same_seed_and_name_give_the_same_stream_and_other_names_another()
    {
        var a = RandomStream.For(42, "channel:r1-r2");
        var b = RandomStream.For(42, "channel:r1-r2");
        var c = RandomStream.For(42, "channel:r2-r1");
        var d = RandomStream.For(43, "channel:r1-r2");
        var xs = Enumerable.Range(0, 8).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(xs, Enumerable.Range(0, 8).Select(_ => b.NextUInt64()));
        Assert.NotEqual(xs, Enumerable.Range(0, 8).Select(_ => c.NextUInt64()));
        Assert.NotEqual(xs, Enumerable.Range(0, 8).Select(_ => d.NextUInt64()));
    }

    [Fact]
    public void Stable_hash_is_fnv1a_and_does_not_change_between_processes()
    {
        // FNV-1a 64 of "a" (one UTF-16 unit 0x61): 0xaf63dc4c8601ec8c.
        Assert.Equal(0xaf63dc4c8601ec8cUL, RandomStream.StableHash("a"));
    }

    [Fact]
    public void NextInclusive_stays_in_range() =>
        Gen.Long[0, 1_000_000].Select(Gen.ULong).Sample(t =>
        {
            var r = RandomStream.For(t.Item2, "x");
            for (int i = 0; i < 50; i++)
            {
                long v = r.NextInclusive(t.Item1);
                if (v < 0 || v > t.Item1) return false;
            }
            return true;
        });

    [Fact]
    public void NextDouble_is_uniform_enough()
    {
        var r = RandomStream.For(7, "u");
        var buckets = new int[10];
        for (int i = 0; i < 100_000; i++) buckets[(int)(r.NextDouble() * 10)]++;
        Assert.All(buckets, b => Assert.InRange(b, 9_500, 10_500));
    }
}
