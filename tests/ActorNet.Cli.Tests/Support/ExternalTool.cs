using System.Diagnostics;

namespace ActorNet.Cli.Tests.Support;

/// <summary>Programs the tests may call when installed, such as tshark.</summary>
internal static class ExternalTool
{
    /// <summary>The program's full path on PATH, or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs it to the end (at most 60 s) and returns its stdout; fails the test if it exits non-zero.</summary>
    public static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within 60 s");
        }
        Assert.True(p.ExitCode == 0, $"{program} exited with {p.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
