using System.Diagnostics;
using System.Text;

namespace ActorNet.Cli.Tests.Support;

/// <summary>
/// The CLI as a child process (actornet.dll beside the test binaries, run by the dotnet host), for
/// what only a real process shows: signals, OS file locks, a process killed mid-run. Waits are on
/// the child and bounded: they poll a condition (a file's content, the child's output) and give up
/// at a deadline.
/// </summary>
internal sealed class ActornetProcess : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ActornetProcess(Process process) => _process = process;

    public static ActornetProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actornet.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        var child = new ActornetProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, e) => child.Append(child._stdout, e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(child._stderr, e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    public int Id => _process.Id;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>
    /// True once <paramref name="condition"/> holds; false if the child exits or the deadline
    /// passes first. Between checks it waits on the child (20 ms, or less if it exits).
    /// </summary>
    public bool WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline)
        {
            if (condition()) return true;
            if (_process.WaitForExit(20)) return condition();
        }
        return false;
    }

    /// <summary>
    /// Waits until the simulation runs: status.json says "running" and the progress line (printed
    /// after a second of wall time, unless --quiet) is out. The status alone is not enough: it is
    /// written first, scenario.conf after it, and the engine starts later still.
    /// </summary>
    public bool WaitUntilUnderWay(string runFolder) =>
        WaitUntil(() => StatusJson.Of(runFolder) == "running" && Stderr.Contains("virtual time", StringComparison.Ordinal));

    /// <summary>Sends a signal by name (TERM, INT, KILL) as kill(1) does.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -{name} {Id} failed");
    }

    /// <summary>Waits for the child to end (failing the test after the deadline) and returns its exit code.</summary>
    public int WaitForExit()
    {
        if (!_process.WaitForExit(Deadline))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"actornet did not exit within {Deadline.TotalSeconds} s\n{this}");
        }
        _process.WaitForExit();   // and its output is read to the end
        return _process.ExitCode;
    }

    public override string ToString() =>
        $"{(_process.HasExited ? $"exit code {_process.ExitCode}" : "running")}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    private void Append(StringBuilder to, string? line)
    {
        if (line is null) return;
        lock (to) to.Append(line).Append('\n');
    }
}
