using ActorNet.Core.Network;
using ActorNet.Core.Packets;
using ActorNet.Core.Pcap;
using ActorNet.Core.Time;
using ActorNet.Results;

namespace ActorNet.Cli.Output;

/// <summary>
/// One pcap file per interface: packets sent (at transmission start) and received (at arrival).
/// A write that fails (a full disk) must not stop the simulation, which calls this from its
/// nodes: that file stops taking packets, and <see cref="Close"/> reports the first failure.
/// </summary>
internal sealed class PcapCapture : IPacketCapture, IDisposable
{
    private readonly Dictionary<(int, int), CaptureFile> _files = [];
    // Written by the node that owns the file; nodes run in parallel, so the first failure is kept atomically.
    private RunFolderException? _failure;

    /// <summary>Creates the files of the chosen interfaces up front, so a silent interface still has its (empty) capture.</summary>
    public PcapCapture(string folder, NetworkModel network, IEnumerable<(int Node, int Interface)> interfaces, int snapLength = PcapWriter.SnapLength)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFolderException(folder, e);
        }
        foreach (var (n, i) in interfaces)
        {
            var (node, itf) = (network.Nodes[n], network.Nodes[n].Interfaces[i]);
            string path = Path.Combine(folder, $"{node.Name}-{itf.Name}.pcap");
            try
            {
                _files[(node.Id, itf.Index)] = new CaptureFile(path, PcapWriter.Create(path, snapLength));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Dispose();
                throw new RunFolderException(path, e);
            }
        }
    }

    public void Capture(Node node, int iface, SimTime at, Packet packet, bool outbound)
    {
        if (!_files.TryGetValue((node.Id, iface), out var f) || f.Broken) return;
        try
        {
            f.Writer.Write(at, packet);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            f.Broken = true;
            Failed(f.Path, e);
        }
    }

    /// <summary>Flushes and closes every file; throws the first failure, during the run or now.</summary>
    public void Close()
    {
        foreach (var f in _files.Values)
        {
            try
            {
                f.Writer.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Failed(f.Path, e);
            }
        }
        _files.Clear();
        if (_failure is not null) throw _failure;
    }

    public void Dispose()
    {
        try
        {
            Close();
        }
        catch (RunFolderException)
        {
            // Dispose only releases; Close is where a failure is reported.
        }
    }

    private void Failed(string path, Exception e)
    {
        Interlocked.CompareExchange(ref _failure, new RunFolderException(path, e), null);
    }
}

/// <summary>One interface's file; only the node that owns the interface writes it, so Broken needs no lock.</summary>
internal sealed class CaptureFile(string path, PcapWriter writer)
{
    public string Path { get; } = path;
    public PcapWriter Writer { get; } = writer;
    public bool Broken { get; set; }
}
