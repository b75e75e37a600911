namespace ActorNet.Persistence.Recording;

/// <summary>
/// What one entity did in one interval of virtual time: its journal records (<see cref="Core.Tracing.TraceJournal"/>
/// bytes) and, after them, its trace's running record count and fingerprint. <see cref="Entity"/> is the node id
/// for nodes, and the node count plus the channel index for channels (the digest's order).
/// </summary>
public sealed record EntityChunk(int Entity, long Records, ulong Fingerprint, byte[] Bytes);

/// <summary>Interval <see cref="Index"/> ([Index·I, (Index+1)·I)): the chunks of every entity that did something, by entity, and the events handled in it.</summary>
public sealed record IntervalChunks(long Index, IReadOnlyList<EntityChunk> Chunks, long EventRecords)
{
    public long Bytes => Chunks.Sum(c => (long)c.Bytes.Length);
}
