using System.Text.Json;
using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// SIGTERM (what kill, timeout and service managers send) used to end the process at once,
/// leaving status.json at "running". It now stops the run like Ctrl-C: at the next window
/// boundary, with the run folder finished for the virtual time reached. Each test runs the CLI as
/// a child process on S4 (tcp-bottleneck, 60 s of traffic asked to go on to 600 s, far longer
/// than the test) and signals it once the run is under way: status.json says running and the
/// progress line (printed after a second of wall time) is on stderr.
/// </summary>
public sealed class SignalTests
{
    [Theory]
    [InlineData("TERM", CliApp.Terminated)]
    [InlineData("INT", CliApp.Interrupted)]
    public void A_signal_stops_the_run_and_the_folder_says_interrupted(string signal, int exitCode)
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        using var child = ActornetProcess.Start("run", RepoRoot.Config("tcp-bottleneck.conf"), "--until", "600s", "--out", run);
        Assert.True(child.WaitUntilUnderWay(run), child.ToString());

        child.Signal(signal);

        Assert.True(child.WaitForExit() == exitCode, child.ToString());
        Assert.Equal("interrupted", StatusJson.Of(run));
        Assert.Contains($"run folder {run} (interrupted)", child.Stdout);
        Assert.Contains("scenario tcp-bottleneck (seed 1, engine actors): interrupted", child.Stdout);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.Equal("interrupted", summary.RootElement.GetProperty("run").GetProperty("status").GetString());
        Assert.InRange(summary.RootElement.GetProperty("run").GetProperty("sim_time_ns").GetInt64(), 1, 600_000_000_000 - 1);
        Assert.True(File.Exists(Path.Combine(run, "tcp.csv")));
        Assert.False(Directory.Exists(Path.Combine(run, ".staging")));
    }
}
