using System.Globalization;
using System.Text.RegularExpressions;
using ActorNet.Cli.Commands;

namespace ActorNet.Cli.Tests.Support;

/// <summary>What one in-process run of the CLI printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The scenario problems printed on stderr, in the order printed.</summary>
    public IReadOnlyList<ReportedProblem> Problems => ReportedProblem.Parse(Stderr);

    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// One "error: file:line:column: problem" line (or "error: file: problem" for a problem with the whole
/// file, Line and Column 0) and the "  fix: ..." line under it.
/// </summary>
internal sealed partial record ReportedProblem(string File, int Line, int Column, string Problem, string Fix)
{
    public static IReadOnlyList<ReportedProblem> Parse(string stderr) =>
        ErrorLine().Matches(stderr.ReplaceLineEndings("\n"))
            .Select(m => new ReportedProblem(m.Groups["file"].Value,
                m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture) : 0,
                m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value, CultureInfo.InvariantCulture) : 0,
                m.Groups["problem"].Value, m.Groups["fix"].Value))
            .ToList();

    [GeneratedRegex(@"^error: (?<file>.+?)(?::(?<line>\d+):(?<col>\d+))?: (?<problem>.*)\n  fix: (?<fix>.*)$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}

/// <summary>Runs <see cref="CliApp.Run"/> in-process with captured output.</summary>
internal static class Actornet
{
    public static CliResult Run(params string[] args) => Run(CancellationToken.None, args);

    public static CliResult Run(CancellationToken cancel, params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(args, stdout, stderr, cancel);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
