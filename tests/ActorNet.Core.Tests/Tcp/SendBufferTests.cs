using ActorNet.Core.Tcp;
using CsCheck;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>The send buffer: bounded, slices without copying, immutable once handed out.</summary>
public class SendBufferTests
{
    [Fact]
    public void SendBuffer_is_bounded_and_releases_acknowledged_bytes()
    {
        var b = new SendBuffer(1000);
        Assert.Equal(600, b.Append(new byte[600]));
        Assert.Equal(400, b.Append(new byte[600]));
        Assert.Equal(0, b.AppendImmutable(new byte[10]));
        b.ReleaseTo(300);
        Assert.Equal((300, 1000, 300), (b.Start, b.End, b.Free));
    }

    [Fact]
    public void SendBuffer_slices_share_memory_and_never_change_after_more_appends()
    {
        var b = new SendBuffer(200_000);
        var pattern = Harness.TcpTestNet.Pattern(100);
        b.Append(pattern);
        var first = b.Slice(10, 50);
        var copyOfFirst = first.ToArray();
        b.Append(new byte[1000]); // written into the same chunk, after the slice
        b.ReleaseTo(100);
        Assert.Equal(copyOfFirst, first.ToArray());
        var shared = new byte[3000];
        b.AppendImmutable(shared);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(b.Slice(1100 + 5, 100), out var seg) && seg.Array == shared);
    }

    /// <summary>Property: any mix of copied and immutable appends, slices and releases reads like one flat array.</summary>
    [Fact]
    public void SendBuffer_reads_like_a_flat_reference_array()
    {
        var op = Gen.Select(Gen.Int[0, 3], Gen.Int[1, 70_000], Gen.Int[0, 2000]);
        op.Array[1, 60].Sample(ops =>
        {
            var b = new SendBuffer(150_000);
            var reference = new List<byte>();
            long start = 0;
            int stamp = 0;
            foreach (var (kind, size, len) in ops)
            {
                switch (kind)
                {
                    case 0 or 1:
                        var data = Harness.TcpTestNet.Pattern(size, ++stamp);
                        int n = kind == 0 ? b.Append(data) : b.AppendImmutable(data);
                        if (n != Math.Min(size, 150_000 - (reference.Count - start))) return false;
                        reference.AddRange(data.Take(n));
                        break;
                    case 2:
                        long at = start + (reference.Count - start == 0 ? 0 : size % (reference.Count - start));
                        int l = (int)Math.Min(len, reference.Count - at);
                        if (!b.Slice(at, l).Span.SequenceEqual(reference.Skip((int)at).Take(l).ToArray())) return false;
                        break;
                    default:
                        start = Math.Min(reference.Count, start + size / 10);
                        b.ReleaseTo(start);
                        break;
                }
            }
            return b.Start == start && b.End == reference.Count;
        }, iter: 300);
    }
}
