using ActorNet.Core.Packets;
using ActorNet.Core.Tcp;

namespace ActorNet.Core.Tests.Tcp.Harness;

/// <summary>Segment filters for <see cref="Wire.Drop"/> (ns-3's tcp-error-model: drop chosen sequence numbers).</summary>
internal static class Drops
{
    /// <summary>Drops the first transmission of each listed data segment (0-based, full segments of <paramref name="mss"/> after ISS + 1).</summary>
    public static Func<TcpSegment, bool> FirstTransmissionOf(uint iss, int mss, params int[] segmentIndexes)
    {
        var pending = segmentIndexes.Select(i => new SequenceNumber(iss) + 1 + (long)i * mss).ToHashSet();
        return s => s.Data.Length > 0 && pending.Remove(s.Sequence);
    }
}

/// <summary>Collects the window trace of a connection.</summary>
internal sealed class WindowTrace : ITcpWindowObserver
{
    public List<TcpWindowSample> Samples { get; } = [];
    public void OnWindows(in TcpWindowSample sample) => Samples.Add(sample);
}
