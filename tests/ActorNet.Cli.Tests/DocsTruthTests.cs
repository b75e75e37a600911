using System.Text.RegularExpressions;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// The README, docs/CLI.md and --help describe what the tool does today: every shipped scenario,
/// every command, every file a run writes, and no built feature described as missing.
/// </summary>
public partial class DocsTruthTests
{
    [Fact]
    public void Readme_lists_every_scenario_in_config()
    {
        string readme = Read("README.md");
        var missing = Directory.GetFiles(Path.Combine(RepoRoot.Path, "config"), "*.conf")
            .Select(Path.GetFileName)
            .Where(f => !readme.Contains($"| `{f}` |", StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, $"README's scenario table lacks {string.Join(", ", missing)}");
    }

    [Fact]
    public void Cli_doc_lists_every_command_the_tool_has()
    {
        string doc = Read("docs/CLI.md");
        var help = Actornet.Run("--help");
        Assert.Equal(0, help.ExitCode);
        // System.CommandLine prints the commands under "Commands:", one per line, name first.
        string commands = help.Stdout[help.Stdout.IndexOf("Commands:", StringComparison.Ordinal)..];
        var names = CommandLine().Matches(commands).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("run", names);
        foreach (var name in names)
            Assert.True(doc.Contains($"| `actornet {name}", StringComparison.Ordinal), $"docs/CLI.md's command table lacks '{name}'");
        Assert.DoesNotContain("It has two commands", doc, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_doc_run_folder_tree_names_every_file_a_tcp_run_writes()
    {
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "run");
        var r = Actornet.Run("run", RepoRoot.Config("tcp-bottleneck.conf"), "--until", "2s", "--quiet", "--engine", "reference", "--out", folder);
        Assert.True(r.ExitCode == 0, r.ToString());
        string doc = Read("docs/CLI.md");
        int start = doc.IndexOf("## The run folder", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/CLI.md has no '## The run folder' section");
        string tree = doc[start..doc.IndexOf("```", doc.IndexOf("```", start, StringComparison.Ordinal) + 3, StringComparison.Ordinal)];
        var written = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        Assert.Contains("cwnd.png", written);
        foreach (var f in written)
            Assert.True(tree.Contains($" {f} ", StringComparison.Ordinal), $"the run-folder tree in docs/CLI.md lacks {f}");
    }

    [Fact]
    public void Help_describes_the_tool_with_tcp()
    {
        var help = Actornet.Run("--help");
        Assert.Contains("TCP", help.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/CLI.md")]
    [InlineData("docs/SCENARIOS.md")]
    [InlineData("docs/ARCHITECTURE.md")]
    [InlineData("docs/OUTPUT.md")]
    [InlineData("docs/TCP-CONNECTION.md")]
    public void No_doc_says_a_built_feature_is_missing(string file)
    {
        // Features that exist; a sentence saying one of them is not built (or not wired in) is stale.
        string[] built = ["TCP", "SACK", "RFC 6675", "socket actors", "HTTP", "pcap"];
        var stale = Read(file).Split('\n')
            .Where(line => Missing().IsMatch(line) && built.Any(b => line.Contains(b, StringComparison.Ordinal)))
            .ToList();
        Assert.True(stale.Count == 0, $"{file} says something built is missing:\n{string.Join("\n", stale)}");
    }

    private static string Read(string relative) => File.ReadAllText(Path.Combine(RepoRoot.Path, relative));

    [GeneratedRegex(@"^\s{2}(\S+)", RegexOptions.Multiline)]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"not (built|wired|implemented)( in| into)?( \w+)? yet|are the next issues")]
    private static partial Regex Missing();
}
