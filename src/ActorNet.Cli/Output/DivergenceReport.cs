using ActorNet.Persistence.Replay;
using Spectre.Console;

namespace ActorNet.Cli.Output;

/// <summary>The first divergence of two versions of a run, with the records of both side by side (a ▶ marks the records that differ).</summary>
internal static class DivergenceReport
{
    public static void Write(Divergence d, string left, string right, TextWriter stdout)
    {
        stdout.WriteLine($"first difference: interval {d.Interval} [{d.From}, {d.To}), {d.Entity}: {d.Reason}");
        if (d.Records.Count == 0) return;
        var t = new Table();
        t.AddColumns("", left, right);
        foreach (var line in d.Records) t.AddRow(line.Differs ? "▶" : "", Markup.Escape(line.Left), Markup.Escape(line.Right));
        PlainConsole.For(stdout).Write(t);
    }
}
