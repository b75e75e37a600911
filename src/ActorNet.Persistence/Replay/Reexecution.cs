using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Engine;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Recording;

namespace ActorNet.Persistence.Replay;

/// <summary>What a re-execution should do besides verifying.</summary>
public sealed record ReexecutionOptions
{
    /// <summary>Where to stop (default: where the journaled run ended, or the end of its last committed interval if it was killed).</summary>
    public SimTime? StopAt { get; init; }
    /// <summary>Intervals that end at or before this time are not compared.</summary>
    public SimTime VerifyFrom { get; init; }
    /// <summary>Called with the built network before the run (a pcap capture, for export).</summary>
    public Action<NetworkModel>? Prepare { get; init; }
    public IProgress<RunProgress>? Progress { get; init; }
    public CancellationToken Cancel { get; init; }
}

public sealed record ReexecutionResult(Scenario Scenario, NetworkModel Network, EngineRun Run, long IntervalsVerified, string Digest, Divergence? Divergence);

/// <summary>
/// Runs a journaled run again from its journaled scenario text, seed and stop time, and verifies it interval by
/// interval against the journal (<see cref="RunVerifier"/>). Replay, export and inspect are built on it. Every
/// re-execution starts at virtual time zero: the journal's snapshots cannot be resumed from (docs/JOURNAL.md).
/// </summary>
public static class Reexecution
{
    /// <summary>The journaled scenario, loaded again as it was given (with --seed and --until as the run had them).</summary>
    public static Scenario Scenario(RunStarted started)
    {
        // The run's seed, whether it came from the file, --seed, or a program that set it: the same value as an
        // override gives the same scenario as the file's own seed (SCENARIOS.md, "Seeds").
        var loaded = ScenarioLoader.LoadFromText(started.ScenarioText, started.ScenarioFile, started.SeedOverride ?? started.Seed);
        if (!loaded.Ok)
            throw new InvalidDataException($"the journaled scenario of run {started.RunId} no longer loads with this ActorNet: "
                + string.Join("; ", loaded.Errors.Take(3)));
        return loaded.Scenario! with { StopAt = new SimTime(started.StopAtNs) };
    }

    /// <summary>How far the journal goes: where the run ended, or the end of its last committed interval if it never said.</summary>
    public static SimTime End(RunRecord record)
    {
        if (record.Ended is { } e) return new SimTime(e.ReachedNs);
        if (record.Intervals.Count == 0) return SimTime.Zero;
        return new SimTime(Math.Min(record.Started.StopAtNs, (record.Intervals[^1].Index + 1) * record.Started.IntervalNs));
    }

    public static ReexecutionResult Run(RunArchive archive, RunRecord record, ISimulationEngine engine, ReexecutionOptions options)
    {
        var started = record.Started;
        var scenario = Scenario(started);
        var end = End(record);
        var stopAt = options.StopAt ?? end;
        long interval = started.IntervalNs;
        // A completed run is compared to its end, its last (partial) interval included; anything else (an interrupted
        // run stopped at some event, a stop before the end) only in the intervals that lie wholly before the stop.
        long until = record.Ended?.Status == "completed" && stopAt == end ? long.MaxValue : stopAt.Nanoseconds / interval;
        var network = NetworkBuilder.Build(scenario);
        var names = network.Nodes.Select(n => n.Name).Concat(network.Channels.Select(c => c.Name));
        if (!names.SequenceEqual(started.Nodes.Concat(started.Channels)))
            return new ReexecutionResult(scenario, network, new EngineRun(RunStatus.Failed, SimTime.Zero, 0, 0), 0, "",
                new Divergence(0, SimTime.Zero, new SimTime(interval), "the network",
                    "the journaled scenario builds another network with this ActorNet (other nodes or links)", []));
        options.Prepare?.Invoke(network);
        var verifier = new RunVerifier(archive, record, options.VerifyFrom.Nanoseconds / interval, until);
        var recorder = new IntervalRecorder(network, new SimTime(interval), verifier.OnInterval);
        try
        {
            var run = engine.Run(network, stopAt, options.Progress, options.Cancel, recorder);
            if (run.Status == RunStatus.Completed) verifier.Finish();
            return new ReexecutionResult(scenario, network, run, verifier.Verified, Results.SummaryBuilder.Digest(network), null);
        }
        catch (Exception e) when (Unwrap(e) is DivergenceException d)
        {
            return new ReexecutionResult(scenario, network, new EngineRun(RunStatus.Interrupted, d.Divergence.From, 0, 0), verifier.Verified, "", d.Divergence);
        }
        finally
        {
            recorder.Detach();
        }
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is SimulationException or AggregateException && e.InnerException is not null) e = e.InnerException!;
        return e;
    }
}
