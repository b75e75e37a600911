using ActorNet.Core.Packets;
using ActorNet.Core.Tcp;

namespace ActorNet.Core.Tests.Tcp.Harness;

/// <summary>Segment filters for <see cref="Wire.Drop"/> (ns-3's tcp-error-model: drop chosen sequence numbers).</summary>
internal static class Drops
{
    /// <summary>Drops the first transmission of each listed data segment (0-based, full segments of <paramref name="mss"/> after ISS + 1).</summary>
    public static Func<TcpSegment, bool> FirstTransmissionOf(uint iss, int mss, params int[] segmentIndexes) =>
        FirstTransmissionsOf(iss, mss, 1, segmentIndexes);

    /// <summary>Drops the first <paramref name="times"/> transmissions of each listed data segment (a lost retransmission when 2).</summary>
    public static Func<TcpSegment, bool> FirstTransmissionsOf(uint iss, int mss, int times, params int[] segmentIndexes)
    {
        var left = segmentIndexes.ToDictionary(i => new SequenceNumber(iss) + 1 + (long)i * mss, _ => times);
        return s =>
        {
            if (s.Data.Length == 0 || !left.TryGetValue(s.Sequence, out int n) || n == 0) return false;
            left[s.Sequence] = n - 1;
            return true;
        };
    }
}

/// <summary>Collects the window trace of a connection.</summary>
internal sealed class WindowTrace : ITcpWindowObserver
{
    public List<TcpWindowSample> Samples { get; } = [];
    public void OnWindows(in TcpWindowSample sample) => Samples.Add(sample);
}
