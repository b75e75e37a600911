using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;

namespace ActorNet.Core.Apps;

/// <summary>
/// A UDP flow as a sender sees it: the node that made its packets, its source port, the destination
/// address and port. The node comes from the packet id (<see cref="Network.Node.NextPacketId"/> puts
/// it in the high bits), not from the source address, which an unroutable packet does not have.
/// </summary>
public readonly record struct UdpFlowKey(int OriginNode, ushort SourcePort, IpAddress Destination, ushort DestinationPort)
{
    public static bool TryOf(Packet p, out UdpFlowKey key)
    {
        if (p.Payload is UdpDatagram u)
        {
            key = new UdpFlowKey((int)(p.Id >> 40), u.SourcePort, p.Destination, u.DestinationPort);
            return true;
        }
        key = default;
        return false;
    }
}

/// <summary>
/// Per UDP flow, the packets one node or one link direction dropped and the extra copies it made, so
/// a sender's report can tell lost packets from those still in flight. Counts only (no order reaches
/// any output), touched only on a drop or a duplicate, and never part of the trace or the digest.
/// </summary>
public sealed class UdpFlowTally
{
    private Dictionary<UdpFlowKey, (long Dropped, long Copies)>? _flows;

    /// <summary>A packet was dropped; counted if it is UDP.</summary>
    public void Dropped(Packet p)
    {
        if (!UdpFlowKey.TryOf(p, out var key)) return;
        var f = (_flows ??= []).GetValueOrDefault(key);
        _flows[key] = (f.Dropped + 1, f.Copies);
    }

    /// <summary>A link made an extra copy of a packet; counted if it is UDP.</summary>
    public void Duplicated(Packet p)
    {
        if (!UdpFlowKey.TryOf(p, out var key)) return;
        var f = (_flows ??= []).GetValueOrDefault(key);
        _flows[key] = (f.Dropped, f.Copies + 1);
    }

    /// <summary>Adds this tally's counts into <paramref name="totals"/> (sums: the order tallies are added in does not matter).</summary>
    public void AddTo(Dictionary<UdpFlowKey, (long Dropped, long Copies)> totals)
    {
        if (_flows is null) return;
        foreach (var (key, f) in _flows)
        {
            var t = totals.GetValueOrDefault(key);
            totals[key] = (t.Dropped + f.Dropped, t.Copies + f.Copies);
        }
    }
}
