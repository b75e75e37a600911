using ActorNet.Core.Scenarios;

namespace ActorNet.Cli.Commands;

internal static class ScenarioReporting
{
    /// <summary>Prints the problems of a failed load and how many there were; true when there were none.</summary>
    public static bool ReportErrors(ScenarioLoadResult result, TextWriter stderr)
    {
        if (result.Ok) return true;
        foreach (var e in result.Errors) stderr.WriteLine($"error: {e}");
        // The loader keeps only the first problems in file order; the count is of all of them.
        int left = result.ErrorCount - result.Errors.Count;
        if (left > 0)
            stderr.WriteLine($"... and {left} more problem{(left == 1 ? "" : "s")} not shown (the first {result.Errors.Count} in file order are above)");
        stderr.WriteLine($"{result.ErrorCount} problem{(result.ErrorCount == 1 ? "" : "s")} found; nothing was run.");
        return false;
    }
}
