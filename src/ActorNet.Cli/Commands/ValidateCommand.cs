using System.CommandLine;
using ActorNet.Core.Scenarios;

namespace ActorNet.Cli.Commands;

/// <summary>actornet validate &lt;scenario&gt;: load and check a scenario without running it.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = ScenarioArgument.Create();
        var cmd = new Command("validate", "Check a scenario file and report every problem with file, line and fix; runs nothing.") { file };
        cmd.SetAction(pr =>
        {
            var result = ScenarioLoader.Load(pr.GetRequiredValue(file).FullName);
            if (!ScenarioReporting.ReportErrors(result, stderr)) return CliApp.BadInput;
            var s = result.Scenario!;
            stdout.WriteLine($"{s.SourceFile}: ok — scenario '{s.Name}', {s.Nodes.Count} nodes, {s.Links.Count} links, {s.Apps.Count} apps, stop at {s.StopAt}, seed {s.Seed}");
            return CliApp.Ok;
        });
        return cmd;
    }
}
