namespace ActorNet.Core.Scenarios;

/// <summary>
/// The problems of one load: counts every problem added, keeps only the first
/// <see cref="Capacity"/> in file order (line, then column, then the order they were found). A
/// file of a million unknown keys then costs a count, not a million messages held and printed;
/// and the count stays honest. <see cref="Count"/> only grows, so the validator can still ask
/// "did this section add a problem?" by comparing counts.
/// </summary>
internal sealed class ScenarioErrorList(int capacity)
{
    private readonly List<ScenarioError> _kept = [];

    public int Capacity { get; } = capacity;

    /// <summary>Every problem added, kept or not.</summary>
    public int Count { get; private set; }

    /// <summary>The first <see cref="Capacity"/> problems in file order.</summary>
    public IReadOnlyList<ScenarioError> Kept => _kept;

    public void Add(ScenarioError error)
    {
        Count++;
        // After every kept problem at the same place or earlier: problems found at one place keep
        // the order they were found in.
        int i = _kept.Count;
        while (i > 0 && Before(error, _kept[i - 1])) i--;
        if (i >= Capacity) return;
        _kept.Insert(i, error);
        if (_kept.Count > Capacity) _kept.RemoveAt(_kept.Count - 1);
    }

    private static bool Before(ScenarioError a, ScenarioError b) =>
        a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column);
}
