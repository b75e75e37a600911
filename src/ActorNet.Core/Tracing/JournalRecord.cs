using System.Globalization;
using ActorNet.Core.Packets;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tracing;

/// <summary>One decoded journal record: an event the entity handled, or a trace record with the packet's headers where the journal keeps them.</summary>
public sealed record JournalRecord
{
    public required SimTime At { get; init; }
    /// <summary>True for an "event handled" record (<see cref="Event"/>, <see cref="Origin"/>, <see cref="Seq"/>, <see cref="Arg"/>).</summary>
    public bool IsEvent { get; init; }
    public EventKind Event { get; init; }
    public int Origin { get; init; }
    public long Seq { get; init; }
    public int Arg { get; init; }
    public TraceKind Kind { get; init; }
    public DropReason Reason { get; init; }
    public int Interface { get; init; }
    public long PacketId { get; init; }
    /// <summary>The packet's headers in words (e.g. "10.0.0.1 → 10.0.1.2 TCP 49152→80 [S] seq=0 ack=0 win=65535 len=0, 60 B"), if the record carries them.</summary>
    public string? Headers { get; init; }

    public override string ToString()
    {
        string time = At.ToString();
        if (IsEvent)
            return string.Create(CultureInfo.InvariantCulture, $"{time} event {Event} arg={Arg} key=({Origin},{Seq})");
        string iface = Interface < 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" if{Interface}");
        string reason = Reason == DropReason.None ? "" : $" ({Reason})";
        string headers = Headers is null ? "" : " " + Headers;
        return string.Create(CultureInfo.InvariantCulture, $"{time} {Kind.ToString().ToLowerInvariant()}{reason}{iface} packet {PacketLabel(PacketId)}{headers}");
    }

    /// <summary>A packet id as "n.k": the k-th packet node n originated (<see cref="Network.Node.NextPacketId"/>).</summary>
    public static string PacketLabel(long id) => string.Create(CultureInfo.InvariantCulture, $"{id >> 40}.{id & ((1L << 40) - 1)}");
}
