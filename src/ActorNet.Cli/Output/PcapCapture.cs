using ActorNet.Core.Network;
using ActorNet.Core.Packets;
using ActorNet.Core.Pcap;
using ActorNet.Core.Time;

namespace ActorNet.Cli.Output;

/// <summary>One pcap file per interface, opened on first use: packets sent (at transmission start) and received (at arrival).</summary>
internal sealed class PcapCapture : IPacketCapture, IDisposable
{
    private readonly Dictionary<(int, int), PcapWriter> _writers = [];
    private readonly string folder;

    /// <summary>Creates every interface's file up front, so a silent interface still has its (empty) capture.</summary>
    public PcapCapture(string folder, NetworkModel network)
    {
        this.folder = folder;
        Directory.CreateDirectory(folder);
        foreach (var node in network.Nodes)
            foreach (var itf in node.Interfaces)
                _writers[(node.Id, itf.Index)] = PcapWriter.Create(Path.Combine(folder, $"{node.Name}-{itf.Name}.pcap"));
    }

    public void Capture(Node node, int iface, SimTime at, Packet packet, bool outbound)
    {
        if (!_writers.TryGetValue((node.Id, iface), out var w))
        {
            Directory.CreateDirectory(folder);
            w = PcapWriter.Create(Path.Combine(folder, $"{node.Name}-{node.Interfaces[iface].Name}.pcap"));
            _writers[(node.Id, iface)] = w;
        }
        w.Write(at, packet);
    }

    public void Dispose()
    {
        foreach (var w in _writers.Values) w.Dispose();
        _writers.Clear();
    }
}
