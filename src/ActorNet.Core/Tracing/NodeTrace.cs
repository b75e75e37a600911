using ActorNet.Core.Packets;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tracing;

/// <summary>
/// One node's trace: a running 64-bit fingerprint over its records in the order the node handled
/// them (like OMNeT++'s fingerprint), plus an optional listener for text traces. A node's records
/// are in event-key order in every engine, so the per-node fingerprints are engine-independent;
/// <see cref="TraceDigest"/> combines them in node-id order.
/// </summary>
public sealed class NodeTrace
{
    private ulong _hash = 0xcbf29ce484222325UL;

    public long Records { get; private set; }
    public ulong Fingerprint => _hash;

    /// <summary>Called for every record when a text trace is wanted; null (the default) costs nothing.</summary>
    public Action<TraceRecord>? Listener { get; set; }

    /// <summary>Where the records also go, with their packets' headers, when the run is journaled; null costs nothing.</summary>
    public TraceJournal? Journal { get; set; }

    public void Record(SimTime at, TraceKind kind, Packet packet, int iface, DropReason reason = DropReason.None)
    {
        long packetId = packet.Id;
        Mix((ulong)at.Nanoseconds);
        Mix((ulong)kind | (ulong)reason << 8 | (ulong)(uint)iface << 16);
        Mix((ulong)packetId);
        Records++;
        Journal?.Trace(at, kind, packet, iface, reason);
        Listener?.Invoke(new TraceRecord(at, kind, packetId, iface, reason));
    }

    // A multiply-xorshift mix per word: order-sensitive, cheap, and good enough to catch any
    // divergence; the run digest is a SHA-256 over these fingerprints.
    private void Mix(ulong v)
    {
        _hash ^= v;
        _hash *= 0x9E3779B97F4A7C15UL;
        _hash ^= _hash >> 29;
    }
}

public readonly record struct TraceRecord(SimTime At, TraceKind Kind, long PacketId, int Interface, DropReason Reason);
