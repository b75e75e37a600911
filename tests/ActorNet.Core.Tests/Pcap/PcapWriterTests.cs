using System.Buffers.Binary;
using ActorNet.Core.Packets;
using ActorNet.Core.Packets.Wire;
using ActorNet.Core.Pcap;
using ActorNet.Core.Time;
using static ActorNet.Core.Tests.Packets.WireSamples;

namespace ActorNet.Core.Tests.Pcap;

public class PcapWriterTests
{
    private static byte[] Le32(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return b;
    }

    [Fact]
    public void File_header_is_nanosecond_pcap_2_4_snaplen_65535_linktype_raw()
    {
        var ms = new MemoryStream();
        using (new PcapWriter(ms, leaveOpen: true)) { }
        // pcap-savefile(5), all fields little-endian as written here.
        byte[] expected =
        [
            0x4d, 0x3c, 0xb2, 0xa1,   // magic a1b23c4d: nanosecond timestamps
            0x02, 0x00, 0x04, 0x00,   // version 2.4
            0x00, 0x00, 0x00, 0x00,   // thiszone
            0x00, 0x00, 0x00, 0x00,   // sigfigs
            0xff, 0xff, 0x00, 0x00,   // snaplen 65535
            0x65, 0x00, 0x00, 0x00,   // linktype 101 LINKTYPE_RAW
        ];
        Assert.Equal(expected, ms.ToArray());
    }

    [Fact]
    public void Record_has_seconds_nanoseconds_lengths_then_the_packet()
    {
        var p = Echo(HostA6, HostB6, IcmpKind.EchoRequest);
        var ms = new MemoryStream();
        using (var w = new PcapWriter(ms, leaveOpen: true))
            w.Write(SimTime.FromSeconds(3) + SimTime.FromNanoseconds(500_000_007), p);
        var b = ms.ToArray()[PcapWriter.FileHeaderBytes..];

        Assert.Equal([3, 0, 0, 0], b[0..4]);                                    // ts_sec
        Assert.Equal(Le32(500_000_007), b[4..8]);                           // ts_nsec
        Assert.Equal(Le32((uint)p.TotalLength), b[8..12]);                  // incl_len
        Assert.Equal(Le32((uint)p.TotalLength), b[12..16]);                 // orig_len
        Assert.Equal(PacketWriter.ToBytes(p), b[16..]);
    }

    [Fact]
    public void Reader_gets_back_every_record_and_timestamp()
    {
        var packets = new[]
        {
            (SimTime.Zero, Udp(HostA4, HostB4, 10)),
            (SimTime.FromMicroseconds(1), Echo(HostA6, HostB6, IcmpKind.EchoReply)),
            (SimTime.FromSeconds(4_000_000_000) + SimTime.FromNanoseconds(999_999_999), Udp(HostA6, HostB6, 1400)),
        };
        var ms = new MemoryStream();
        using (var w = new PcapWriter(ms, leaveOpen: true))
            foreach (var (at, p) in packets) w.Write(at, p);

        ms.Position = 0;
        using var r = new PcapReader(ms);
        Assert.True(r.IsNanosecond);
        Assert.Equal((2, 4, 65535u, 101u), (r.VersionMajor, r.VersionMinor, r.SnapLength, r.LinkType));
        var records = r.ReadAll().ToList();
        Assert.Equal(packets.Length, records.Count);
        for (int i = 0; i < packets.Length; i++)
        {
            Assert.Equal(packets[i].Item1, records[i].Timestamp);
            Assert.Equal(packets[i].Item2.TotalLength, records[i].OriginalLength);
            Assert.Equal(PacketWriter.ToBytes(packets[i].Item2), records[i].Data);
        }
    }

    [Fact]
    public void Nothing_reaches_the_stream_past_the_header_until_flushed()
    {
        var ms = new MemoryStream();
        using var w = new PcapWriter(ms, leaveOpen: true);
        w.Write(SimTime.Zero, Udp(HostA4, HostB4, 10));
        Assert.Equal(0, ms.Length);   // buffered
        w.Flush();
        Assert.Equal(PcapWriter.FileHeaderBytes + PcapWriter.RecordHeaderBytes + 38, ms.Length);
    }

    [Fact]
    public void Dispose_closes_the_stream_unless_asked_to_leave_it_open()
    {
        var kept = new MemoryStream();
        new PcapWriter(kept, leaveOpen: true).Dispose();
        Assert.True(kept.CanWrite);
        var closed = new MemoryStream();
        new PcapWriter(closed).Dispose();
        Assert.False(closed.CanWrite);
    }

    [Fact]
    public void Negative_time_is_refused()
    {
        using var w = new PcapWriter(new MemoryStream());
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Write(SimTime.FromNanoseconds(-1), Udp(HostA4, HostB4, 1)));
    }

    [Fact]
    public void Reader_refuses_a_file_that_is_not_pcap()
    {
        Assert.Throws<InvalidDataException>(() => new PcapReader(new MemoryStream(new byte[24])));
        Assert.Throws<InvalidDataException>(() => new PcapReader(new MemoryStream(new byte[3])));
    }

    [Fact]
    public void Reader_refuses_a_record_cut_short()
    {
        var ms = new MemoryStream();
        using (var w = new PcapWriter(ms, leaveOpen: true)) w.Write(SimTime.Zero, Udp(HostA4, HostB4, 10));
        var cut = ms.ToArray()[..^1];
        using var r = new PcapReader(new MemoryStream(cut));
        Assert.Throws<InvalidDataException>(() => r.ReadNext());
    }

    [Fact]
    public void Create_writes_a_file_the_reader_opens()
    {
        string path = Path.Combine(Path.GetTempPath(), $"actornet-pcap-create-{Environment.ProcessId}.pcap");
        try
        {
            using (var w = PcapWriter.Create(path)) w.Write(SimTime.FromMilliseconds(5), Echo(HostA4, HostB4, IcmpKind.EchoRequest));
            using var r = PcapReader.Open(path);
            var record = Assert.Single(r.ReadAll());
            Assert.Equal(SimTime.FromMilliseconds(5), record.Timestamp);
            Assert.IsType<IcmpMessage>(PacketReader.Read(record.Data).Payload);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
