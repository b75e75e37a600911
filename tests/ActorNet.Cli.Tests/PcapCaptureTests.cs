using ActorNet.Cli.Output;
using ActorNet.Cli.Tests.Support;
using ActorNet.Core.Network;
using ActorNet.Core.Packets;
using ActorNet.Core.Pcap;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Results;

namespace ActorNet.Cli.Tests;

/// <summary>
/// The capture is called from the simulation's nodes: a pcap file that cannot be written (here a
/// link to /dev/full, where every write fails with "no space left", as on a full disk) must not
/// stop the simulation, and must be reported, naming the file, when the capture is closed.
/// </summary>
public sealed class PcapCaptureTests
{
    [Fact]
    public void A_file_that_fails_mid_run_stops_taking_packets_and_close_names_it()
    {
        using var dir = new TempDir();
        var network = NetworkBuilder.Build(ScenarioLoader.Load(RepoRoot.Config("ping.conf")).Scenario!);
        string folder = dir.PathOf("pcap");
        Directory.CreateDirectory(folder);
        string full = Path.Combine(folder, "h1-eth0.pcap");
        File.CreateSymbolicLink(full, "/dev/full");
        var everyInterface = network.Nodes.SelectMany((n, ni) => n.Interfaces.Select((_, ii) => (ni, ii)));
        var capture = new PcapCapture(folder, network, everyInterface);
        var (h1, r1) = (network["h1"], network["r1"]);
        var packet = new Packet
        {
            Id = 1,
            Source = h1.Interfaces[0].Address,
            Destination = r1.Interfaces[0].Address,
            Payload = new UdpDatagram(40000, 50000, 1400),
        };

        // 100 × 1448 B is more than the writer's 64 KiB buffer: h1's file fails during the run.
        for (int i = 0; i < 100; i++)
        {
            capture.Capture(h1, 0, SimTime.FromMilliseconds(i), packet, outbound: true);
            capture.Capture(r1, 0, SimTime.FromMilliseconds(i), packet, outbound: false);
        }
        var e = Assert.Throws<RunFolderException>(capture.Close);

        Assert.StartsWith($"cannot write {full}: ", e.Message);
        using var reader = PcapReader.Open(Path.Combine(folder, "r1-eth0.pcap"));
        Assert.Equal(100, reader.ReadAll().Count());
    }
}
