using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;

namespace ActorNet.Core.Tests.Packets;

/// <summary>Hand-made packets shared by the wire and pcap tests.</summary>
internal static class WireSamples
{
    public static readonly IpAddress HostA4 = Ipv4Address.Parse("10.0.0.1");
    public static readonly IpAddress HostB4 = Ipv4Address.Parse("10.0.1.2");
    public static readonly IpAddress Router4 = Ipv4Address.Parse("10.0.0.254");
    public static readonly IpAddress HostA6 = Ipv6Address.Parse("2001:db8::1");
    public static readonly IpAddress HostB6 = Ipv6Address.Parse("2001:db8:1::2");
    public static readonly IpAddress Router6 = Ipv6Address.Parse("2001:db8::fe");

    public static Packet Udp(IpAddress from, IpAddress to, int dataLength, byte[]? data = null, byte ttl = Packet.DefaultTtl, ushort id = 0) => new()
    {
        Id = 1,
        Source = from,
        Destination = to,
        Ttl = ttl,
        Identification = id,
        Payload = new UdpDatagram(40000, 50000, dataLength, data),
    };

    public static Packet Echo(IpAddress from, IpAddress to, IcmpKind kind, int dataLength = 56, ushort seq = 1, byte ttl = Packet.DefaultTtl) => new()
    {
        Id = 2,
        Source = from,
        Destination = to,
        Ttl = ttl,
        Identification = 0x1c46,
        Payload = new IcmpMessage { Kind = kind, Identifier = 0x4d2, Sequence = seq, DataLength = dataLength },
    };

    public static Packet TcpPacket(IpAddress from, IpAddress to, TcpSegment segment, byte ttl = Packet.DefaultTtl, ushort id = 0) => new()
    {
        Id = 4,
        Source = from,
        Destination = to,
        Ttl = ttl,
        Identification = id,
        Payload = segment,
    };

    public static Packet Error(IpAddress from, Packet original, IcmpKind kind, UnreachableCode code = default, int nextHopMtu = 0) => new()
    {
        Id = 3,
        Source = from,
        Destination = original.Source,
        Identification = 7,
        Payload = new IcmpMessage { Kind = kind, Code = code, Original = original, NextHopMtu = nextHopMtu },
    };
}
