namespace ActorNet.Core.Scenarios;

/// <summary>
/// One problem in a scenario file: where, what is wrong, and how to fix it (DESIGN §6). Messages
/// quote the file, so every text is made printable as it is set (<see cref="PrintableText"/>):
/// whoever prints a ScenarioError prints no control character from the file.
/// </summary>
public sealed record ScenarioError(string File, int Line, int Column, string Problem, string Fix)
{
    public string File { get; init => field = PrintableText.Of(value); } = PrintableText.Of(File);
    public string Problem { get; init => field = PrintableText.Of(value); } = PrintableText.Of(Problem);
    public string Fix { get; init => field = PrintableText.Of(value); } = PrintableText.Of(Fix);

    /// <summary>
    /// dumbbell.conf:14:5: link r1-r2 has delay 0ms; links need delay &gt; 0\n  fix: set a delay, e.g. delay = 1ms.
    /// A problem with the whole file (Line 0: not found, a directory, too large) has no position to give:
    /// "config: is a directory, not a scenario file", as compilers print it.
    /// </summary>
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Problem}\n  fix: {Fix}" : $"{File}: {Problem}\n  fix: {Fix}";
}
