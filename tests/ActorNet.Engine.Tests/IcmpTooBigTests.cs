using System.Buffers.Binary;
using ActorNet.Core.Addressing;
using ActorNet.Core.Network;
using ActorNet.Core.Packets;
using ActorNet.Core.Packets.Wire;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Engine.Actors;
using ActorNet.Engine.Reference;

namespace ActorNet.Engine.Tests;

/// <summary>
/// A router whose next link has a smaller MTU refuses a big packet (the model never fragments) and says why with
/// ICMP "fragmentation needed" (RFC 1191 §4) or ICMPv6 Packet Too Big (RFC 4443 §3.2), carrying that link's MTU.
/// </summary>
public class IcmpTooBigTests
{
    private static readonly SourceSpan Here = new("test", 1, 1);

    private sealed class InboundCapture(string node) : IPacketCapture
    {
        public List<(SimTime At, Packet Packet)> Packets { get; } = [];
        public void Capture(Node n, int iface, SimTime at, Packet packet, bool outbound)
        {
            if (n.Name == node && !outbound) Packets.Add((at, packet));
        }
    }

    /// <summary>h1 —[10 Mbit/s, 1 ms, MTU 1500]— r1 —[10 Mbit/s, 1 ms, MTU <paramref name="smallMtu"/>]— h2; one ping of <paramref name="dataBytes"/> at 1 s.</summary>
    private static Scenario Narrowing(bool v6, int smallMtu, int dataBytes)
    {
        var (s1, s2, target) = v6 ? ("2001:db8:1::/64", "2001:db8:2::/64", "2001:db8:2::2") : ("10.0.1.0/24", "10.0.2.0/24", "10.0.2.2");
        return TestScenarios.Make("too-big", SimTime.FromSeconds(3),
            [("h1", NodeKind.Host), ("r1", NodeKind.Router), ("h2", NodeKind.Host)],
            [TestScenarios.Link("h1", "r1", s1, "10000000", 1_000_000), TestScenarios.Link("r1", "h2", s2, "10000000", 1_000_000) with { Mtu = smallMtu }],
            [new PingAppSpec { Name = "ping", Node = "h1", Target = IpAddress.Parse(target), Count = 1, DataBytes = dataBytes, Start = SimTime.FromSeconds(1), At = Here }]);
    }

    private static List<(SimTime At, Packet Packet)> RunAndCaptureAtH1(Scenario scenario, string engine)
    {
        var network = NetworkBuilder.Build(scenario);
        var capture = new InboundCapture("h1");
        foreach (var n in network.Nodes) n.Capture = capture;
        var run = engine == "actors" ? new ActorEngine(2).Run(network, scenario.StopAt) : new ReferenceEngine().Run(network, scenario.StopAt);
        Assert.Equal(RunStatus.Completed, run.Status);
        return capture.Packets;
    }

    // IPv4: the echo request is 20 + 8 + 1172 = 1200 B > 1000. It takes 1200·8/10^7 s = 960 µs on h1–r1 plus 1 ms;
    // r1's answer is 20 + 8 + (20 + 8 quoted) = 56 B: 44.8 µs plus 1 ms back. It reaches h1 at
    // 1 s + 960 + 1000 + 44.8 + 1000 µs = 1,003,004,800 ns, from r1's address facing h1 (10.0.1.2, RFC 1812 §4.3.2.4).
    [Theory]
    [InlineData("reference")]
    [InlineData("actors")]
    public void A_router_answers_a_packet_over_the_next_link_mtu_with_that_mtu_ipv4(string engine)
    {
        var (at, packet) = Assert.Single(RunAndCaptureAtH1(Narrowing(v6: false, smallMtu: 1000, dataBytes: 1172), engine));
        Assert.Equal(SimTime.FromNanoseconds(1_003_004_800), at);
        Assert.Equal(IpAddress.Parse("10.0.1.2"), packet.Source);
        var icmp = Assert.IsType<IcmpMessage>(packet.Payload);
        Assert.Equal((IcmpKind.DestinationUnreachable, UnreachableCode.FragmentationNeeded, 1000), (icmp.Kind, icmp.Code, icmp.NextHopMtu));
        Assert.Equal(1200, icmp.Original!.TotalLength);
        // On the wire: type 3 code 4, the MTU in the low 16 bits of the second word (RFC 1191 §4).
        var bytes = PacketWriter.ToBytes(packet);
        Assert.Equal((3, 4), (bytes[20], bytes[21]));
        Assert.Equal(1000u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(24)));
    }

    // IPv6: links carry at least 1280 B (RFC 8200 §5), so the narrow link has exactly that. The request is
    // 40 + 8 + 1300 = 1348 B: 1,078,400 ns + 1 ms; Packet Too Big is 40 + 8 + (40 + 8) = 96 B: 76,800 ns + 1 ms.
    // Arrival: 1 s + 1,078,400 + 1,000,000 + 76,800 + 1,000,000 ns = 1,003,155,200 ns.
    [Theory]
    [InlineData("reference")]
    [InlineData("actors")]
    public void A_router_answers_a_packet_over_the_next_link_mtu_with_that_mtu_ipv6(string engine)
    {
        var (at, packet) = Assert.Single(RunAndCaptureAtH1(Narrowing(v6: true, smallMtu: 1280, dataBytes: 1300), engine));
        Assert.Equal(SimTime.FromNanoseconds(1_003_155_200), at);
        Assert.Equal(IpAddress.Parse("2001:db8:1::2"), packet.Source);
        var icmp = Assert.IsType<IcmpMessage>(packet.Payload);
        Assert.Equal((IcmpKind.DestinationUnreachable, UnreachableCode.FragmentationNeeded, 1280), (icmp.Kind, icmp.Code, icmp.NextHopMtu));
        // On the wire: type 2 code 0, the 32-bit MTU field (RFC 4443 §3.2).
        var bytes = PacketWriter.ToBytes(packet);
        Assert.Equal((2, 0), (bytes[40], bytes[41]));
        Assert.Equal(1280u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(44)));
    }
}
