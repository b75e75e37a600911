using System.Buffers.Binary;
using ActorNet.Core.Packets;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tracing;

/// <summary>
/// What one entity (a node or a channel) did, as compact binary records, kept until the engine
/// closes an interval of virtual time and the journal layer takes them as one chunk
/// (docs/JOURNAL.md). It holds every event the node handled with its key, and every trace record
/// with the packet's headers where the packet enters or leaves the entity's view (sent, received,
/// dropped, duplicated). An entity appends in its own event order, which the total event key fixes,
/// so the bytes are the same whichever engine or thread count produced them.
/// </summary>
public sealed class TraceJournal
{
    private byte[] _buffer = new byte[1024];
    private int _length;
    private long _lastTime;

    /// <summary>Records appended since the last <see cref="TakeChunk"/>.</summary>
    public int PendingRecords { get; private set; }

    /// <summary>"Event handled" records among them.</summary>
    public int PendingEvents { get; private set; }

    public void Event(in EventKey key, EventKind kind, int arg)
    {
        Ensure(40);
        _buffer[_length++] = JournalFormat.EventTag;
        WriteTime(key.Time);
        _buffer[_length++] = (byte)kind;
        WriteVarint((ulong)(uint)key.Origin);
        WriteVarint((ulong)key.Seq);
        WriteVarint(JournalFormat.ZigZag(arg));
        PendingRecords++;
        PendingEvents++;
    }

    public void Trace(SimTime at, TraceKind kind, Packet packet, int iface, DropReason reason)
    {
        Ensure(48);
        _buffer[_length++] = (byte)kind;
        WriteTime(at.Nanoseconds);
        _buffer[_length++] = (byte)reason;
        WriteVarint(JournalFormat.ZigZag(iface));
        WriteVarint((ulong)packet.Id);
        if (JournalFormat.CarriesHeaders(kind)) WriteHeaders(packet);
        PendingRecords++;
    }

    /// <summary>The records since the last call, as one chunk (null if none); the journal starts empty again.</summary>
    public byte[]? TakeChunk()
    {
        if (PendingRecords == 0) return null;
        var chunk = _buffer.AsSpan(0, _length).ToArray();
        _length = 0;
        _lastTime = 0;
        PendingRecords = 0;
        PendingEvents = 0;
        return chunk;
    }

    private void WriteHeaders(Packet p)
    {
        Ensure(80 + (p.Payload is TcpSegment t ? t.Options.SackBlocks.Count * 10 : 0));
        bool v4 = p.Source.IsV4;
        _buffer[_length++] = (byte)(v4 ? 4 : 6);
        WriteAddress(p.Source.Bits, v4);
        WriteAddress(p.Destination.Bits, v4);
        _buffer[_length++] = p.Ttl;
        WriteVarint((ulong)p.TotalLength);
        switch (p.Payload)
        {
            case TcpSegment s:
                _buffer[_length++] = (byte)IpProtocol.Tcp;
                WriteVarint(s.SourcePort);
                WriteVarint(s.DestinationPort);
                WriteVarint(s.Sequence.Value);
                WriteVarint(s.Acknowledgment.Value);
                _buffer[_length++] = (byte)s.Flags;
                WriteVarint(s.Window);
                WriteVarint((ulong)s.Data.Length);
                var sack = s.Options.SackBlocks;
                _buffer[_length++] = (byte)sack.Count;
                foreach (var b in sack)
                {
                    WriteVarint(b.Left.Value);
                    WriteVarint(b.Right.Value);
                }
                break;
            case UdpDatagram u:
                _buffer[_length++] = (byte)IpProtocol.Udp;
                WriteVarint(u.SourcePort);
                WriteVarint(u.DestinationPort);
                WriteVarint((ulong)u.DataLength);
                break;
            case IcmpMessage m:
                _buffer[_length++] = (byte)IpProtocol.Icmp;
                _buffer[_length++] = (byte)m.Kind;
                _buffer[_length++] = (byte)m.Code;
                WriteVarint(m.Identifier);
                WriteVarint(m.Sequence);
                WriteVarint((ulong)m.DataLength);
                WriteVarint(m.Original is { } o ? (ulong)o.Id + 1 : 0);
                break;
            default:
                _buffer[_length++] = 0;
                break;
        }
    }

    private void WriteAddress(UInt128 bits, bool v4)
    {
        if (v4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), (uint)bits);
            _length += 4;
        }
        else
        {
            BinaryPrimitives.WriteUInt128BigEndian(_buffer.AsSpan(_length), bits);
            _length += 16;
        }
    }

    // Times are coded as the difference from the record before (zigzag: a channel's records are
    // at transmission start or end, so they may step back a little).
    private void WriteTime(long ns)
    {
        WriteVarint(JournalFormat.ZigZag(ns - _lastTime));
        _lastTime = ns;
    }

    private void WriteVarint(ulong v)
    {
        while (v >= 0x80)
        {
            _buffer[_length++] = (byte)(v | 0x80);
            v >>= 7;
        }
        _buffer[_length++] = (byte)v;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }
}
