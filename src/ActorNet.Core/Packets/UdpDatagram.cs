namespace ActorNet.Core.Packets;

/// <summary>A UDP datagram (RFC 768). <see cref="Data"/> is null when only the size matters (bulk traffic).</summary>
public sealed record UdpDatagram(ushort SourcePort, ushort DestinationPort, int DataLength, byte[]? Data = null) : TransportPayload
{
    public const int HeaderBytes = 8;
    public override int Length => HeaderBytes + DataLength;
    public override IpProtocol Protocol => IpProtocol.Udp;
    public override string ToString() => $"UDP {SourcePort}->{DestinationPort} len={DataLength}";
}
