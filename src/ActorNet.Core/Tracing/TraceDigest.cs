using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ActorNet.Core.Tracing;

/// <summary>The run's trace digest: SHA-256 over (node id, record count, fingerprint) of every node in id order.</summary>
public static class TraceDigest
{
    public static string Combine(IReadOnlyList<NodeTrace> nodeTraces)
    {
        var buffer = new byte[nodeTraces.Count * 20];
        for (int i = 0; i < nodeTraces.Count; i++)
        {
            var span = buffer.AsSpan(i * 20, 20);
            BinaryPrimitives.WriteInt32LittleEndian(span, i);
            BinaryPrimitives.WriteInt64LittleEndian(span[4..], nodeTraces[i].Records);
            BinaryPrimitives.WriteUInt64LittleEndian(span[12..], nodeTraces[i].Fingerprint);
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }
}
