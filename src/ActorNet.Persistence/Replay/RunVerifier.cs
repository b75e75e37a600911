using ActorNet.Core.Time;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Recording;

namespace ActorNet.Persistence.Replay;

/// <summary>
/// Compares a re-execution's intervals, as the engine closes them, with the journaled run's committed intervals:
/// the same intervals, and in each the same entities with the same running record count and fingerprint. At the
/// first difference it reads the journaled chunk and stops the run with a <see cref="DivergenceException"/>.
/// Intervals before <see cref="VerifyFromIndex"/> or from <see cref="VerifyUntilIndex"/> on are not compared.
/// <para>
/// The interval records are what the re-execution is compared with; the chunks are only read to show a difference.
/// So the chunks are first checked against the interval records that committed them (each holds its chunks' hashes):
/// a chunk changed, lost or moved in the database after the run makes its interval diverge on its entity, with the
/// chunk as the journal holds it beside the re-execution's.
/// </para>
/// </summary>
public sealed class RunVerifier
{
    private readonly RunArchive _archive;
    private readonly RunRecord _record;
    private readonly SortedDictionary<long, IntervalCommitted> _pending = [];
    private readonly Dictionary<(long Index, int Entity), Damage> _damaged;

    public RunVerifier(RunArchive archive, RunRecord record, long verifyFromIndex = 0, long verifyUntilIndex = long.MaxValue)
    {
        _archive = archive;
        _record = record;
        VerifyFromIndex = verifyFromIndex;
        VerifyUntilIndex = verifyUntilIndex;
        foreach (var i in record.Intervals)
            if (i.Index >= verifyFromIndex && i.Index < verifyUntilIndex) _pending[i.Index] = i;
        _damaged = CheckChunks(archive, record, verifyFromIndex, verifyUntilIndex);
    }

    public long VerifyFromIndex { get; }
    public long VerifyUntilIndex { get; }

    /// <summary>Intervals compared and found equal.</summary>
    public long Verified { get; private set; }

    public void OnInterval(IntervalChunks replayed)
    {
        if (replayed.Index < VerifyFromIndex || replayed.Index >= VerifyUntilIndex) return;
        // A journaled interval the re-execution went past without recording anything in it.
        foreach (var (index, journaled) in _pending)
        {
            if (index >= replayed.Index) break;
            Diverge(index, journaled, null);
        }
        _pending.Remove(replayed.Index, out var expected);
        Diverge(replayed.Index, expected, replayed);
        Verified++;
    }

    /// <summary>After the run: any journaled interval the re-execution never recorded is a divergence.</summary>
    public void Finish()
    {
        foreach (var (index, journaled) in _pending) Diverge(index, journaled, null);
    }

    // Throws unless the two agree.
    private void Diverge(long index, IntervalCommitted? journaled, IntervalChunks? replayed)
    {
        var j = journaled?.ByEntity() ?? [];
        var r = new Dictionary<int, EntityChunk>();
        if (replayed is not null) foreach (var c in replayed.Chunks) r[c.Entity] = c;
        foreach (int entity in j.Keys.Union(r.Keys).Order())
        {
            bool inJ = j.TryGetValue(entity, out var jv), inR = r.TryGetValue(entity, out var rc);
            bool damaged = _damaged.TryGetValue((index, entity), out var damage);
            if (inJ && inR && jv == (rc!.Records, rc.Fingerprint, rc.Hash) && !damaged) continue;
            string reason = damaged ? damage!.Problem
                : !inJ ? "the re-execution recorded something here, the journal nothing"
                : !inR ? "the journal recorded something here, the re-execution nothing"
                : jv.Records != rc!.Records || jv.Fingerprint != rc.Fingerprint
                    ? $"records differ (journal: {jv.Records} records so far, fingerprint {jv.Fingerprint:x16}; re-execution: {rc.Records}, {rc.Fingerprint:x16})"
                    : "the same events and packets, with other headers (chunk hash " + $"{jv.Hash:x16} against {rc.Hash:x16})";
            byte[]? journaledBytes = damaged ? damage!.Bytes : inJ ? _archive.Chunk(_record, entity, index)?.Bytes : null;
            throw new DivergenceException(new Divergence(index, Start(index), Start(index + 1), _record.Started.EntityName(entity), reason,
                SideBySide.Compare(journaledBytes, inR ? rc!.Bytes : null)));
        }
    }

    private sealed record Damage(string Problem, byte[]? Bytes);

    // An entity's chunks are written in interval order, one per interval that names it (after the last committed
    // interval there may be chunks of a batch whose interval record never made it: a killed run). So its n-th chunk
    // must be of its n-th committed interval, with that interval's record count, fingerprint and hash. The first
    // chunk of each entity that is not is kept, by interval, if that interval is to be verified.
    private static Dictionary<(long, int), Damage> CheckChunks(RunArchive archive, RunRecord record, long from, long until)
    {
        var committed = new SortedDictionary<int, List<(long Index, long Records, ulong Fingerprint, ulong Hash)>>();
        foreach (var i in record.Intervals)
            for (int k = 0; k < i.Entities.Length; k++)
            {
                if (!committed.TryGetValue(i.Entities[k], out var list)) committed[i.Entities[k]] = list = [];
                list.Add((i.Index, i.Records[k], i.Fingerprints[k], i.Hashes[k]));
            }
        var damaged = new Dictionary<(long, int), Damage>();
        foreach (var (entity, expected) in committed)
        {
            if (!expected.Any(e => e.Index >= from && e.Index < until)) continue;
            List<object> stored;
            try
            {
                stored = archive.Events(JournalIds.Entity(record.RunId, record.Started, entity));
            }
            catch (InvalidDataException e)
            {
                // A chunk that no longer inflates: which one is not known, so the entity's first interval to verify is named.
                var at = expected.First(x => x.Index >= from && x.Index < until);
                damaged[(at.Index, entity)] = new Damage($"the journal's chunks of {record.Started.EntityName(entity)} cannot be read ({e.Message}): the database was changed or damaged", null);
                continue;
            }
            for (int n = 0; n < expected.Count && expected[n].Index < until; n++)
            {
                var e = expected[n];
                var c = n < stored.Count ? stored[n] as ChunkEvent : null;
                string? problem = n < stored.Count && stored[n] is UndecodableChunk u ? $"the journal's chunk here does not decode ({u.Problem}): it was damaged or changed in the database"
                    : c is null ? "the journal holds no chunk for this interval (it was deleted or damaged in the database)"
                    : c.Index != e.Index ? $"the journal's chunk here is the one of interval {c.Index} (the chunks were moved in the database)"
                    : c.Records != e.Records || c.Fingerprint != e.Fingerprint || EntityChunk.HashOf(c.Bytes) != e.Hash
                        ? "the journal's chunk is not the one its interval committed (its hash differs: it was changed in the database)"
                    : null;
                if (problem is null) continue;
                if (e.Index >= from) damaged[(e.Index, entity)] = new Damage(problem, c?.Bytes);
                break;
            }
        }
        return damaged;
    }

    private SimTime Start(long index) => new(Math.Min(_record.Started.StopAtNs, index * _record.Started.IntervalNs));
}
