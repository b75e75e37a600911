using System.Buffers.Binary;
using System.Globalization;
using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tracing;

/// <summary>Decodes a chunk written by <see cref="TraceJournal"/> (docs/JOURNAL.md).</summary>
public static class JournalReader
{
    public static List<JournalRecord> Read(ReadOnlySpan<byte> chunk)
    {
        var records = new List<JournalRecord>();
        int pos = 0;
        long time = 0;
        while (pos < chunk.Length)
        {
            byte tag = chunk[pos++];
            time += JournalFormat.UnZigZag(Varint(chunk, ref pos));
            if (tag == JournalFormat.EventTag)
            {
                var kind = (EventKind)chunk[pos++];
                int origin = (int)Varint(chunk, ref pos);
                long seq = (long)Varint(chunk, ref pos);
                int arg = (int)JournalFormat.UnZigZag(Varint(chunk, ref pos));
                records.Add(new JournalRecord { At = new SimTime(time), IsEvent = true, Event = kind, Origin = origin, Seq = seq, Arg = arg });
                continue;
            }
            if (tag >= JournalFormat.EventTag) throw new InvalidDataException($"journal chunk: unknown record tag 0x{tag:x2} at byte {pos - 1}");
            var traceKind = (TraceKind)tag;
            var reason = (DropReason)chunk[pos++];
            int iface = (int)JournalFormat.UnZigZag(Varint(chunk, ref pos));
            long id = (long)Varint(chunk, ref pos);
            string? headers = JournalFormat.CarriesHeaders(traceKind) ? Headers(chunk, ref pos) : null;
            records.Add(new JournalRecord { At = new SimTime(time), Kind = traceKind, Reason = reason, Interface = iface, PacketId = id, Headers = headers });
        }
        return records;
    }

    private static string Headers(ReadOnlySpan<byte> b, ref int pos)
    {
        bool v4 = b[pos++] == 4;
        var src = Address(b, ref pos, v4);
        var dst = Address(b, ref pos, v4);
        byte ttl = b[pos++];
        ulong total = Varint(b, ref pos);
        var proto = (IpProtocol)b[pos++];
        var ic = CultureInfo.InvariantCulture;
        string transport;
        switch (proto)
        {
            case IpProtocol.Tcp:
                ulong sp = Varint(b, ref pos), dp = Varint(b, ref pos), seq = Varint(b, ref pos), ack = Varint(b, ref pos);
                var flags = (TcpFlags)b[pos++];
                ulong win = Varint(b, ref pos), len = Varint(b, ref pos);
                int sacks = b[pos++];
                var sackText = new List<string>();
                for (int i = 0; i < sacks; i++) sackText.Add(string.Create(ic, $"{Varint(b, ref pos)}-{Varint(b, ref pos)}"));
                string f = string.Concat(
                    (flags & TcpFlags.Syn) != 0 ? "S" : "", (flags & TcpFlags.Fin) != 0 ? "F" : "", (flags & TcpFlags.Rst) != 0 ? "R" : "",
                    (flags & TcpFlags.Psh) != 0 ? "P" : "", (flags & TcpFlags.Ack) != 0 ? "." : "");
                transport = string.Create(ic, $"TCP {sp}→{dp} [{f}] seq={seq} ack={ack} win={win} len={len}") + (sacks > 0 ? " sack=" + string.Join(",", sackText) : "");
                break;
            case IpProtocol.Udp:
                transport = string.Create(ic, $"UDP {Varint(b, ref pos)}→{Varint(b, ref pos)} len={Varint(b, ref pos)}");
                break;
            case IpProtocol.Icmp:
                var kind = (IcmpKind)b[pos++];
                byte code = b[pos++];
                ulong ident = Varint(b, ref pos), sq = Varint(b, ref pos), dl = Varint(b, ref pos), orig = Varint(b, ref pos);
                transport = string.Create(ic, $"ICMP {kind} code={code} id={ident} seq={sq} len={dl}") + (orig > 0 ? " about packet " + JournalRecord.PacketLabel((long)orig - 1) : "");
                break;
            default:
                transport = "(no transport)";
                break;
        }
        return string.Create(ic, $"{src} → {dst} ttl={ttl} {transport}, {total} B");
    }

    private static IpAddress Address(ReadOnlySpan<byte> b, ref int pos, bool v4)
    {
        if (v4)
        {
            var a = new Ipv4Address(BinaryPrimitives.ReadUInt32BigEndian(b[pos..]));
            pos += 4;
            return a;
        }
        var a6 = new Ipv6Address(BinaryPrimitives.ReadUInt128BigEndian(b[pos..]));
        pos += 16;
        return a6;
    }

    private static ulong Varint(ReadOnlySpan<byte> b, ref int pos)
    {
        ulong v = 0;
        int shift = 0;
        while (true)
        {
            if (pos >= b.Length) throw new InvalidDataException("journal chunk ends inside a record");
            byte x = b[pos++];
            v |= (ulong)(x & 0x7F) << shift;
            if (x < 0x80) return v;
            shift += 7;
            if (shift > 63) throw new InvalidDataException("journal chunk: a number longer than 64 bits");
        }
    }
}
