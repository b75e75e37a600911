using ActorNet.Core.Addressing;
using ActorNet.Core.Links;

namespace ActorNet.Core.Network;

/// <summary>An interface of a node: its address on one link's subnet, and the port that sends onto that link.</summary>
public sealed class NetworkInterface
{
    public NetworkInterface(int index, string name, IpAddress address, IpPrefix subnet, Channel outgoing, OutputPort port)
    {
        Index = index;
        Name = name;
        Address = address;
        Subnet = subnet;
        Outgoing = outgoing;
        Port = port;
    }

    public int Index { get; }
    public string Name { get; }
    public IpAddress Address { get; }
    public IpPrefix Subnet { get; }
    public Channel Outgoing { get; }
    public OutputPort Port { get; }
}
