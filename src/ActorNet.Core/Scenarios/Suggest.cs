namespace ActorNet.Core.Scenarios;

/// <summary>"Did you mean" for misspelt keys, node names and app types.</summary>
internal static class Suggest
{
    /// <summary>The closest candidate within a small edit distance, or null (ties: the first in the given order).</summary>
    public static string? Closest(string word, IEnumerable<string> candidates) => AllClosest(word, candidates).FirstOrDefault();

    /// <summary>Every candidate at the smallest edit distance, if that distance is small, in the given order.</summary>
    public static List<string> AllClosest(string word, IEnumerable<string> candidates)
    {
        var best = new List<string>();
        int bestDistance = int.MaxValue;
        // A third of the length, at least 1 and at most 3: "jiter"→"jitter" (1), but not "x"→"rate".
        int limit = Math.Clamp(word.Length / 3, 1, 3);
        foreach (var c in candidates)
        {
            int d = Distance(word.ToLowerInvariant(), c.ToLowerInvariant());
            if (d > limit || d > bestDistance) continue;
            if (d < bestDistance) { best.Clear(); bestDistance = d; }
            best.Add(c);
        }
        return best;
    }

    /// <summary>A fix text: "did you mean 'delay'?", "did you mean 'h2' or 'r1'?", or a list of what is allowed.</summary>
    public static string Fix(string word, IReadOnlyCollection<string> candidates, string kind)
    {
        var close = AllClosest(word, candidates);
        if (close.Count > 0) return $"did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?";
        return candidates.Count == 0 ? $"remove it: there are no {kind}s here" : $"use one of the {kind}s: {string.Join(", ", candidates)}";
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent transpositions ("dealy" → "delay" is 1).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        }
        return d[a.Length, b.Length];
    }
}
