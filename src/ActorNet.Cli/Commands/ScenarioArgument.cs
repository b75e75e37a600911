using System.CommandLine;

namespace ActorNet.Cli.Commands;

/// <summary>The &lt;scenario&gt; argument of run, validate and bench.</summary>
internal static class ScenarioArgument
{
    public static Argument<FileInfo> Create() => new("scenario")
    {
        Description = "Scenario file (HOCON), e.g. config/ping.conf",
        // The default parser calls new FileInfo(""), which throws, and prints the CLR type name.
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (!string.IsNullOrWhiteSpace(text)) return new FileInfo(text);
            r.AddError($"scenario \"{text}\": give a scenario file, e.g. config/ping.conf");
            return null;
        },
    };
}
