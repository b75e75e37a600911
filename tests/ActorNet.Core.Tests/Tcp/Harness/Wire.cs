using ActorNet.Core.Packets;
using ActorNet.Core.Randomness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp.Harness;

/// <summary>
/// One direction of a test link: propagation delay, optional rate, random loss / duplication /
/// extra delay (reordering) from a seeded stream, and a filter that drops chosen segments
/// (ns-3's tcp-error-model idea). Every segment offered is logged with its send time.
/// </summary>
internal sealed class Wire(SimLoop loop, string name, ulong seed = 1)
{
    private readonly RandomStream _random = RandomStream.For(seed, "wire:" + name);
    private SimTime _busyUntil;

    public SimTime Delay { get; set; } = SimTime.FromMilliseconds(10);
    /// <summary>Bits per second on the wire (TCP + 40 B of IP/framing); 0: no serialization delay.</summary>
    public long BitsPerSecond { get; set; }
    public double Loss { get; set; }
    public double Duplication { get; set; }
    /// <summary>Each copy gets an extra uniform delay in [0, MaxJitter]: reordering.</summary>
    public SimTime MaxJitter { get; set; }
    /// <summary>Return true to drop this segment (called once per segment, in send order).</summary>
    public Func<TcpSegment, bool>? Drop { get; set; }

    public List<(SimTime At, TcpSegment Segment)> Sent { get; } = [];
    public int Dropped { get; private set; }

    public void Transmit(TcpSegment segment, Action<TcpSegment> deliver)
    {
        var now = loop.Now;
        Sent.Add((now, segment));
        var leave = now;
        if (BitsPerSecond > 0)
        {
            var start = SimTime.Max(now, _busyUntil);
            _busyUntil = start + SimTime.FromNanoseconds((segment.Length + 40) * 8L * 1_000_000_000 / BitsPerSecond);
            leave = _busyUntil;
        }
        if ((Drop?.Invoke(segment) ?? false) || _random.Chance(Loss))
        {
            Dropped++;
            return;
        }
        int copies = _random.Chance(Duplication) ? 2 : 1;
        for (int i = 0; i < copies; i++)
        {
            var jitter = MaxJitter > SimTime.Zero ? SimTime.FromNanoseconds(_random.NextInclusive(MaxJitter.Nanoseconds)) : SimTime.Zero;
            loop.At(leave + Delay + jitter, () => deliver(segment));
        }
    }

    /// <summary>Data segments sent (with bytes), in order.</summary>
    public IEnumerable<(SimTime At, TcpSegment Segment)> DataSegments => Sent.Where(s => s.Segment.Data.Length > 0);
}
