namespace ActorNet.Core.Tracing;

/// <summary>The journal's record layout (docs/JOURNAL.md): tags, zigzag coding, which records carry headers.</summary>
public static class JournalFormat
{
    /// <summary>Tag of an "event handled" record; trace records are tagged by their <see cref="TraceKind"/> (below 0x10).</summary>
    public const byte EventTag = 0x10;

    /// <summary>
    /// Records where a packet enters or leaves the entity's view carry its headers: sent, received,
    /// dropped (what was lost), duplicated by a link. The others name the packet by id only.
    /// </summary>
    public static bool CarriesHeaders(TraceKind kind) => kind is TraceKind.Send or TraceKind.Receive or TraceKind.Drop or TraceKind.Duplicate;

    public static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    public static long UnZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
}
