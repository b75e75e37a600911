using System.Buffers.Binary;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace ActorNet.Persistence.Journal;

/// <summary>
/// Serializes the journal's events: chunks and intervals in a compact binary form (they are nearly all of the
/// journal), the run's first and last events as JSON (small, and readable with any SQL client).
/// The bytes depend only on the event, so equal runs give equal journals.
/// </summary>
public sealed class JournalSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4710;
    private const string Chunk = "C", Interval = "I", Started = "S", Ended = "E";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        ChunkEvent => Chunk,
        IntervalCommitted => Interval,
        RunStarted => Started,
        RunEnded => Ended,
        _ => throw new ArgumentException($"not a journal event: {o.GetType()}"),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        ChunkEvent c => ChunkBytes(c),
        IntervalCommitted i => IntervalBytes(i),
        RunStarted s => JsonSerializer.SerializeToUtf8Bytes(s, Json),
        RunEnded e => JsonSerializer.SerializeToUtf8Bytes(e, Json),
        _ => throw new ArgumentException($"not a journal event: {obj.GetType()}"),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        Chunk => ReadChunk(bytes),
        Interval => ReadInterval(bytes),
        Started => JsonSerializer.Deserialize<RunStarted>(bytes, Json) ?? throw new InvalidDataException("empty run-started event"),
        Ended => JsonSerializer.Deserialize<RunEnded>(bytes, Json) ?? throw new InvalidDataException("empty run-ended event"),
        _ => throw new InvalidDataException($"unknown journal event manifest '{manifest}'"),
    };

    // Chunk: index, records (8 bytes each), fingerprint, then the records' bytes.
    private static byte[] ChunkBytes(ChunkEvent c)
    {
        var b = new byte[24 + c.Bytes.Length];
        BinaryPrimitives.WriteInt64LittleEndian(b, c.Index);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(8), c.Records);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(16), c.Fingerprint);
        c.Bytes.CopyTo(b, 24);
        return b;
    }

    private static ChunkEvent ReadChunk(byte[] b) =>
        new(BinaryPrimitives.ReadInt64LittleEndian(b), BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(8)),
            BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(16)), b.AsSpan(24).ToArray());

    // Interval: index, event records, count, then per entity (id 4, records 8, fingerprint 8).
    private static byte[] IntervalBytes(IntervalCommitted i)
    {
        int n = i.Entities.Length;
        var b = new byte[20 + 20 * n];
        BinaryPrimitives.WriteInt64LittleEndian(b, i.Index);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(8), i.EventRecords);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(16), n);
        for (int k = 0; k < n; k++)
        {
            var s = b.AsSpan(20 + 20 * k);
            BinaryPrimitives.WriteInt32LittleEndian(s, i.Entities[k]);
            BinaryPrimitives.WriteInt64LittleEndian(s[4..], i.Records[k]);
            BinaryPrimitives.WriteUInt64LittleEndian(s[12..], i.Fingerprints[k]);
        }
        return b;
    }

    private static IntervalCommitted ReadInterval(byte[] b)
    {
        int n = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(16));
        var (entities, records, fingerprints) = (new int[n], new long[n], new ulong[n]);
        for (int k = 0; k < n; k++)
        {
            var s = b.AsSpan(20 + 20 * k);
            entities[k] = BinaryPrimitives.ReadInt32LittleEndian(s);
            records[k] = BinaryPrimitives.ReadInt64LittleEndian(s[4..]);
            fingerprints[k] = BinaryPrimitives.ReadUInt64LittleEndian(s[12..]);
        }
        return new IntervalCommitted(BinaryPrimitives.ReadInt64LittleEndian(b), BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(8)), entities, records, fingerprints);
    }
}
