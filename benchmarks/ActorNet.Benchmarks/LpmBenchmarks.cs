using System.Diagnostics;
using System.Globalization;
using ActorNet.Core.Addressing;
using ActorNet.Core.Routing;
using BenchmarkDotNet.Attributes;

namespace ActorNet.Benchmarks;

/// <summary>
/// S12: longest-prefix match on the generated BGP-like tables (1 M IPv4 routes,
/// 200 k IPv6 routes). The lookup benchmarks walk a pre-drawn array of 2^20
/// addresses per invocation, so the reported time is per lookup.
/// </summary>
/// <remarks>
/// IPv4 addresses are uniform over the whole space, as a stream of traffic
/// that knows nothing of the table. IPv6 addresses are drawn inside random table
/// routes: uniform 128-bit addresses would almost all miss 2000::/3 and stop at
/// the direct array, which measures nothing.
/// </remarks>
public class LpmBenchmarks
{
    private const int Seed = 12;
    private const int AddressCount = 1 << 20;

    private KeyValuePair<Ipv4Prefix, int>[] _routes4 = [];
    private KeyValuePair<Ipv6Prefix, int>[] _routes6 = [];
    private Ipv4PrefixTable _table4 = Ipv4PrefixTable.Build([]);
    private Ipv6PrefixTable _table6 = Ipv6PrefixTable.Build([]);
    private Ipv4Address[] _addresses4 = [];
    private Ipv6Address[] _addresses6 = [];

    [GlobalSetup(Targets = [nameof(Ipv4Lookup_1M), nameof(Ipv4Build_1M)])]
    public void SetupIpv4()
    {
        _routes4 = BgpLikeTableGenerator.Ipv4(Seed);
        var sw = Stopwatch.StartNew();
        _table4 = Ipv4PrefixTable.Build(_routes4);
        Report("IPv4", _table4.Count, sw.Elapsed, _table4.MemoryBytes);

        var rng = new Random(Seed);
        _addresses4 = new Ipv4Address[AddressCount];
        for (int i = 0; i < AddressCount; i++) _addresses4[i] = new Ipv4Address((uint)rng.NextInt64(0, 1L << 32));
    }

    [GlobalSetup(Targets = [nameof(Ipv6Lookup_200k), nameof(Ipv6Build_200k)])]
    public void SetupIpv6()
    {
        _routes6 = BgpLikeTableGenerator.Ipv6(Seed);
        var sw = Stopwatch.StartNew();
        _table6 = Ipv6PrefixTable.Build(_routes6);
        Report("IPv6", _table6.Count, sw.Elapsed, _table6.MemoryBytes);

        var rng = new Random(Seed);
        _addresses6 = new Ipv6Address[AddressCount];
        for (int i = 0; i < AddressCount; i++)
        {
            var p = _routes6[rng.Next(_routes6.Length)].Key;
            UInt128 random = new((ulong)rng.NextInt64() << 1, (ulong)rng.NextInt64() << 1);
            _addresses6[i] = new Ipv6Address(p.Network.Value | (random & ~Ipv6Prefix.Mask(p.Length)));
        }
    }

    private static void Report(string family, int count, TimeSpan build, long memoryBytes) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// S12 {family}: {count} routes, first build {build.TotalMilliseconds:F0} ms (cold JIT), MemoryBytes {memoryBytes} ({memoryBytes / 1048576.0:F2} MiB)"));

    /// <summary>One IPv4 lookup in the 1 M-route table.</summary>
    [Benchmark(OperationsPerInvoke = AddressCount)]
    public long Ipv4Lookup_1M()
    {
        var table = _table4;
        long sum = 0;
        foreach (var a in _addresses4) sum += table.Lookup(a);
        return sum;
    }

    /// <summary>One IPv6 lookup in the 200 k-route table.</summary>
    [Benchmark(OperationsPerInvoke = AddressCount)]
    public long Ipv6Lookup_200k()
    {
        var table = _table6;
        long sum = 0;
        foreach (var a in _addresses6) sum += table.Lookup(a);
        return sum;
    }

    /// <summary>Building the 1 M-route IPv4 table from the generated routes.</summary>
    [Benchmark]
    public long Ipv4Build_1M() => Ipv4PrefixTable.Build(_routes4).MemoryBytes;

    /// <summary>Building the 200 k-route IPv6 table from the generated routes.</summary>
    [Benchmark]
    public long Ipv6Build_200k() => Ipv6PrefixTable.Build(_routes6).MemoryBytes;
}
