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
            if (inJ && inR && jv == (rc!.Records, rc.Fingerprint, rc.Hash)) continue;
            string reason = !inJ ? "the re-execution recorded something here, the journal nothing"
                : !inR ? "the journal recorded something here, the re-execution nothing"
                : jv.Records != rc!.Records || jv.Fingerprint != rc.Fingerprint
                    ? $"records differ (journal: {jv.Records} records so far, fingerprint {jv.Fingerprint:x16}; re-execution: {rc.Records}, {rc.Fingerprint:x16})"
                    : "the same events and packets, with other headers (chunk hash " + $"{jv.Hash:x16} against {rc.Hash:x16})";
            byte[]? journaledBytes = inJ ? _archive.Chunk(_record, entity, index)?.Bytes : null;
            throw new DivergenceException(new Divergence(index, Start(index), Start(index + 1), _record.Started.EntityName(entity), reason,
                SideBySide.Compare(journaledBytes, inR ? rc!.Bytes : null)));
        }
    }

    private SimTime Start(long index) => new(Math.Min(_record.Started.StopAtNs, index * _record.Started.IntervalNs));
}
