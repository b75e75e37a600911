using ActorNet.Core.Packets;
using ActorNet.Core.Time;

namespace ActorNet.Core.Network;

/// <summary>Sees every packet an interface sends (when its transmission starts) or receives (when it arrives), like tcpdump on that interface.</summary>
public interface IPacketCapture
{
    void Capture(Node node, int iface, SimTime at, Packet packet, bool outbound);
}
