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
/// threads sleep, and their parts go to the active ones. Which thread runs a mailbox never changes a result:
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

    /// <summary>Threads taking work now (1 to <see cref="Threads"/>); part p belongs to thread p mod ActiveThreads.</summary>
    public int ActiveThreads
    {
        get => _active;
        set
        {
            int v = Math.Clamp(value, 1, Threads);
            if (v == _active) return;
            _active = v;
            // Every thread re-reads which parts it owns; a thread made inactive goes to sleep.
            foreach (var w in _workers) w.Wake.Release();
        }
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
        var owner = _workers[part % _active];
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
        int active = _active;
        for (int p = self; p < _queues.Length; p += active)
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
        int active = _active;
        if (active > 1)
        {
            long now = Stopwatch.GetTimestamp();
            for (int p = 0; p < _queues.Length; p++)
            {
                if (p % active == self) continue;
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
