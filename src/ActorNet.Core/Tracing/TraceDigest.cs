using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ActorNet.Core.Tracing;

/// <summary>
/// The run's trace digest: SHA-256 over (index, record count, fingerprint) of every node's trace in
/// node-id order, then every channel's trace in channel (origin) order. Each trace depends only on
/// its own entity's event order, which the total key fixes, so any engine that respects the key
/// gets the same digest.
/// </summary>
public static class TraceDigest
{
    public static string Combine(IReadOnlyList<NodeTrace> nodeTraces) => Combine(nodeTraces, []);

    public static string Combine(IReadOnlyList<NodeTrace> nodeTraces, IReadOnlyList<NodeTrace> channelTraces)
    {
        int count = nodeTraces.Count + channelTraces.Count;
        var buffer = new byte[count * 20];
        for (int i = 0; i < count; i++)
        {
            var trace = i < nodeTraces.Count ? nodeTraces[i] : channelTraces[i - nodeTraces.Count];
            var span = buffer.AsSpan(i * 20, 20);
            BinaryPrimitives.WriteInt32LittleEndian(span, i);
            BinaryPrimitives.WriteInt64LittleEndian(span[4..], trace.Records);
            BinaryPrimitives.WriteUInt64LittleEndian(span[12..], trace.Fingerprint);
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }
}
