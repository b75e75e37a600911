namespace ActorNet.Persistence.Recording;

/// <summary>
/// What one entity did in one interval of virtual time: its journal records (<see cref="Core.Tracing.TraceJournal"/>
/// bytes) and, after them, its trace's running record count and fingerprint. <see cref="Entity"/> is the node id
/// for nodes, and the node count plus the channel index for channels (the digest's order). <see cref="Hash"/> is the first
/// 8 bytes of the SHA-256 of <see cref="Bytes"/>: the fingerprint covers times, kinds and packet ids, the hash also the
/// packets' headers, so two chunks with equal hashes hold the same records.
/// </summary>
public sealed record EntityChunk(int Entity, long Records, ulong Fingerprint, byte[] Bytes)
{
    private ulong? _hash;

    /// <summary>Computed where it is first read (the journal's writer thread, not the engine's closing thread); one reader per chunk.</summary>
    public ulong Hash => _hash ??= HashOf(Bytes);

    public static ulong HashOf(byte[] bytes) => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(System.Security.Cryptography.SHA256.HashData(bytes));
}

/// <summary>Interval <see cref="Index"/> ([Index·I, (Index+1)·I)): the chunks of every entity that did something, by entity, and the events handled in it.</summary>
public sealed record IntervalChunks(long Index, IReadOnlyList<EntityChunk> Chunks, long EventRecords)
{
    /// <summary>Every node's state at the interval's end, when a snapshot is due then (null otherwise).</summary>
    public IReadOnlyList<Core.Inspection.NodeState>? States { get; init; }

    public long Bytes => Chunks.Sum(c => (long)c.Bytes.Length);
}
