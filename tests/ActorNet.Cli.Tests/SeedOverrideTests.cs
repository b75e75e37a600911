using System.Text.Json;
using System.Text.RegularExpressions;
using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// --seed N replaces the scenario's seed everywhere the file's seed is used, the generated
/// topology and traffic included (docs/SCENARIOS.md, "Seeds"), so status.json's seed is the seed
/// the run really had: rerunning with it gives the recorded digest. The generated configs run for
/// a few hundred microseconds of virtual time on the reference engine, enough for their first
/// packets to cross the network, which is all a digest needs to tell two runs apart.
/// </summary>
public partial class SeedOverrideTests
{
    private static (string Digest, string Folder) Run(string file, string outDir, params string[] extra)
    {
        var r = Actornet.Run(["run", file, "--out", outDir, "--quiet", "--engine", "reference", "--until", "300us", .. extra]);
        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        var m = DigestLine().Match(r.Stdout);
        Assert.True(m.Success, r.ToString());
        return (m.Groups[1].Value, outDir);
    }

    private static (ulong Seed, string Digest) Status(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "status.json")));
        return (doc.RootElement.GetProperty("seed").GetUInt64(), doc.RootElement.GetProperty("digest").GetString()!);
    }

    [Theory]
    [InlineData("fat-tree.conf")]
    [InlineData("random-1000.conf")]
    public void Another_seed_gives_another_digest_on_a_generated_config(string config)
    {
        using var dir = new TempDir();
        var fromFile = Run(RepoRoot.Config(config), dir.PathOf("file-seed"));
        var seed2 = Run(RepoRoot.Config(config), dir.PathOf("seed-2"), "--seed", "2");

        Assert.NotEqual(fromFile.Digest, seed2.Digest);
        Assert.Equal(2UL, Status(seed2.Folder).Seed);
    }

    [Theory]
    [InlineData("fat-tree.conf", "seed = 11")]
    [InlineData("random-1000.conf", "seed = 1000")]
    public void Seed_on_the_command_line_gives_the_run_of_that_seed_written_in_the_file(string config, string fileSeed)
    {
        using var dir = new TempDir();
        string text = File.ReadAllText(RepoRoot.Config(config));
        Assert.Contains(fileSeed + "\n", text.ReplaceLineEndings("\n"));
        string written = dir.Write(config, text.Replace(fileSeed, "seed = 2", StringComparison.Ordinal));

        var inFile = Run(written, dir.PathOf("in-file"));
        var onCommandLine = Run(RepoRoot.Config(config), dir.PathOf("command-line"), "--seed", "2");

        Assert.Equal(inFile.Digest, onCommandLine.Digest);
    }

    [Fact]
    public void Rerun_with_the_seed_recorded_in_status_json_gives_the_recorded_digest()
    {
        using var dir = new TempDir();
        var first = Run(RepoRoot.Config("fat-tree.conf"), dir.PathOf("first"), "--seed", "7");
        var (seed, digest) = Status(first.Folder);
        Assert.Equal(first.Digest, digest);

        var again = Run(RepoRoot.Config("fat-tree.conf"), dir.PathOf("again"), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(digest, again.Digest);
        Assert.Equal((seed, digest), Status(again.Folder));
    }

    [GeneratedRegex(@"^digest (\S+)$", RegexOptions.Multiline)]
    private static partial Regex DigestLine();
}
