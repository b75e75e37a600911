using System.CommandLine;

namespace ActorNet.Cli.Commands;

/// <summary>The command tree. Separate from Program so tests can run the CLI in-process.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int RunFailed = 1;
    public const int BadInput = 2;
    public const int Interrupted = 130;
    public const int Terminated = 143;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        var root = new RootCommand("ActorNet: a deterministic simulator of IP networks in virtual time (hosts, routers with drop-tail queues, lossy links, ICMP, UDP, TCP with Reno/NewReno/CUBIC and SACK, HTTP), with the same results on every run of a scenario and seed.")
        {
            RunCommand.Create(stdout, stderr, cancel),
            ValidateCommand.Create(stdout, stderr),
            BenchCommand.Create(stdout, stderr),
            RunsCommand.Create(stdout, stderr),
            ShowCommand.Create(stdout, stderr),
            ExportCommand.Create(stdout, stderr, cancel),
            InspectCommand.Create(stdout, stderr, cancel),
            ReplayCommand.Create(stdout, stderr, cancel),
            DiffCommand.Create(stdout, stderr),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("Try 'actornet --help'.");
            return BadInput;
        }
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
