using System.Diagnostics;

namespace ActorNet.Cli.Output;

/// <summary>
/// Wall time of each phase of <c>actornet run</c>, from the process's start, written to actornet.log at the end:
/// what a user waits for is the whole process (start-up, loading, the engine, the journal, the run folder), and
/// this says which part it was (docs/BENCHMARKS.md, "Whole process").
/// </summary>
internal sealed class PhaseTimes
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<KeyValuePair<string, double>> _phases = [];
    private double _last;

    public PhaseTimes()
    {
        // Time spent before Main: the runtime's start and the JIT of the command-line parsing.
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        _phases.Add(new("process start to run", Math.Max(0, (DateTime.UtcNow - started).TotalMilliseconds)));
    }

    /// <summary>Ends the phase that ran since the previous mark.</summary>
    public void Mark(string phase)
    {
        double now = _clock.Elapsed.TotalMilliseconds;
        _phases.Add(new(phase, Math.Round(now - _last, 1)));
        _last = now;
    }

    /// <summary>The phases in order, in milliseconds.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Phases => _phases;
}
