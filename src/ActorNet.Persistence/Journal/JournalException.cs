namespace ActorNet.Persistence.Journal;

/// <summary>
/// The journal database cannot be used as asked (not a database, another program's database, unreachable):
/// a problem and its fix for the person at the terminal, never a stack trace.
/// </summary>
public sealed class JournalException(string problem, string fix, Exception? inner = null) : Exception(problem, inner)
{
    public string Problem { get; } = problem;
    public string Fix { get; } = fix;
}
