using ActorNet.Core.Addressing;

namespace ActorNet.Core.Packets;

/// <summary>
/// An IP datagram as the simulator moves it: header fields as values, the transport part as a
/// typed payload. <see cref="Wire.PacketWriter"/> turns it into real wire bytes (pcap, checksums).
/// Immutable: a router that decrements the TTL makes a copy with <c>with</c>, so a duplicated
/// packet or a packet quoted in an ICMP error never changes under someone else.
/// </summary>
public sealed record Packet
{
    public const int Ipv4HeaderBytes = 20;
    public const int Ipv6HeaderBytes = 40;
    public const byte DefaultTtl = 64;

    /// <summary>Run-unique id (origin node, counter): traces name packets by it.</summary>
    public required long Id { get; init; }
    public required IpAddress Source { get; init; }
    public required IpAddress Destination { get; init; }
    /// <summary>IPv4 TTL or IPv6 hop limit.</summary>
    public byte Ttl { get; init; } = DefaultTtl;
    /// <summary>IPv4 identification field (RFC 791); IPv6 ignores it.</summary>
    public ushort Identification { get; init; }
    public required TransportPayload Payload { get; init; }

    public IpFamily Family => Source.Family;
    public int HeaderBytes => Family == IpFamily.V4 ? Ipv4HeaderBytes : Ipv6HeaderBytes;
    /// <summary>Bytes on the wire: IP header + transport header + data (no link framing).</summary>
    public int TotalLength => HeaderBytes + Payload.Length;
    public IpProtocol Protocol => Payload.Protocol == IpProtocol.Icmp && Family == IpFamily.V6 ? IpProtocol.Icmpv6 : Payload.Protocol;

    public override string ToString() => $"#{Id} {Source}->{Destination} ttl={Ttl} {Payload} ({TotalLength} B)";
}

/// <summary>IANA protocol numbers (IPv4 protocol / IPv6 next header).</summary>
public enum IpProtocol : byte
{
    Icmp = 1,
    Tcp = 6,
    Udp = 17,
    Icmpv6 = 58,
}

/// <summary>What an IP datagram carries.</summary>
public abstract record TransportPayload
{
    /// <summary>Transport header + data bytes.</summary>
    public abstract int Length { get; }
    public abstract IpProtocol Protocol { get; }
}
