using Spectre.Console;

namespace ActorNet.Cli.Output;

/// <summary>A Spectre console on a writer: colours and wrapping on a terminal, plain unwrapped text in a file or a pipe.</summary>
internal static class PlainConsole
{
    /// <summary>Wider than any line we print; tables take only the width they need.</summary>
    private const int NoWrapWidth = 1 << 16;

    public static IAnsiConsole For(TextWriter stdout)
    {
        bool terminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        // A file or a pipe has no width: Spectre assumes 80 and wraps cells mid-word, which breaks
        // grep and column-wise reading. Only a terminal, which would wrap anyway, gets wrapped lines.
        if (!terminal) console.Profile.Width = NoWrapWidth;
        else if (console.Profile.Width < 100) console.Profile.Width = 120;
        return console;
    }
}
