using ActorNet.Core.Network;
using ActorNet.Core.Time;

namespace ActorNet.Engine;

/// <summary>Runs a built network until a virtual time. Engines differ in how, never in what: same events, same digest.</summary>
public interface ISimulationEngine
{
    string Name { get; }
    /// <param name="observer">Follows the run interval by interval (the journal); null: nobody does.</param>
    EngineRun Run(NetworkModel network, SimTime stopAt, IProgress<RunProgress>? progress = null, CancellationToken cancel = default,
        IRunObserver? observer = null);
}

public enum RunStatus
{
    Completed,
    Interrupted,
    Failed,
}

/// <summary>How a run went: status, virtual time reached, events handled, wall-clock seconds.</summary>
public sealed record EngineRun(RunStatus Status, SimTime Reached, long Events, double WallSeconds);

/// <summary>Progress of a long run: virtual time reached, events so far, wall seconds so far.</summary>
public sealed record RunProgress(SimTime Reached, SimTime StopAt, long Events, double WallSeconds)
{
    public double EventsPerSecond => WallSeconds > 0 ? Events / WallSeconds : 0;
    public double Fraction => StopAt.Nanoseconds > 0 ? Math.Clamp((double)Reached.Nanoseconds / StopAt.Nanoseconds, 0, 1) : 1;
}

/// <summary>An exception inside the simulation, with the entity and the virtual time where it happened.</summary>
public sealed class SimulationException(string entity, SimTime at, Exception inner)
    : Exception($"{entity} failed at virtual time {at}: {inner.Message}", inner)
{
    public string Entity { get; } = entity;
    public SimTime At { get; } = at;
}
