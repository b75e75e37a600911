using System.Buffers.Binary;
using System.IO.Compression;
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
    private const string Chunk = "C", Interval = "I", Started = "S", Ended = "E", State = "T", Ledger = "L";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        ChunkEvent => Chunk,
        IntervalCommitted => Interval,
        RunStarted => Started,
        RunEnded => Ended,
        StateSnapshot => State,
        LedgerSnapshot => Ledger,
        _ => throw new ArgumentException($"not a journal event: {o.GetType()}"),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        ChunkEvent c => ChunkBytes(c),
        IntervalCommitted i => IntervalBytes(i),
        RunStarted s => JsonSerializer.SerializeToUtf8Bytes(s, Json),
        RunEnded e => JsonSerializer.SerializeToUtf8Bytes(e, Json),
        StateSnapshot t => StateBytes(t),
        LedgerSnapshot l => LedgerBytes(l),
        _ => throw new ArgumentException($"not a journal event: {obj.GetType()}"),
    };

    /// <summary>Bytes that do not decode (a damaged or edited row) throw <see cref="InvalidDataException"/>, whatever the reader tripped on.</summary>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                Chunk => ReadChunkOrDamage(bytes),
                Interval => ReadInterval(bytes),
                Started => JsonSerializer.Deserialize<RunStarted>(bytes, Json) ?? throw new InvalidDataException("empty run-started event"),
                Ended => JsonSerializer.Deserialize<RunEnded>(bytes, Json) ?? throw new InvalidDataException("empty run-ended event"),
                State => ReadState(bytes),
                Ledger => ReadLedger(bytes),
                _ => throw new InvalidDataException($"unknown journal event manifest '{manifest}'"),
            };
        }
        catch (Exception e) when (e is ArgumentException or EndOfStreamException or OverflowException or JsonException)
        {
            throw new InvalidDataException($"a journal event ({manifest}, {bytes.Length} bytes) does not decode: {e.Message}", e);
        }
    }

    // Chunk: index, records, fingerprint (8 bytes each), the records' length (4), then the records deflated at
    // zlib level 1: about 3x smaller, for a third of the time it saves in writing (docs/JOURNAL.md, "Size").
    // The same bytes in give the same bytes out, so equal runs still give equal journals.
    private static byte[] ChunkBytes(ChunkEvent c)
    {
        var output = new MemoryStream(28 + c.Bytes.Length / 2);
        Span<byte> head = stackalloc byte[28];
        BinaryPrimitives.WriteInt64LittleEndian(head, c.Index);
        BinaryPrimitives.WriteInt64LittleEndian(head[8..], c.Records);
        BinaryPrimitives.WriteUInt64LittleEndian(head[16..], c.Fingerprint);
        BinaryPrimitives.WriteInt32LittleEndian(head[24..], c.Bytes.Length);
        output.Write(head);
        using (var z = new DeflateStream(output, new ZLibCompressionOptions { CompressionLevel = 1 }, leaveOpen: true))
            z.Write(c.Bytes);
        return output.ToArray();
    }

    // A chunk row that does not decode is returned as such, so a reader still sees the entity's other chunks in order
    // and can name the interval of the damaged one (RunVerifier); any other event that does not decode is an error.
    private static object ReadChunkOrDamage(byte[] b)
    {
        try
        {
            return ReadChunk(b);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or EndOfStreamException or OverflowException)
        {
            return new UndecodableChunk($"{b.Length} bytes that do not decode: {e.Message}");
        }
    }

    private static ChunkEvent ReadChunk(byte[] b)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(24));
        // Deflate expands at most about 1032:1; a larger length is damage, and must not allocate gigabytes.
        if (length < 0 || length > (b.Length - 28) * 1032L + 64)
            throw new InvalidDataException($"a journal chunk of {b.Length} bytes says it holds {length} bytes of records");
        var bytes = new byte[length];
        using (var z = new DeflateStream(new MemoryStream(b, 28, b.Length - 28), CompressionMode.Decompress))
            z.ReadExactly(bytes);
        return new ChunkEvent(BinaryPrimitives.ReadInt64LittleEndian(b), BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(8)),
            BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(16)), bytes);
    }

    // Interval: index, event records, count, then per entity (id 4, records 8, fingerprint 8, chunk hash 8).
    private const int PerEntity = 28;

    private static byte[] IntervalBytes(IntervalCommitted i)
    {
        int n = i.Entities.Length;
        var b = new byte[20 + PerEntity * n];
        BinaryPrimitives.WriteInt64LittleEndian(b, i.Index);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(8), i.EventRecords);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(16), n);
        for (int k = 0; k < n; k++)
        {
            var s = b.AsSpan(20 + PerEntity * k);
            BinaryPrimitives.WriteInt32LittleEndian(s, i.Entities[k]);
            BinaryPrimitives.WriteInt64LittleEndian(s[4..], i.Records[k]);
            BinaryPrimitives.WriteUInt64LittleEndian(s[12..], i.Fingerprints[k]);
            BinaryPrimitives.WriteUInt64LittleEndian(s[20..], i.Hashes[k]);
        }
        return b;
    }

    private static IntervalCommitted ReadInterval(byte[] b)
    {
        int n = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(16));
        var (entities, records, fingerprints, hashes) = (new int[n], new long[n], new ulong[n], new ulong[n]);
        for (int k = 0; k < n; k++)
        {
            var s = b.AsSpan(20 + PerEntity * k);
            entities[k] = BinaryPrimitives.ReadInt32LittleEndian(s);
            records[k] = BinaryPrimitives.ReadInt64LittleEndian(s[4..]);
            fingerprints[k] = BinaryPrimitives.ReadUInt64LittleEndian(s[12..]);
            hashes[k] = BinaryPrimitives.ReadUInt64LittleEndian(s[20..]);
        }
        return new IntervalCommitted(BinaryPrimitives.ReadInt64LittleEndian(b), BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(8)), entities, records, fingerprints, hashes);
    }

    // State snapshot: index, time, then the nodes' JSON documents, deflated (they repeat a lot).
    private static byte[] StateBytes(StateSnapshot t)
    {
        var output = new MemoryStream();
        using (var z = new DeflateStream(output, new ZLibCompressionOptions { CompressionLevel = 1 }, leaveOpen: true))
        using (var w = new BinaryWriter(z))
        {
            w.Write(t.Index);
            w.Write(t.AtNs);
            w.Write(t.NodeStates.Count);
            foreach (var n in t.NodeStates) w.Write(n);
        }
        return output.ToArray();
    }

    /// <summary>A state snapshot as stored (manifest "T"), for a reader that goes to the table directly.</summary>
    public static StateSnapshot ReadStateSnapshot(byte[] b) => ReadState(b);

    public const string StateManifest = State;

    private static StateSnapshot ReadState(byte[] b)
    {
        using var r = new BinaryReader(new DeflateStream(new MemoryStream(b), CompressionMode.Decompress));
        long index = r.ReadInt64(), at = r.ReadInt64();
        var nodes = new string[r.ReadInt32()];
        for (int i = 0; i < nodes.Length; i++) nodes[i] = r.ReadString();
        return new StateSnapshot(index, at, nodes);
    }

    // Ledger snapshot: the run's first event (JSON) and every interval so far, each length-prefixed.
    private static byte[] LedgerBytes(LedgerSnapshot l)
    {
        var output = new MemoryStream();
        using (var w = new BinaryWriter(output, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            var started = JsonSerializer.SerializeToUtf8Bytes(l.Started, Json);
            w.Write(started.Length);
            w.Write(started);
            w.Write(l.Intervals.Count);
            foreach (var i in l.Intervals)
            {
                var bytes = IntervalBytes(i);
                w.Write(bytes.Length);
                w.Write(bytes);
            }
        }
        return output.ToArray();
    }

    private static LedgerSnapshot ReadLedger(byte[] b)
    {
        using var r = new BinaryReader(new MemoryStream(b));
        var started = JsonSerializer.Deserialize<RunStarted>(r.ReadBytes(r.ReadInt32()), Json) ?? throw new InvalidDataException("empty run-started in a ledger snapshot");
        var intervals = new IntervalCommitted[r.ReadInt32()];
        for (int i = 0; i < intervals.Length; i++) intervals[i] = ReadInterval(r.ReadBytes(r.ReadInt32()));
        return new LedgerSnapshot(started, intervals);
    }
}
