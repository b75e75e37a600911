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
    // The length after the last change, and its bucket: a bucket with no change of its own still
    // saw that length (packets that wait through a whole bucket are in it).
    private int _last;
    private long _lastBucket;

    public SimTime BucketWidth { get; } = new(Math.Max(1, (runLength.Nanoseconds + buckets - 1) / buckets));
    public int Buckets { get; } = buckets;
    public bool IsEmpty => _max is null;

    /// <summary>The queue holds <paramref name="length"/> packets from <paramref name="now"/> on (called at every change, in time order).</summary>
    public void Record(SimTime now, int length)
    {
        if (length == 0 && _max is null) return;
        long b = Math.Min(now.Nanoseconds / BucketWidth.Nanoseconds, Buckets - 1);
        var max = _max ??= new int[Buckets];
        CarryUntil(max, b);
        if (length > max[b]) max[b] = length;
        _last = length;
    }

    /// <summary>The length held since the last change is also the length at the start of every later bucket up to <paramref name="bucket"/>.</summary>
    private void CarryUntil(int[] max, long bucket)
    {
        for (long k = _lastBucket + 1; k <= bucket; k++)
            if (_last > max[k]) max[k] = _last;
        if (bucket > _lastBucket) _lastBucket = bucket;
    }

    /// <summary>
    /// (bucket start, largest queue length in it), for every bucket that starts before <paramref name="reached"/>,
    /// the virtual time the run reached. The buckets are cut for the planned run length; a run that stopped
    /// earlier (interrupted) saw nothing after <paramref name="reached"/>, and its later buckets are not shown
    /// (not as an empty queue, which nobody saw).
    /// </summary>
    public IEnumerable<(SimTime Start, int MaxPackets)> Points(SimTime reached)
    {
        if (_max is null) yield break;
        long width = BucketWidth.Nanoseconds;
        for (int b = 0; b < Buckets && b * width < reached.Nanoseconds; b++)
            yield return (new SimTime(b * width), b > _lastBucket ? Math.Max(_max[b], _last) : _max[b]);
    }
}
