namespace ActorNet.Persistence.Journal;

/// <summary>Marker of everything ActorNet puts in the journal (bound to <see cref="JournalSerializer"/>).</summary>
public interface IJournalEvent;

/// <summary>
/// First event of a run (persistence id <c>run-&lt;id&gt;</c>): everything needed to run it again as it ran,
/// and the names of its entities in id order (nodes, then channels), whose chunks are under
/// <see cref="JournalIds.Entity"/>.
/// </summary>
public sealed record RunStarted : IJournalEvent
{
    public required long RunId { get; init; }
    public required string Scenario { get; init; }
    public required string ScenarioFile { get; init; }
    /// <summary>The scenario file's text as given.</summary>
    public required string ScenarioText { get; init; }
    public required ulong Seed { get; init; }
    /// <summary>--seed, if given (it also reaches the generators).</summary>
    public ulong? SeedOverride { get; init; }
    /// <summary>The stop time the run used (the scenario's, or --until).</summary>
    public required long StopAtNs { get; init; }
    public required string Engine { get; init; }
    public required int Threads { get; init; }
    public required string Sockets { get; init; }
    public required long IntervalNs { get; init; }
    /// <summary>Every node's state is saved each time this much virtual time has passed (0: never; <see cref="StateSnapshot"/>).</summary>
    public long SnapshotIntervalNs { get; init; }
    public required string Version { get; init; }
    public required string Commit { get; init; }
    public required DateTime StartedUtc { get; init; }
    public required IReadOnlyList<string> Nodes { get; init; }
    public required IReadOnlyList<string> Channels { get; init; }

    public int EntityCount => Nodes.Count + Channels.Count;

    public string EntityName(int entity) => entity < Nodes.Count ? Nodes[entity] : "link " + Channels[entity - Nodes.Count];
}

/// <summary>
/// One interval committed (after the chunks of its entities, in the same write): for each entity that did
/// something, its running trace record count and fingerprint at the interval's end and the hash of its chunk.
/// Enough to verify a replay or compare two runs interval by interval without reading a chunk; the chunks say
/// what differs.
/// </summary>
public sealed record IntervalCommitted(long Index, long EventRecords, int[] Entities, long[] Records, ulong[] Fingerprints, ulong[] Hashes) : IJournalEvent
{
    /// <summary>Entity → (records, fingerprint, hash) in this interval.</summary>
    public Dictionary<int, (long Records, ulong Fingerprint, ulong Hash)> ByEntity()
    {
        var d = new Dictionary<int, (long, ulong, ulong)>(Entities.Length);
        for (int k = 0; k < Entities.Length; k++) d[Entities[k]] = (Records[k], Fingerprints[k], Hashes[k]);
        return d;
    }
}

/// <summary>Last event of a run: how it ended, and its summary.json as the live run wrote it.</summary>
public sealed record RunEnded : IJournalEvent
{
    public required string Status { get; init; }
    public required long ReachedNs { get; init; }
    public required long Events { get; init; }
    public required double WallSeconds { get; init; }
    public string? Digest { get; init; }
    public string? SummaryJson { get; init; }
    public string? Error { get; init; }
    public required DateTime EndedUtc { get; init; }
}

/// <summary>One entity's records in one interval (<see cref="Core.Tracing.TraceJournal"/> bytes), under the entity's persistence id.</summary>
public sealed record ChunkEvent(long Index, long Records, ulong Fingerprint, byte[] Bytes) : IJournalEvent;

/// <summary>What reading a chunk row that does not decode gives (a row damaged or edited in the database).</summary>
public sealed record UndecodableChunk(string Problem);

/// <summary>The persistence ids of a run.</summary>
public static class JournalIds
{
    public static string Run(long runId) => "run-" + runId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The nodes' state snapshots of a run (<see cref="StateSnapshot"/>).</summary>
    public static string State(long runId) => Run(runId) + "/state";

    /// <summary>Entity <paramref name="entity"/> of the run: node names under n/, channels under c/.</summary>
    public static string Entity(long runId, RunStarted run, int entity) =>
        entity < run.Nodes.Count ? $"{Run(runId)}/n/{run.Nodes[entity]}" : $"{Run(runId)}/c/{run.Channels[entity - run.Nodes.Count]}";
}
