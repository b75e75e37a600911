using System.Buffers.Binary;
using ActorNet.Core.Time;

namespace ActorNet.Core.Pcap;

/// <summary>One pcap record: when, how long the packet was, and the captured bytes.</summary>
public sealed record PcapRecord(SimTime Timestamp, int OriginalLength, byte[] Data);

/// <summary>
/// Reads classic libpcap files back (tests and tools): either byte order, micro- or nanosecond
/// magic. Not a general pcap library: no pcapng, no link-layer decoding.
/// </summary>
public sealed class PcapReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly bool _bigEndian;

    public PcapReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        (_stream, _leaveOpen) = (stream, leaveOpen);
        Span<byte> h = stackalloc byte[PcapWriter.FileHeaderBytes];
        if (!ReadExactly(h)) throw new InvalidDataException("pcap file header is shorter than 24 bytes");
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(h);
        uint swapped = BinaryPrimitives.ReverseEndianness(magic);
        if (magic is PcapWriter.NanosecondMagic or PcapWriter.MicrosecondMagic) _bigEndian = false;
        else if (swapped is PcapWriter.NanosecondMagic or PcapWriter.MicrosecondMagic) { _bigEndian = true; magic = swapped; }
        else throw new InvalidDataException($"not a classic pcap file (magic 0x{magic:x8})");
        IsNanosecond = magic == PcapWriter.NanosecondMagic;
        VersionMajor = U16(h[4..]);
        VersionMinor = U16(h[6..]);
        ThisZone = (int)U32(h[8..]);
        SigFigs = U32(h[12..]);
        SnapLength = U32(h[16..]);
        LinkType = U32(h[20..]);
    }

    public static PcapReader Open(string path) => new(File.OpenRead(path));

    public bool IsNanosecond { get; }
    public ushort VersionMajor { get; }
    public ushort VersionMinor { get; }
    public int ThisZone { get; }
    public uint SigFigs { get; }
    public uint SnapLength { get; }
    public uint LinkType { get; }

    /// <summary>The next record, or null at a clean end of file.</summary>
    /// <exception cref="InvalidDataException">The file ends inside a record.</exception>
    public PcapRecord? ReadNext()
    {
        Span<byte> h = stackalloc byte[PcapWriter.RecordHeaderBytes];
        int first = _stream.ReadAtLeast(h, h.Length, throwOnEndOfStream: false);
        if (first == 0) return null;
        if (first < h.Length) throw new InvalidDataException("pcap record header cut short");
        long seconds = U32(h);
        long fraction = U32(h[4..]);
        long ns = seconds * 1_000_000_000 + (IsNanosecond ? fraction : fraction * 1_000);
        uint included = U32(h[8..]);
        uint original = U32(h[12..]);
        if (included > SnapLength || included > original) throw new InvalidDataException($"pcap record incl_len {included} (orig_len {original}, snaplen {SnapLength})");
        var data = new byte[included];
        if (!ReadExactly(data)) throw new InvalidDataException("pcap record data cut short");
        return new PcapRecord(new SimTime(ns), (int)original, data);
    }

    public IEnumerable<PcapRecord> ReadAll()
    {
        while (ReadNext() is { } r) yield return r;
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }

    private bool ReadExactly(Span<byte> b) => _stream.ReadAtLeast(b, b.Length, throwOnEndOfStream: false) == b.Length;
    private ushort U16(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
    private uint U32(ReadOnlySpan<byte> b) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
}
