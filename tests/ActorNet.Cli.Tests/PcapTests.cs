using System.Globalization;
using System.Text.Json;
using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;
using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Packets.Wire;
using ActorNet.Core.Pcap;

namespace ActorNet.Cli.Tests;

/// <summary>
/// `actornet run config/traceroute.conf --pcap` (S2 in SCENARIOS.md): h1 — r1 — r2 — r3 — h2, every
/// link 100 Mbit/s and 1 ms. h1 sends 3 probes per TTL 1..4 (12 UDP probes of 60 B) and gets 12
/// answers of 56 B: 9 time-exceeded from r1, r2, r3 (each from its interface facing h1) and 3
/// port-unreachable from h2. A probe sent at t is answered at t + k × 2.00928 ms, k the hop
/// (60 B take 4.8 µs and 56 B 4.48 µs per link: k × (1 ms + 4.8 µs) + k × (1 ms + 4.48 µs)).
/// <para>
/// h1-eth0.pcap is read back with our own readers (checksums verified) and, when tshark is on PATH,
/// by Wireshark's dissectors. Without tshark the tshark test fails when CI=true ("install tshark"),
/// and on a developer machine passes with nothing to do, while the reader-based test still runs.
/// </para>
/// </summary>
public sealed class PcapTests : IClassFixture<PcapTests.TracerouteRun>
{
    private static readonly string[] Interfaces =
        ["h1-eth0", "h2-eth0", "r1-eth0", "r1-eth1", "r2-eth0", "r2-eth1", "r3-eth0", "r3-eth1"];

    /// <summary>One run of config/traceroute.conf with --pcap, shared by the tests.</summary>
    public sealed class TracerouteRun : IDisposable
    {
        private readonly TempDir _dir = new();

        public TracerouteRun()
        {
            Folder = _dir.PathOf("run");
            Result = Actornet.Run("run", RepoRoot.Config("traceroute.conf"), "--pcap", "--out", Folder, "--quiet");
        }

        public string Folder { get; }
        internal CliResult Result { get; }
        public string PcapFolder => Path.Combine(Folder, "pcap");
        public void Dispose() => _dir.Dispose();
    }

    private readonly TracerouteRun _run;

    public PcapTests(TracerouteRun run)
    {
        _run = run;
        Assert.True(run.Result.ExitCode == CliApp.Ok, run.Result.ToString());
    }

    [Fact]
    public void Every_interface_has_a_pcap_file()
    {
        Assert.Equal(Interfaces.Select(i => $"{i}.pcap"), Directory.GetFiles(_run.PcapFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // One file per port of summary.json, named <node>-<interface>.pcap.
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Folder, "summary.json")));
        var ports = summary.RootElement.GetProperty("ports").EnumerateArray()
            .Select(p => $"{p.GetProperty("node").GetString()}-{p.GetProperty("interface").GetString()}");
        Assert.Equal(Interfaces, ports.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void H1_capture_holds_12_probes_and_12_answers_with_good_checksums() =>
        AssertProbesAndAnswers(Path.Combine(_run.PcapFolder, "h1-eth0.pcap"));

    [Fact]
    public void Tshark_finds_nothing_malformed_in_the_h1_capture()
    {
        string h1 = Path.Combine(_run.PcapFolder, "h1-eth0.pcap");
        if (ExternalTool.Find("tshark") is { } tshark) AssertCleanForTshark(tshark, h1);
        else if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("tshark is not on PATH: install tshark (apt-get install -y tshark)");
        // Otherwise H1_capture_holds_12_probes_and_12_answers_with_good_checksums still checks the file.
    }

    private static void AssertProbesAndAnswers(string path)
    {
        var h1 = IpAddress.Parse("10.0.1.2");
        var h2 = IpAddress.Parse("10.0.4.2");
        string[] hops = ["10.0.1.1", "10.0.2.2", "10.0.3.2", "10.0.4.2"];

        using var reader = PcapReader.Open(path);
        Assert.Equal(PcapWriter.LinkTypeRaw, reader.LinkType);
        var records = reader.ReadAll().ToList();
        Assert.Equal(24, records.Count);
        // PacketReader.Read verifies the IPv4 header, UDP and ICMP checksums.
        var packets = records.Select((rec, i) => PacketReader.TryRead(rec.Data, out var p, out var error) ? p : throw new Xunit.Sdk.XunitException($"frame {i + 1}: {error}")).ToList();

        for (int i = 0; i < 12; i++)
        {
            int hop = i / 3 + 1;
            var probe = packets[2 * i];
            var answer = packets[2 * i + 1];
            string context = $"probe {i + 1}: {probe}; answer: {answer}";

            var udp = Assert.IsType<UdpDatagram>(probe.Payload);
            Assert.True(probe.Source == h1 && probe.Destination == h2 && probe.Ttl == hop && probe.TotalLength == 60, context);

            var icmp = Assert.IsType<IcmpMessage>(answer.Payload);
            Assert.True(answer.Source == IpAddress.Parse(hops[hop - 1]) && answer.Destination == h1 && answer.TotalLength == 56, context);
            Assert.True(hop < 4 ? icmp.Kind == IcmpKind.TimeExceeded : icmp.Kind == IcmpKind.DestinationUnreachable && icmp.Code == UnreachableCode.Port, context);
            var quoted = Assert.IsType<UdpDatagram>(icmp.Original?.Payload);
            Assert.True(quoted.DestinationPort == udp.DestinationPort, context);

            Assert.Equal(hop * 2_009_280L, (records[2 * i + 1].Timestamp - records[2 * i].Timestamp).Nanoseconds);
        }
        Assert.Equal(12, packets.Count(p => p.Payload is UdpDatagram));
        Assert.Equal(9, packets.Count(p => p.Payload is IcmpMessage { Kind: IcmpKind.TimeExceeded }));
        Assert.Equal(3, packets.Count(p => p.Payload is IcmpMessage { Kind: IcmpKind.DestinationUnreachable }));
    }

    private static void AssertCleanForTshark(string tshark, string path)
    {
        string output = ExternalTool.Run(tshark, "-r", path, "-n",
            "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
            "-T", "fields", "-E", "separator=|",
            "-e", "frame.protocols", "-e", "_ws.malformed", "-e", "_ws.expert.severity");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 24, $"expected 24 frames, tshark printed:\n{output}");
        foreach (var line in lines)
        {
            var f = line.Split('|');
            Assert.True(f.Length == 3, line);
            Assert.True(f[0] is "raw:ip:udp:data" or "raw:ip:icmp:ip:udp", line);
            Assert.True(f[1] == "", $"malformed: {line}");
            // Expert severities: 0x200000 chat, 0x400000 note, 0x600000 warning, 0x800000 error
            // (a bad checksum is an error).
            Assert.True(f[2].Split(',', StringSplitOptions.RemoveEmptyEntries).All(s => long.Parse(s, CultureInfo.InvariantCulture) < 0x600000),
                $"expert warning or error: {line}");
        }
        Assert.Equal(12, lines.Count(l => l.StartsWith("raw:ip:udp:data|", StringComparison.Ordinal)));
        Assert.Equal(12, lines.Count(l => l.StartsWith("raw:ip:icmp:ip:udp|", StringComparison.Ordinal)));
    }
}
