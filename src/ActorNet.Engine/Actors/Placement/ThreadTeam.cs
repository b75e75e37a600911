using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Dispatch;

namespace ActorNet.Engine.Actors.Placement;

/// <summary>
/// The actor engine's worker threads (docs/ARCHITECTURE.md, "Thread affinity"): one run queue per part of the
/// network (<see cref="EntityPlacement"/>), each owned by one thread, so an actor runs on the same core message
/// after message and its state stays in that core's cache. A thread takes from the queues it owns; an item that
/// has waited longer than <see cref="StealAfterMicroseconds"/> in another thread's queue (its owner is busy or
/// descheduled) may be taken by an idle thread, so a part never stalls behind a busy core. Idle threads spin up
/// to <see cref="SpinMicroseconds"/> (a window ends and the next starts within microseconds) and then sleep,
/// looking for left-behind work every millisecond.
/// <para>
/// <see cref="ActiveThreads"/> may change while actors run (the engine's automatic thread choice): inactive
/// threads sleep, and their parts go to the active ones; <see cref="Balance"/> moves parts between threads by
/// their measured cost. Which thread runs a mailbox never changes a result:
/// Akka runs one mailbox on one thread at a time, and every entity handles its events in key order.
/// </para>
/// </summary>
public sealed class ThreadTeam : IDisposable
{
    private static readonly ConcurrentDictionary<string, ThreadTeam> Teams = new();

    private readonly ConcurrentQueue<Item>[] _queues;
    private readonly Worker[] _workers;
    private readonly long _spinTicks;
    private readonly long _stealTicks;
    private volatile int _active;
    private volatile int[] _owner;          // each part's thread; replaced whole, never changed in place
    private volatile int[][] _ownParts;     // each thread's parts, the inverse of _owner
    private volatile bool _stopping;

    private readonly record struct Item(IRunnable Run, long EnqueuedAt);

    private sealed class Worker
    {
        public readonly SemaphoreSlim Wake = new(0);
        public int Sleeping;
        public Thread Thread = null!;
    }

    public ThreadTeam(string name, int threads, int parts, int spinMicroseconds, int stealAfterMicroseconds = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        Name = name;
        Threads = threads;
        SpinMicroseconds = spinMicroseconds;
        StealAfterMicroseconds = stealAfterMicroseconds;
        _spinTicks = Stopwatch.Frequency * spinMicroseconds / 1_000_000;
        _stealTicks = Stopwatch.Frequency * stealAfterMicroseconds / 1_000_000;
        _queues = Enumerable.Range(0, parts).Select(_ => new ConcurrentQueue<Item>()).ToArray();
        _active = threads;
        (_owner, _ownParts) = Ranges(EqualShares(parts, threads), threads);
        _workers = new Worker[threads];
        for (int t = 0; t < threads; t++)
        {
            int self = t;
            var worker = _workers[t] = new Worker();
            worker.Thread = new Thread(() => Work(self)) { IsBackground = true, Name = $"{name}-{t}" };
        }
        foreach (var w in _workers) w.Thread.Start();
    }

    public string Name { get; }
    public int Threads { get; }
    public int Parts => _queues.Length;
    public int SpinMicroseconds { get; }
    public int StealAfterMicroseconds { get; }

    /// <summary>
    /// Threads taking work now (1 to <see cref="Threads"/>). Each active thread owns a contiguous range of parts
    /// (neighbouring parts are neighbouring regions of the network, <see cref="EntityPlacement"/>), equal in number
    /// until <see cref="Balance"/> moves the boundaries.
    /// </summary>
    public int ActiveThreads
    {
        get => _active;
        set
        {
            int v = Math.Clamp(value, 1, Threads);
            if (v == _active) return;
            SetOwners(EqualShares(Parts, v), v);
        }
    }

    /// <summary>The thread that owns <paramref name="part"/> now.</summary>
    public int OwnerOf(int part) => _owner[part];

    /// <summary>
    /// Moves the boundaries between the active threads' ranges of parts so that each gets about the same share of
    /// <paramref name="partCost"/> (the parts' events over the last span: a part's cost follows its traffic, which
    /// no topology weight foresees; on fat100 equal regions left one thread 62 % of the work).
    /// </summary>
    public void Balance(IReadOnlyList<long> partCost)
    {
        int active = _active;
        if (active == 1 || partCost.Count != Parts) return;
        if (partCost.Sum() == 0) return;
        var first = MinMaxRanges(partCost, active);
        if (first.AsSpan().SequenceEqual(CurrentFirsts(active))) return;
        SetOwners(first, active);
    }

    /// <summary>
    /// Splits the parts, in order, into <paramref name="ranges"/> non-empty ranges whose largest cost is as small as
    /// it can be (the classic linear partition; P ≤ a few hundred, so the O(ranges · P²) table is nothing); the
    /// first such split in order.
    /// </summary>
    public static int[] MinMaxRanges(IReadOnlyList<long> cost, int ranges)
    {
        int parts = cost.Count;
        var prefix = new long[parts + 1];
        for (int p = 0; p < parts; p++) prefix[p + 1] = prefix[p] + cost[p];
        // best[r, p]: the smallest largest cost of splitting the first p parts into r ranges; cut[r, p]: where the last starts.
        var best = new long[ranges + 1, parts + 1];
        var cut = new int[ranges + 1, parts + 1];
        for (int p = 0; p <= parts; p++) best[1, p] = prefix[p];
        for (int r = 2; r <= ranges; r++)
            for (int p = r; p <= parts; p++)
            {
                best[r, p] = long.MaxValue;
                for (int c = r - 1; c < p; c++)
                {
                    long worst = Math.Max(best[r - 1, c], prefix[p] - prefix[c]);
                    if (worst < best[r, p]) (best[r, p], cut[r, p]) = (worst, c);
                }
            }
        var first = new int[ranges + 1];
        first[ranges] = parts;
        for (int r = ranges, p = parts; r >= 2; r--) p = first[r - 1] = cut[r, p];
        return first;
    }

    private int[] CurrentFirsts(int active)
    {
        var ranges = _ownParts;
        var first = new int[active + 1];
        for (int t = 0; t < active; t++) first[t] = ranges[t].Length > 0 ? ranges[t][0] : Parts;
        first[active] = Parts;
        return first;
    }

    private void SetOwners(int[] first, int active)
    {
        (_owner, _ownParts) = Ranges(first, Threads);
        _active = active;
        // Every thread re-reads what it owns; a thread made inactive goes to sleep.
        foreach (var w in _workers) w.Wake.Release();
    }

    /// <summary>Range boundaries giving <paramref name="active"/> threads equal numbers of parts.</summary>
    private static int[] EqualShares(int parts, int active)
    {
        var first = new int[active + 1];
        for (int t = 0; t <= active; t++) first[t] = (int)((long)parts * t / active);
        return first;
    }

    private static (int[] Owner, int[][] OwnParts) Ranges(int[] first, int threads)
    {
        int parts = first[^1];
        int active = first.Length - 1;
        var owner = new int[parts];
        var own = new int[threads][];
        for (int t = 0; t < threads; t++)
        {
            own[t] = t < active ? Enumerable.Range(first[t], first[t + 1] - first[t]).ToArray() : [];
            foreach (int p in own[t]) owner[p] = t;
        }
        return (owner, own);
    }

    /// <summary>Makes the team findable by name from Akka's configuration (<see cref="PartExecutorConfigurator"/>).</summary>
    public void Register()
    {
        if (!Teams.TryAdd(Name, this)) throw new InvalidOperationException($"a thread team named {Name} is already registered");
    }

    public static ThreadTeam Find(string name) =>
        Teams.TryGetValue(name, out var team) ? team : throw new InvalidOperationException($"no thread team named {name} (the actor engine registers its team before it starts the actor system)");

    public void Execute(int part, IRunnable run)
    {
        _queues[part].Enqueue(new Item(run, Stopwatch.GetTimestamp()));
        var owner = _workers[_owner[part]];
        if (Volatile.Read(ref owner.Sleeping) != 0) owner.Wake.Release();
    }

    public void Dispose()
    {
        Teams.TryRemove(new KeyValuePair<string, ThreadTeam>(Name, this));
        if (_stopping) return;
        _stopping = true;
        foreach (var w in _workers) w.Wake.Release();
    }

    private void Work(int self)
    {
        var worker = _workers[self];
        while (!_stopping)
        {
            if (self >= _active)
            {
                worker.Wake.Wait();
                continue;
            }
            if (TakeOwn(self, out var run) || TrySteal(self, out run) || Spin(self, out run))
            {
                run.Run();
                continue;
            }
            Interlocked.Exchange(ref worker.Sleeping, 1);
            // Re-check after announcing sleep (Execute reads Sleeping after it enqueued: one of the two sees the other).
            // Asleep, look for left-behind work every millisecond: an owner that is busy or off the CPU does not wake
            // anyone, and its part must not wait for it longer than that.
            while (!TakeOwn(self, out run) && !TrySteal(self, out run) && !_stopping && self < _active && !worker.Wake.Wait(1)) { }
            Interlocked.Exchange(ref worker.Sleeping, 0);
            if (run is not null) run.Run();
        }
    }

    private bool TakeOwn(int self, out IRunnable run)
    {
        foreach (int p in _ownParts[self])
            if (_queues[p].TryDequeue(out var item))
            {
                run = item.Run;
                return true;
            }
        run = null!;
        return false;
    }

    /// <summary>An item that waited too long in a queue this thread does not own (its owner is busy or off the CPU).</summary>
    private bool TrySteal(int self, out IRunnable run)
    {
        if (_active > 1)
        {
            long now = Stopwatch.GetTimestamp();
            var owner = _owner;
            for (int p = 0; p < _queues.Length; p++)
            {
                if (owner[p] == self) continue;
                if (_queues[p].TryPeek(out var head) && now - head.EnqueuedAt > _stealTicks && _queues[p].TryDequeue(out var item))
                {
                    run = item.Run;
                    return true;
                }
            }
        }
        run = null!;
        return false;
    }

    private bool Spin(int self, out IRunnable run)
    {
        if (_spinTicks > 0)
        {
            long until = Stopwatch.GetTimestamp() + _spinTicks;
            var spinner = new SpinWait();
            while (Stopwatch.GetTimestamp() < until && !_stopping && self < _active)
            {
                if (TakeOwn(self, out run) || TrySteal(self, out run)) return true;
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
        run = null!;
        return false;
    }
}
