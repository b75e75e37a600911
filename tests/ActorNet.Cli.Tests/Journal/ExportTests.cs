using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests.Journal;

/// <summary>
/// actornet export rebuilds a run's files from its journal (re-executed on the reference engine, verified interval by
/// interval): every CSV, plot, pcap file and summary.json it writes is the live run's, byte for byte. Each test
/// journals into a database of its own, so 'last' is its run.
/// </summary>
public sealed class ExportTests
{
    [Theory]
    [InlineData("tcp-loss.conf", "3s")]
    [InlineData("http.conf", "5s")]
    [InlineData("ping.conf", "10s")]
    public void Export_writes_the_live_runs_files_byte_for_byte(string config, string until)
    {
        using var dir = new TempDir();
        string db = dir.PathOf("journal.db"), run = dir.PathOf("run"), export = dir.PathOf("export");
        var live = Actornet.Run("run", RepoRoot.Config(config), "--pcap", "--until", until, "--out", run, "--db", db, "--quiet");
        Assert.True(live.ExitCode == CliApp.Ok, live.ToString());

        var r = Actornet.Run("export", "last", "--pcap", "--csv", "--json", "--out", export, "--db", db, "--quiet");

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        var expected = Exportable(run);
        Assert.Contains("summary.json", expected);
        Assert.Contains(expected, f => f.EndsWith(".csv", StringComparison.Ordinal));
        Assert.Contains(expected, f => f.StartsWith("pcap/", StringComparison.Ordinal));
        Assert.Equal(expected, Files(export));
        foreach (var f in expected)
            Assert.True(File.ReadAllBytes(Path.Combine(run, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(export, f))), $"{f} differs from the live run's");
    }

    [Fact]
    public void A_pcap_selection_exports_only_the_files_it_names()
    {
        using var dir = new TempDir();
        string db = dir.PathOf("journal.db"), run = dir.PathOf("run"), export = dir.PathOf("export");
        var live = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--pcap", "--out", run, "--db", db, "--quiet");
        Assert.True(live.ExitCode == CliApp.Ok, live.ToString());

        var r = Actornet.Run("export", "last", "--pcap", "h1", "--out", export, "--db", db, "--quiet");

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        // h1 has one interface: one file, and no CSV or summary (not asked for).
        Assert.Equal(["pcap/h1-eth0.pcap"], Files(export));
        Assert.Equal(File.ReadAllBytes(Path.Combine(run, "pcap", "h1-eth0.pcap")), File.ReadAllBytes(Path.Combine(export, "pcap", "h1-eth0.pcap")));
    }

    [Fact]
    public void A_bad_selection_or_a_folder_in_use_is_refused_and_nothing_is_written()
    {
        using var dir = new TempDir();
        string db = dir.PathOf("journal.db");
        var live = Actornet.Run("run", RepoRoot.Config("ping.conf"), "--until", "2s", "--out", dir.PathOf("run"), "--db", db, "--quiet");
        Assert.True(live.ExitCode == CliApp.Ok, live.ToString());

        string export = dir.PathOf("export");
        var bad = Actornet.Run("export", "last", "--pcap", "nosuchnode", "--out", export, "--db", db, "--quiet");
        Assert.True(bad.ExitCode == CliApp.BadInput, bad.ToString());
        Assert.StartsWith("error: ", bad.Stderr);
        Assert.False(Directory.Exists(export), "a refused export created its folder");

        string used = dir.PathOf("used");
        Directory.CreateDirectory(used);
        File.WriteAllText(Path.Combine(used, "notes.txt"), "mine");
        var inUse = Actornet.Run("export", "last", "--csv", "--out", used, "--db", db, "--quiet");
        JournalCli.AssertOneError(inUse);
        Assert.Equal(["notes.txt"], Files(used));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(used, "notes.txt")));
    }

    // What export can write: the CSVs, plots, summary.json and pcap files of a run folder (not its log, status or scenario).
    private static List<string> Exportable(string runFolder) =>
        Files(runFolder).Where(f => f.StartsWith("pcap/", StringComparison.Ordinal) || f == "summary.json"
            || f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".png", StringComparison.Ordinal)).ToList();

    private static List<string> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
}
