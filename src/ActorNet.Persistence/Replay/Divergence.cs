using ActorNet.Core.Time;

namespace ActorNet.Persistence.Replay;

/// <summary>
/// Where a re-execution (or a second run) first parts from a journaled run: the interval, the entity (node or
/// channel), why, and the records of both around the first difference.
/// </summary>
public sealed record Divergence(long Interval, SimTime From, SimTime To, string Entity, string Reason, IReadOnlyList<SideBySideLine> Records)
{
    public override string ToString() => $"interval {Interval} [{From}, {To}), {Entity}: {Reason}";
}

/// <summary>Thrown by the verifying observer to stop a re-execution at the first divergence.</summary>
public sealed class DivergenceException(Divergence divergence) : Exception(divergence.ToString())
{
    public Divergence Divergence { get; } = divergence;
}
