using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Configuration;
using Akka.Dispatch;

namespace ActorNet.Engine.Actors;

/// <summary>
/// The simulation dispatcher's executor: exactly N worker threads that spin briefly before they
/// sleep. A window of the actor engine is tens to hundreds of microseconds; with a parking pool the
/// workers fall asleep at every window's end and each wake-up costs more than the window's work
/// (docs/BENCHMARKS-ACTORS.md). Spinning is bounded (<see cref="SpinMicroseconds"/>) so an idle or
/// finished run costs no CPU.
/// </summary>
public sealed class SpinningExecutor : ExecutorService
{
    private readonly ConcurrentQueue<IRunnable> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread[] _threads;
    private readonly long _spinTicks;
    private int _sleeping;
    private volatile bool _stopping;

    public SpinningExecutor(string id, int threads, int spinMicroseconds) : base(id)
    {
        SpinMicroseconds = spinMicroseconds;
        _spinTicks = Stopwatch.Frequency * spinMicroseconds / 1_000_000;
        _threads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"{id}-{i}" };
            _threads[i].Start();
        }
    }

    public int SpinMicroseconds { get; }

    public override void Execute(IRunnable run)
    {
        _queue.Enqueue(run);
        if (Volatile.Read(ref _sleeping) > 0) _wake.Release();
    }

    public override void Shutdown()
    {
        _stopping = true;
        _wake.Release(_threads.Length);
    }

    private void Work()
    {
        while (!_stopping)
        {
            if (_queue.TryDequeue(out var run))
            {
                run.Run();
                continue;
            }
            if (_spinTicks > 0 && Spin(out run))
            {
                run!.Run();
                continue;
            }
            Interlocked.Increment(ref _sleeping);
            // Re-check after announcing sleep: an Execute between the last check and the increment saw no sleeper.
            if (_queue.TryDequeue(out run))
            {
                Interlocked.Decrement(ref _sleeping);
                run.Run();
                continue;
            }
            _wake.Wait();
            Interlocked.Decrement(ref _sleeping);
        }
    }

    private bool Spin(out IRunnable? run)
    {
        long until = Stopwatch.GetTimestamp() + _spinTicks;
        var spinner = new SpinWait();
        while (Stopwatch.GetTimestamp() < until && !_stopping)
        {
            if (_queue.TryDequeue(out run)) return true;
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        run = null;
        return false;
    }
}

/// <summary>Akka's hook for <see cref="SpinningExecutor"/>: <c>executor = "ActorNet.Engine.Actors.SpinningExecutorConfigurator, ActorNet.Engine"</c>, with <c>spinning-executor { threads, spin-us }</c>.</summary>
public sealed class SpinningExecutorConfigurator(Config config, IDispatcherPrerequisites prerequisites) : ExecutorServiceConfigurator(config, prerequisites)
{
    private readonly int _threads = config.GetInt("spinning-executor.threads", Environment.ProcessorCount);
    private readonly int _spinUs = config.GetInt("spinning-executor.spin-us", 50);

    public override ExecutorService Produce(string id) => new SpinningExecutor(id, _threads, _spinUs);
}
