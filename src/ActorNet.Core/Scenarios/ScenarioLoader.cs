using ActorNet.Core.Scenarios.Hocon;

namespace ActorNet.Core.Scenarios;

/// <summary>
/// What loading gave: a scenario when there were no problems, otherwise the first problems in file
/// order (at most <see cref="ScenarioLoader.MaxReportedProblems"/>) and how many there were in all.
/// </summary>
public sealed record ScenarioLoadResult(Scenario? Scenario, IReadOnlyList<ScenarioError> Errors)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Scenario))]
    public bool Ok => Scenario is not null && Errors.Count == 0;

    /// <summary>Every problem found; more than <see cref="Errors"/> holds when some were left out.</summary>
    public int ErrorCount { get; init; } = Errors.Count;
}

/// <summary>
/// Reads a HOCON scenario file (docs/SCENARIOS.md) and validates it (DESIGN §6). Never throws for
/// bad input: a missing file, a syntax error or a wrong value comes back as a
/// <see cref="ScenarioError"/> with file, line, column, the problem and a fix, sorted by position.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>
    /// Problems kept and reported: the first in file order. A file with more is almost always not a
    /// scenario at all, and its first problems say so; the rest are counted, not listed.
    /// </summary>
    public const int MaxReportedProblems = 50;

    /// <summary>
    /// The largest scenario file read (16 MiB). Hand-written scenarios are kilobytes and large
    /// networks come from generate { }; past this, parsing and holding the tree would cost
    /// memory out of all proportion (a 50 MB file once took 2.2 GB).
    /// </summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Reads and checks the file at <paramref name="path"/>. <paramref name="seedOverride"/> (the
    /// command line's --seed) replaces the file's <c>seed</c> everywhere it is used, the generated
    /// topology and traffic included: they are made here, while loading, so setting the seed on the
    /// scenario afterwards would be too late. A <c>seed</c> written inside <c>generate</c> keeps its
    /// value (docs/SCENARIOS.md, "Seeds").
    /// </summary>
    public static ScenarioLoadResult Load(string path, ulong? seedOverride = null)
    {
        if (!ScenarioFileReader.TryRead(path, out var text, out var error))
            return new ScenarioLoadResult(null, [error!]);
        return LoadFromText(text, path, seedOverride);
    }

    /// <summary>As <see cref="Load"/>, for text already read; <paramref name="fileName"/> is what messages call it.</summary>
    public static ScenarioLoadResult LoadFromText(string text, string fileName, ulong? seedOverride = null)
    {
        if (ScenarioFileReader.CheckText(text, fileName) is { } notText)
            return new ScenarioLoadResult(null, [notText]);
        var errors = new ScenarioErrorList(MaxReportedProblems);
        var parsed = HoconParser.Parse(text, fileName, errors);
        Scenario? scenario = null;
        if (!parsed.Fatal)
            scenario = ScenarioValidator.Validate(parsed.Root, fileName, text, errors, seedOverride);
        return new ScenarioLoadResult(errors.Count == 0 ? scenario : null, errors.Kept) { ErrorCount = errors.Count };
    }
}
