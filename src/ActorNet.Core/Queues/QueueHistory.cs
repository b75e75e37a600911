using ActorNet.Core.Time;

namespace ActorNet.Core.Queues;

/// <summary>
/// A port's queue length over a run, for plots: the run is cut into equal buckets and each keeps
/// the largest length seen in it, so a peak is never lost however long the run (memory is one int
/// per bucket, allocated only once the port queues something). Not part of the trace or digest.
/// </summary>
public sealed class QueueHistory(SimTime runLength, int buckets = 2000)
{
    private int[]? _max;

    public SimTime BucketWidth { get; } = new(Math.Max(1, (runLength.Nanoseconds + buckets - 1) / buckets));
    public int Buckets { get; } = buckets;
    public bool IsEmpty => _max is null;

    public void Record(SimTime now, int length)
    {
        if (length == 0 && _max is null) return;
        long b = now.Nanoseconds / BucketWidth.Nanoseconds;
        if (b >= Buckets) b = Buckets - 1;
        var max = _max ??= new int[Buckets];
        if (length > max[b]) max[b] = length;
    }

    /// <summary>(bucket start, largest queue length in it), for every bucket.</summary>
    public IEnumerable<(SimTime Start, int MaxPackets)> Points()
    {
        if (_max is null) yield break;
        for (int b = 0; b < Buckets; b++) yield return (new SimTime(b * BucketWidth.Nanoseconds), _max[b]);
    }
}
