using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;
using ActorNet.Core.Pcap;

namespace ActorNet.Cli.Tests;

/// <summary>
/// --pcap used to write a file for every interface without a word: 768 files and 839 MB for 10 ms
/// of config/fat-tree.conf. Now it takes a selection (--pcap h1,r1:eth0), refuses a large
/// topology without one, and --snaplen cuts each record as tcpdump -s does.
/// S2 (config/traceroute.conf) is h1 — r1 — r2 — r3 — h2: 8 interfaces, and h1 sees 12 probes of
/// 60 B and 12 ICMP answers of 56 B.
/// </summary>
public sealed class PcapSelectionTests
{
    [Theory]
    [InlineData("h1,r1:eth1", new[] { "h1-eth0", "r1-eth1" })]
    [InlineData("r2", new[] { "r2-eth0", "r2-eth1" })]
    [InlineData("r*:eth0", new[] { "r1-eth0", "r2-eth0", "r3-eth0" })]
    [InlineData(" h2 , h1 ,h2", new[] { "h1-eth0", "h2-eth0" })]
    [InlineData("all", new[] { "h1-eth0", "h2-eth0", "r1-eth0", "r1-eth1", "r2-eth0", "r2-eth1", "r3-eth0", "r3-eth1" })]
    public void A_selection_writes_the_files_of_those_interfaces_only(string selection, string[] files)
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", RepoRoot.Config("traceroute.conf"), "--pcap", selection, "--out", run, "--quiet");

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        Assert.Equal(files.Select(f => f + ".pcap"), Directory.GetFiles(Path.Combine(run, "pcap")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("h3", "error: --pcap h3: there is no node 'h3'", "  fix: did you mean 'h1' or 'h2' or 'r3'?")]
    [InlineData("h1,r1:eth5", "error: --pcap h1,r1:eth5: node r1 has no interface 'eth5'", "  fix: did you mean 'eth0' or 'eth1'?")]
    [InlineData("x*", "error: --pcap x*: no node matches 'x*'", "  fix: use node names, e.g. h1, h2, r1, r2, r3")]
    [InlineData("r1:lo", "error: --pcap r1:lo: node r1 has no interface 'lo'", "  fix: r1's interfaces: eth0, eth1")]
    [InlineData("h1:wlan*", "error: --pcap h1:wlan*: no interface of h1 matches 'wlan*'", "  fix: h1's interfaces: eth0")]
    public void An_unknown_node_or_interface_exits_2_with_names_to_use(string selection, string error, string fix)
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", RepoRoot.Config("traceroute.conf"), "--pcap", selection, "--out", run, "--quiet");

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains(error + "\n" + fix + "\n", r.Stderr.ReplaceLineEndings("\n"));
        Assert.False(Path.Exists(run));
    }

    [Theory]
    [InlineData("", "--pcap \"\": give nodes or interfaces, e.g. --pcap h1,r1:eth0, or --pcap all")]
    [InlineData("h1,,r1", "--pcap h1,,r1: an empty name between commas")]
    [InlineData("h1:", "--pcap h1:: no interface after 'h1:'")]
    [InlineData("h1:eth0:x", "--pcap h1:eth0:x: 'h1:eth0:x' has two ':'; write node or node:interface")]
    public void A_malformed_selection_exits_2(string selection, string error)
    {
        using var dir = new TempDir();
        var r = Actornet.Run("run", RepoRoot.Config("traceroute.conf"), "--pcap", selection, "--out", dir.PathOf("run"));

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains($"error: {error}", r.Stderr);
        Assert.False(Path.Exists(dir.PathOf("run")));
    }

    [Fact]
    public void The_scenario_after_a_bare_pcap_is_not_taken_for_a_selection()
    {
        // "--pcap config/x.conf" parses as a selection; the message says what happened.
        string scenario = RepoRoot.Config("traceroute.conf");
        var r = Actornet.Run("run", "--pcap", scenario);

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains($"error: --pcap {scenario}: a selection of nodes and interfaces, not a file; put the scenario first: actornet run {scenario} --pcap", r.Stderr);
    }

    [Fact]
    public void A_large_topology_without_a_selection_exits_2_before_writing_anything()
    {
        // k = 8 fat-tree: 80 switches with 8 ports and 128 hosts with 1, 768 interfaces; every
        // link 10 Gbit/s. An interface captures what it sends and receives: at most
        // 2 × 10 Gbit/s × 10 ms = 25 MB each, 19.2 GB for all 768.
        using var dir = new TempDir();
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", RepoRoot.Config("fat-tree.conf"), "--until", "10ms", "--pcap", "--out", run);

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains("error: --pcap would write 768 files, one per interface of 208 nodes (more than 64), up to 19.2 GB in 10ms if every link were busy", r.Stderr);
        Assert.Contains("  fix: choose what to capture, e.g. --pcap host-0-0-0,agg-0-0:eth0 (node, node:interface, * for any characters), or write --pcap all", r.Stderr);
        Assert.False(Path.Exists(run));
    }

    [Fact]
    public void Pcap_all_on_a_large_topology_writes_every_file()
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", RepoRoot.Config("fat-tree.conf"), "--until", "20us", "--pcap", "all", "--out", run, "--quiet");

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        Assert.Equal(768, Directory.GetFiles(Path.Combine(run, "pcap")).Length);
    }

    [Fact]
    public void Snaplen_cuts_every_record_and_says_so_in_the_header()
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", RepoRoot.Config("traceroute.conf"), "--pcap", "h1", "--snaplen", "40", "--out", run, "--quiet");

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        string h1 = Path.Combine(run, "pcap", "h1-eth0.pcap");
        using (var reader = PcapReader.Open(h1))
        {
            Assert.Equal(40u, reader.SnapLength);
            var records = reader.ReadAll().ToList();
            Assert.Equal(24, records.Count);
            Assert.All(records, rec => Assert.Equal(40, rec.Data.Length));   // incl_len
            Assert.Equal(12, records.Count(rec => rec.OriginalLength == 60)); // orig_len: the probes
            Assert.Equal(12, records.Count(rec => rec.OriginalLength == 56)); // and the answers
        }
        if (ExternalTool.Find("tshark") is { } tshark)
        {
            // Wireshark reads the cut records: frame length 60/56, 40 captured, nothing malformed.
            string fields = ExternalTool.Run(tshark, "-r", h1, "-n", "-T", "fields", "-E", "separator=|", "-e", "frame.len", "-e", "frame.cap_len", "-e", "_ws.malformed");
            var lines = fields.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(24, lines.Length);
            Assert.All(lines, l => Assert.Matches(@"^(60|56)\|40\|$", l));
        }
    }

    [Fact]
    public void Default_snaplen_keeps_whole_packets()
    {
        using var dir = new TempDir();
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", RepoRoot.Config("traceroute.conf"), "--pcap", "h1", "--out", run, "--quiet");

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        using var reader = PcapReader.Open(Path.Combine(run, "pcap", "h1-eth0.pcap"));
        Assert.Equal(65535u, reader.SnapLength);
        Assert.All(reader.ReadAll(), rec => Assert.Equal(rec.OriginalLength, rec.Data.Length));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("262145")]
    public void A_bad_snaplen_exits_2(string snaplen)
    {
        using var dir = new TempDir();
        var r = Actornet.Run("run", RepoRoot.Config("traceroute.conf"), "--pcap", "h1", "--snaplen", snaplen, "--out", dir.PathOf("run"));

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains($"error: --snaplen {(snaplen.Length == 0 ? "\"\"" : snaplen)}: give the bytes to keep of each packet, 1 to 262144, e.g. --snaplen 128 for headers only", r.Stderr);
        Assert.DoesNotContain("System.", r.Stderr);
    }

    [Fact]
    public void Snaplen_without_pcap_exits_2()
    {
        using var dir = new TempDir();
        var r = Actornet.Run("run", RepoRoot.Config("traceroute.conf"), "--snaplen", "128", "--out", dir.PathOf("run"));

        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Contains("error: --snaplen applies to --pcap, which is not given", r.Stderr);
        Assert.False(Path.Exists(dir.PathOf("run")));
    }
}
