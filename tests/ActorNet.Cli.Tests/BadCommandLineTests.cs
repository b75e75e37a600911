using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>Mistakes on the command line itself: exit 2, a message naming what is wrong, and nothing written.</summary>
public class BadCommandLineTests
{
    [Fact]
    public void Missing_scenario_file()
    {
        using var dir = new TempDir();
        string file = dir.PathOf("no-such.conf");
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", file, "--out", run);

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains($"error: {file}: scenario file not found", r.Stderr); // a problem with the whole file has no line:column
        Assert.Contains("  fix: check the path", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // no stack trace
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Validate_of_a_missing_file()
    {
        using var dir = new TempDir();
        var r = Actornet.Run("validate", dir.PathOf("no-such.conf"));
        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains("scenario file not found", r.Stderr);
    }

    [Theory]
    [InlineData("5parsecs", "unknown time unit 'parsecs'")]
    [InlineData("0s", "--until 0s: must be > 0")]
    [InlineData("-2s", "--until -2s: must be > 0")]
    [InlineData("soon", "--until soon:")]
    public void Bad_until(string until, string message)
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--until", until, "--out", run);

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains(message, r.Stderr);
        Assert.Contains("  fix: give a positive virtual time, e.g. --until 5s", r.Stderr);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Out_folder_that_is_not_empty_is_left_untouched()
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "keep.txt"), "earlier results");

        var r = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--out", run, "--quiet");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains($"error: run folder {run} exists and is not empty", r.Stderr);
        Assert.Contains("  fix: pass another --out; --replace only replaces a run folder", r.Stderr);
        Assert.Equal([Path.Combine(run, "keep.txt")], Directory.GetFileSystemEntries(run));
        Assert.Equal("earlier results", File.ReadAllText(Path.Combine(run, "keep.txt")));
    }

    [Fact]
    public void Out_folder_that_exists_empty_is_used()
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");
        Directory.CreateDirectory(run);

        var r = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--out", run, "--quiet");

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        Assert.True(File.Exists(Path.Combine(run, "summary.json")));
    }

    [Fact]
    public void Out_path_that_is_a_file()
    {
        using var dir = new TempDir();
        string run = dir.Write("run", "not a folder");

        var r = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--out", run, "--quiet");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains($"error: run folder {run} is a file", r.Stderr);
        Assert.Equal("not a folder", File.ReadAllText(run));
    }

    [Fact]
    public void Unknown_option()
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--out", run, "--colour");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains("error: Unrecognized command or argument '--colour'", r.Stderr);
        Assert.Contains("Try 'actornet --help'.", r.Stderr);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Unknown_command()
    {
        var r = Actornet.Run("simulate", RepoRoot.Config("ping.conf"));
        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains("'simulate'", r.Stderr);
    }

    [Fact]
    public void Run_without_a_scenario()
    {
        var r = Actornet.Run("run");
        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains("Required argument 'scenario' missing", r.Stderr);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("18446744073709551616")] // 2^64
    public void Seed_that_is_not_a_64_bit_unsigned_number(string seed)
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--seed", seed, "--out", run);

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains($"error: --seed {seed}: the seed must be a whole number from 0 to 18446744073709551615", r.Stderr);
        Assert.DoesNotContain("System.", r.Stderr);
        Assert.False(Directory.Exists(run));
    }

    // An empty value ("" from a script whose variable was unset) used to print a .NET type name:
    // "Cannot parse argument '' for option '--out' as expected type 'System.IO.DirectoryInfo'".
    [Theory]
    [InlineData("run", "--out", "error: --out \"\": give the run folder, e.g. --out runs/ping")]
    [InlineData("run", "--until", "error: --until : '' does not start with a number")]
    [InlineData("run", "--seed", "error: --seed : the seed must be a whole number")]
    [InlineData("run", "--threads", "error: --threads : give a whole number of threads")]
    [InlineData("bench", "--repeat", "error: --repeat \"\": give a whole number of timed runs, 1 or more, e.g. --repeat 5")]
    public void Empty_option_value_is_named_in_a_clear_message(string command, string option, string message)
    {
        var r = Actornet.Run(command, RepoRoot.Config("ping.conf"), option, "");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains(message, r.Stderr);
        Assert.DoesNotContain("System.", r.Stderr);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    [InlineData("bench")]
    public void Empty_scenario_argument_is_named_in_a_clear_message(string command)
    {
        var r = Actornet.Run(command, "");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains("error: scenario \"\": give a scenario file, e.g. config/ping.conf", r.Stderr);
        Assert.DoesNotContain("System.", r.Stderr);
    }

    [Fact]
    public void Repeat_that_is_not_a_number_is_named_in_a_clear_message()
    {
        var r = Actornet.Run("bench", RepoRoot.Config("ping.conf"), "--repeat", "abc");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains("error: --repeat abc: give a whole number of timed runs, 1 or more, e.g. --repeat 5", r.Stderr);
        Assert.DoesNotContain("System.", r.Stderr);
    }
}
