using ActorNet.Core.Time;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Recording;

namespace ActorNet.Persistence.Replay;

/// <summary>
/// Compares a re-execution's intervals, as the engine closes them, with the journaled run's committed intervals:
/// the same intervals, and in each the same entities with the same running record count and fingerprint. At the
/// first difference it reads the journaled chunk and stops the run with a <see cref="DivergenceException"/>.
/// Intervals before <see cref="VerifyFromIndex"/> or from <see cref="VerifyUntilIndex"/> on are not compared.
/// </summary>
public sealed class RunVerifier
{
    private readonly RunArchive _archive;
    private readonly RunRecord _record;
    private readonly SortedDictionary<long, IntervalCommitted> _pending = [];
    // Stored chunks that are not what their interval committed (CheckStoredChunks), with the bytes found instead.
    private readonly Dictionary<(long Index, int Entity), byte[]?> _damaged = [];

    public RunVerifier(RunArchive archive, RunRecord record, long verifyFromIndex = 0, long verifyUntilIndex = long.MaxValue)
    {
        _archive = archive;
        _record = record;
        VerifyFromIndex = verifyFromIndex;
        VerifyUntilIndex = verifyUntilIndex;
        foreach (var i in record.Intervals)
            if (i.Index >= verifyFromIndex && i.Index < verifyUntilIndex) _pending[i.Index] = i;
    }

    public long VerifyFromIndex { get; }
    public long VerifyUntilIndex { get; }

    /// <summary>Intervals compared and found equal.</summary>
    public long Verified { get; private set; }

    /// <summary>
    /// Reads the journaled chunks of the verified intervals and checks each against what its interval committed
    /// (index, running record count, fingerprint, hash). The re-execution is compared with the committed values
    /// only, so without this a chunk changed in the database after the run (damage, an edit) would pass unseen and
    /// be shown later as the journal's records. The writer gives an entity's chunks sequence numbers 1, 2, … in the
    /// order of its committed intervals, so the n-th stored chunk must be the one of its n-th committed interval.
    /// A bad chunk is reported as a divergence at its interval and entity when the re-execution gets there.
    /// Reads each entity's chunks once, in order, and holds one at a time.
    /// </summary>
    public void CheckStoredChunks()
    {
        var committed = new List<(long Index, long Records, ulong Fingerprint, ulong Hash)>[_record.Started.EntityCount];
        foreach (var i in _record.Intervals)
            for (int k = 0; k < i.Entities.Length; k++)
                (committed[i.Entities[k]] ??= []).Add((i.Index, i.Records[k], i.Fingerprints[k], i.Hashes[k]));
        for (int entity = 0; entity < committed.Length; entity++)
        {
            var expected = committed[entity];
            if (expected is null) continue;
            // Sequence numbers of the chunks in the verified intervals.
            int first = expected.FindIndex(e => e.Index >= VerifyFromIndex), last = expected.FindLastIndex(e => e.Index < VerifyUntilIndex);
            if (first < 0 || last < first) continue;
            var seen = new bool[last - first + 1];
            try
            {
                _archive.ForEachEvent(JournalIds.Entity(_record.RunId, _record.Started, entity), last + 1, (seq, e) =>
                {
                    int n = (int)seq - 1;
                    if (n < first || n > last) return;
                    seen[n - first] = true;
                    var want = expected[n];
                    if (e is ChunkEvent c && c.Index == want.Index && c.Records == want.Records && c.Fingerprint == want.Fingerprint
                        && EntityChunk.HashOf(c.Bytes) == want.Hash) return;
                    _damaged[(want.Index, entity)] = (e as ChunkEvent)?.Bytes;
                });
            }
            catch (InvalidDataException)
            {
                // A row that does not decode ends the read: it and the chunks after it count as missing below, and
                // the first of them is where the divergence is reported.
            }
            for (int n = first; n <= last; n++)
                if (!seen[n - first]) _damaged[(expected[n].Index, entity)] = null;
        }
    }

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
            bool agree = inJ && inR && jv == (rc!.Records, rc.Fingerprint, rc.Hash);
            bool stored = _damaged.TryGetValue((index, entity), out var storedBytes);
            if (agree && !stored) continue;
            string reason = agree
                ? $"the journal's stored chunk is not the one its interval committed (chunk hash {jv.Hash:x16}): the database was changed after the run; the re-execution agrees with the committed hash"
                : !inJ ? "the re-execution recorded something here, the journal nothing"
                : !inR ? "the journal recorded something here, the re-execution nothing"
                : jv.Records != rc!.Records || jv.Fingerprint != rc.Fingerprint
                    ? $"records differ (journal: {jv.Records} records so far, fingerprint {jv.Fingerprint:x16}; re-execution: {rc.Records}, {rc.Fingerprint:x16})"
                    : "the same events and packets, with other headers (chunk hash " + $"{jv.Hash:x16} against {rc.Hash:x16})";
            byte[]? journaledBytes = stored ? storedBytes : inJ ? _archive.Chunk(_record, entity, index)?.Bytes : null;
            throw new DivergenceException(new Divergence(index, Start(index), Start(index + 1), _record.Started.EntityName(entity), reason,
                SideBySide.Compare(journaledBytes, inR ? rc!.Bytes : null)));
        }
    }

    private SimTime Start(long index) => new(Math.Min(_record.Started.StopAtNs, index * _record.Started.IntervalNs));
}
