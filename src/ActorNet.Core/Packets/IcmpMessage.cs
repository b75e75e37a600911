namespace ActorNet.Core.Packets;

/// <summary>The ICMP messages ActorNet speaks, family-neutral; the wire writer maps them to ICMPv4 (RFC 792) or ICMPv6 (RFC 4443) numbers.</summary>
public enum IcmpKind : byte
{
    EchoReply,
    EchoRequest,
    TimeExceeded,
    DestinationUnreachable,
}

/// <summary>Destination-unreachable reasons (RFC 792 codes 0, 1, 3, 4; RFC 4443 codes 0, 3, 4 and Packet Too Big).</summary>
public enum UnreachableCode : byte
{
    Net,
    Host,
    Port,
    FragmentationNeeded,
}

/// <summary>
/// An ICMP message. Echo carries an identifier, a sequence number and <see cref="DataLength"/> data
/// bytes; errors quote the offending datagram (<see cref="Original"/>): its IP header and the first
/// 8 bytes of its payload (RFC 792), which is how traceroute matches an answer to its probe.
/// </summary>
public sealed record IcmpMessage : TransportPayload
{
    public const int HeaderBytes = 8;
    /// <summary>RFC 792: "Internet Header + 64 bits of Original Data Datagram".</summary>
    public const int QuotedPayloadBytes = 8;

    public required IcmpKind Kind { get; init; }
    public UnreachableCode Code { get; init; }
    public ushort Identifier { get; init; }
    public ushort Sequence { get; init; }
    public int DataLength { get; init; }
    public Packet? Original { get; init; }
    /// <summary>
    /// For <see cref="UnreachableCode.FragmentationNeeded"/>: the MTU of the next-hop link that refused the packet.
    /// RFC 1191 §4 puts it in the low-order 16 bits of an ICMPv4 error's second word; RFC 4443 §3.2 gives Packet
    /// Too Big a 32-bit MTU field. 0 for every other message (and from an RFC 792 router that predates RFC 1191).
    /// </summary>
    public int NextHopMtu { get; init; }

    public bool IsError => Kind is IcmpKind.TimeExceeded or IcmpKind.DestinationUnreachable;

    public override int Length => HeaderBytes + (Original is { } o
        ? o.HeaderBytes + Math.Min(QuotedPayloadBytes, o.Payload.Length)
        : DataLength);

    /// <summary>ICMP; <see cref="Packet.Protocol"/> turns it into ICMPv6 inside an IPv6 packet.</summary>
    public override IpProtocol Protocol => IpProtocol.Icmp;

    public override string ToString() => Kind switch
    {
        IcmpKind.EchoRequest or IcmpKind.EchoReply => $"ICMP {Kind} id={Identifier} seq={Sequence}",
        IcmpKind.DestinationUnreachable => $"ICMP Unreachable({Code})",
        _ => $"ICMP {Kind}",
    };
}
