using System.Buffers.Binary;
using ActorNet.Core.Packets;
using ActorNet.Core.Packets.Wire;
using ActorNet.Core.Time;

namespace ActorNet.Core.Pcap;

/// <summary>
/// Writes packets to a classic libpcap file (https://www.tcpdump.org/manpages/pcap-savefile.5.txt,
/// draft-ietf-opsawg-pcap): nanosecond timestamps (magic 0xa1b23c4d), version 2.4, snaplen 65535
/// unless asked otherwise (a record keeps at most snaplen bytes, incl_len, and says the packet's
/// whole length, orig_len),
/// link type 101 LINKTYPE_RAW (the record is the IP packet, so IPv4 and IPv6 share one file).
/// Fields are little-endian whatever the host, so a run's file is the same bytes everywhere;
/// readers detect the byte order from the magic. Timestamps are simulated time since 0 (the
/// Unix epoch to Wireshark).
/// </summary>
public sealed class PcapWriter : IDisposable
{
    public const uint NanosecondMagic = 0xa1b23c4d;
    public const uint MicrosecondMagic = 0xa1b2c3d4;
    public const ushort VersionMajor = 2;
    public const ushort VersionMinor = 4;
    /// <summary>The default snap length: the largest IPv4 packet, so every record is whole.</summary>
    public const int SnapLength = 65535;
    /// <summary>The largest snap length tcpdump writes and Wireshark reads for most link types.</summary>
    public const int MaxSnapLength = 262144;
    public const uint LinkTypeRaw = 101;
    public const int FileHeaderBytes = 24;
    public const int RecordHeaderBytes = 16;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly int _snapLength;
    private byte[] _buffer = new byte[RecordHeaderBytes + 2048];
    private bool _disposed;

    /// <summary>Writes the file header now. Buffers records; <see cref="Flush"/> or dispose to push them out.</summary>
    public PcapWriter(Stream stream, bool leaveOpen = false, int snapLength = SnapLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(snapLength, MaxSnapLength);
        _snapLength = snapLength;
        _stream = new BufferedStream(stream, 64 * 1024);
        _leaveOpen = leaveOpen;
        Span<byte> h = stackalloc byte[FileHeaderBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(h, NanosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], VersionMajor);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], VersionMinor);
        BinaryPrimitives.WriteInt32LittleEndian(h[8..], 0);                 // thiszone: UTC
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], 0);               // sigfigs
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], LinkTypeRaw);
        _stream.Write(h);
    }

    public static PcapWriter Create(string path, int snapLength = SnapLength) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), leaveOpen: false, snapLength);

    public void Write(SimTime at, Packet p)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (at.Nanoseconds < 0) throw new ArgumentOutOfRangeException(nameof(at), at, "pcap timestamps cannot be negative");
        long seconds = at.Nanoseconds / 1_000_000_000;
        if (seconds > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(at), at, "pcap seconds field is 32 bits");
        int length = p.TotalLength;   // at most 65535 for IPv4; PacketWriter rejects more
        if (_buffer.Length < RecordHeaderBytes + length) _buffer = new byte[RecordHeaderBytes + length];

        var record = _buffer.AsSpan(0, RecordHeaderBytes + length);
        PacketWriter.Write(p, record[RecordHeaderBytes..]);
        int captured = Math.Min(length, _snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(at.Nanoseconds % 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)captured);   // incl_len
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)length);    // orig_len
        _stream.Write(record[..(RecordHeaderBytes + captured)]);
    }

    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stream.Flush();
        // BufferedStream disposes what it wraps; when the caller keeps the stream, only flush.
        if (!_leaveOpen) _stream.Dispose();
    }
}
