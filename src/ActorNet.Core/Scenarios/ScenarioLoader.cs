using ActorNet.Core.Scenarios.Hocon;

namespace ActorNet.Core.Scenarios;

/// <summary>What loading gave: a scenario when there were no problems, otherwise every problem found.</summary>
public sealed record ScenarioLoadResult(Scenario? Scenario, IReadOnlyList<ScenarioError> Errors)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Scenario))]
    public bool Ok => Scenario is not null && Errors.Count == 0;
}

/// <summary>
/// Reads a HOCON scenario file (docs/SCENARIOS.md) and validates it (DESIGN §6). Never throws for
/// bad input: a missing file, a syntax error or a wrong value comes back as a
/// <see cref="ScenarioError"/> with file, line, column, the problem and a fix, sorted by position.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>
    /// Reads and checks the file at <paramref name="path"/>. <paramref name="seedOverride"/> (the
    /// command line's --seed) replaces the file's <c>seed</c> everywhere it is used, the generated
    /// topology and traffic included: they are made here, while loading, so setting the seed on the
    /// scenario afterwards would be too late. A <c>seed</c> written inside <c>generate</c> keeps its
    /// value (docs/SCENARIOS.md, "Seeds").
    /// </summary>
    public static ScenarioLoadResult Load(string path, ulong? seedOverride = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
                                      or System.Security.SecurityException)
        {
            string problem = e is FileNotFoundException or DirectoryNotFoundException
                ? "scenario file not found"
                : $"cannot read the scenario file: {e.Message}";
            return new ScenarioLoadResult(null,
                [new ScenarioError(path, 0, 0, problem, "check the path; scenario files usually live in config/<name>.conf")]);
        }
        return LoadFromText(text, path, seedOverride);
    }

    /// <summary>As <see cref="Load"/>, for text already read; <paramref name="fileName"/> is what messages call it.</summary>
    public static ScenarioLoadResult LoadFromText(string text, string fileName, ulong? seedOverride = null)
    {
        var parsed = HoconParser.Parse(text, fileName);
        var errors = new List<ScenarioError>(parsed.Errors);
        Scenario? scenario = null;
        if (!parsed.Fatal)
            scenario = ScenarioValidator.Validate(parsed.Root, fileName, text, errors, seedOverride);
        var sorted = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new ScenarioLoadResult(sorted.Count == 0 ? scenario : null, sorted);
    }
}
