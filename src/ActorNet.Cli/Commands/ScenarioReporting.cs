using ActorNet.Core.Scenarios;

namespace ActorNet.Cli.Commands;

internal static class ScenarioReporting
{
    /// <summary>Prints every problem of a failed load; true when there were none.</summary>
    public static bool ReportErrors(ScenarioLoadResult result, TextWriter stderr)
    {
        if (result.Ok) return true;
        foreach (var e in result.Errors) stderr.WriteLine($"error: {e}");
        stderr.WriteLine($"{result.Errors.Count} problem{(result.Errors.Count == 1 ? "" : "s")} found; nothing was run.");
        return false;
    }
}
