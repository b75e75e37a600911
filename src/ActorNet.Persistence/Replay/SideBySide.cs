using ActorNet.Core.Tracing;

namespace ActorNet.Persistence.Replay;

/// <summary>One line of a side-by-side comparison of two chunks' records (<see cref="Differs"/>: the two records are not the same).</summary>
public sealed record SideBySideLine(string Left, string Right, bool Differs);

/// <summary>Where two chunks of one entity part: the first record that differs, with a few records around it.</summary>
public static class SideBySide
{
    public const int Before = 3, After = 4;

    /// <summary>
    /// The records of both chunks around the first one that differs (null chunk: the entity recorded nothing in the
    /// interval). Records are compared as decoded, so the comparison names what differs, not which bytes.
    /// </summary>
    public static List<SideBySideLine> Compare(byte[]? left, byte[]? right)
    {
        var a = left is null ? [] : JournalReader.Read(left);
        var b = right is null ? [] : JournalReader.Read(right);
        int first = 0;
        while (first < a.Count && first < b.Count && a[first] == b[first]) first++;
        var lines = new List<SideBySideLine>();
        if (first == a.Count && first == b.Count) return lines;
        if (left is null) lines.Add(new SideBySideLine("(nothing recorded in this interval)", "", true));
        if (right is null) lines.Add(new SideBySideLine("", "(nothing recorded in this interval)", true));
        int from = Math.Max(0, first - Before);
        if (from > 0) lines.Add(new SideBySideLine($"… {from} equal records", $"… {from} equal records", false));
        for (int i = from; i < first + After && (i < a.Count || i < b.Count); i++)
        {
            string l = i < a.Count ? a[i].ToString() : i == a.Count ? "(end of interval)" : "";
            string r = i < b.Count ? b[i].ToString() : i == b.Count ? "(end of interval)" : "";
            bool differs = i >= first && !(i < a.Count && i < b.Count && a[i] == b[i]);
            lines.Add(new SideBySideLine(l, r, differs));
        }
        return lines;
    }
}
