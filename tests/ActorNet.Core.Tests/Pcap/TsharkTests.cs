using System.Diagnostics;
using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Packets.Wire;
using ActorNet.Core.Pcap;
using ActorNet.Core.Tcp;
using ActorNet.Core.Time;
using static ActorNet.Core.Tests.Packets.WireSamples;

namespace ActorNet.Core.Tests.Pcap;

/// <summary>
/// An independent check of the wire bytes: Wireshark's dissectors read a pcap of every kind of
/// packet we write (UDP, ICMP, a TCP connection with options and SACK, over IPv4 and IPv6) and
/// must find every checksum good and nothing malformed.
/// <para>
/// Policy when <c>tshark</c> is not on PATH: with CI=true the test fails ("install tshark
/// (apt-get install -y tshark)") so CI cannot silently skip it; on a developer machine it falls
/// back to reading the same file with <see cref="PcapReader"/> + <see cref="PacketReader"/>, which
/// still verifies the file structure, every checksum and every frame's protocol, and can fail.
/// </para>
/// </summary>
public class TsharkTests
{
    private sealed record Frame(SimTime At, Packet Packet, string Protocols);

    // The next-hop MTU of a "fragmentation needed" (RFC 1191 §4) or Packet Too Big (RFC 4443 §3.2) frame:
    // a v4 link narrower than Ethernet, and the IPv6 minimum link MTU (RFC 8200 §5).
    private const int TooBigMtu4 = 1000, TooBigMtu6 = 1280;

    // frame.protocols as Wireshark names the layers; an ICMP error shows the quoted IP and UDP.
    private static List<Frame> Frames()
    {
        var frames = new List<Frame>();
        long ms = 0;
        void Add(Packet p, string protocols) => frames.Add(new Frame(SimTime.FromMilliseconds(++ms), p, protocols));
        foreach (var (a, b, r, ip, icmp) in new[] { (HostA4, HostB4, Router4, "ip", "icmp"), (HostA6, HostB6, Router6, "ipv6", "icmpv6") })
        {
            Add(Echo(a, b, IcmpKind.EchoRequest, seq: 1), $"raw:{ip}:{icmp}:data");
            Add(Echo(b, a, IcmpKind.EchoReply, seq: 1), $"raw:{ip}:{icmp}:data");
            byte[] data = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];
            Add(Udp(a, b, data.Length, data, id: 0x100), $"raw:{ip}:udp:data");
            Add(Udp(a, b, 0), $"raw:{ip}:udp");
            var probe = Udp(a, b, 12, ttl: 1, id: 0x101);
            Add(Error(r, probe, IcmpKind.TimeExceeded), $"raw:{ip}:{icmp}:{ip}:udp");
            Add(Error(b, Udp(a, b, 12, id: 0x102), IcmpKind.DestinationUnreachable, UnreachableCode.Port), $"raw:{ip}:{icmp}:{ip}:udp");
            Add(Error(r, Echo(a, b, IcmpKind.EchoRequest, seq: 2, ttl: 1), IcmpKind.TimeExceeded), $"raw:{ip}:{icmp}:{ip}:{icmp}");
            Add(Error(r, Udp(a, b, 1400), IcmpKind.DestinationUnreachable, UnreachableCode.FragmentationNeeded, a.IsV4 ? TooBigMtu4 : TooBigMtu6),
                $"raw:{ip}:{icmp}:{ip}:udp");
            foreach (var p in TcpConversation(a, b, clientIsn: a.IsV4 ? 0xFFFF_FF00 : 0x7FFF_FFF0))
                Add(p, $"raw:{ip}:tcp" + (((TcpSegment)p.Payload).Data.IsEmpty ? "" : ":data"));
            Add(Error(r, TcpPacket(a, b, TcpSyn(0x1000), ttl: 1), IcmpKind.TimeExceeded), $"raw:{ip}:{icmp}:{ip}:tcp");
        }
        return frames;
    }

    private static TcpSegment TcpSyn(uint isn) => new(40000, 5001, new SequenceNumber(isn), default, TcpFlags.Syn, 65535)
    {
        Options = new TcpOptions { MaximumSegmentSize = 1460, WindowScale = 7, SackPermitted = true },
    };

    // One connection as a's interface would capture it, consistent so that Wireshark's sequence
    // analysis has nothing to say: handshake with options, three 100-byte segments (the client's
    // sequence numbers wrap past 2³² in the IPv4 one), a SACK for the third (the second was lost
    // after this capture point), FIN, and an RST from the server.
    private static IEnumerable<Packet> TcpConversation(IpAddress a, IpAddress b, uint clientIsn)
    {
        var c = new SequenceNumber(clientIsn);
        var s = new SequenceNumber(0x1234_5678);
        byte[] Data(int seed) => [.. Enumerable.Range(0, 100).Select(i => (byte)(i * 3 + seed))];
        TcpSegment FromClient(SequenceNumber seq, TcpFlags flags, byte[]? data = null) =>
            new(40000, 5001, seq, s + 1, flags, 512, data ?? default(ReadOnlyMemory<byte>));   // 512 << 7 = 64 KiB

        yield return TcpPacket(a, b, TcpSyn(clientIsn));
        yield return TcpPacket(b, a, new TcpSegment(5001, 40000, s, c + 1, TcpFlags.Syn | TcpFlags.Ack, 65535)
        {
            Options = new TcpOptions { MaximumSegmentSize = 1400, WindowScale = 8, SackPermitted = true },
        });
        yield return TcpPacket(a, b, FromClient(c + 1, TcpFlags.Ack));
        yield return TcpPacket(a, b, FromClient(c + 1, TcpFlags.Ack, Data(1)));
        yield return TcpPacket(a, b, FromClient(c + 101, TcpFlags.Ack, Data(2)));
        yield return TcpPacket(a, b, FromClient(c + 201, TcpFlags.Psh | TcpFlags.Ack, Data(3)));
        yield return TcpPacket(b, a, new TcpSegment(5001, 40000, s + 1, c + 101, TcpFlags.Ack, 256)
        {
            Options = new TcpOptions { SackBlocks = [new SackBlock(c + 201, c + 301)] },
        });
        yield return TcpPacket(a, b, FromClient(c + 301, TcpFlags.Fin | TcpFlags.Ack));
        yield return TcpPacket(b, a, new TcpSegment(5001, 40000, s + 1, c + 302, TcpFlags.Rst | TcpFlags.Ack, 0));
    }

    private static string WritePcap(List<Frame> frames, string name)
    {
        string path = Path.Combine(Path.GetTempPath(), $"actornet-{name}-{Environment.ProcessId}.pcap");
        using var w = PcapWriter.Create(path);
        foreach (var f in frames) w.Write(f.At, f.Packet);
        return path;
    }

    [Fact]
    public void Tshark_reads_every_kind_of_packet_with_good_checksums()
    {
        var frames = Frames();
        string path = WritePcap(frames, "tshark");
        try
        {
            if (FindOnPath("tshark") is { } tshark) VerifyWithTshark(tshark, path, frames);
            else if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("tshark is not on PATH: install tshark (apt-get install -y tshark)");
            else VerifyWithOwnReaders(path, frames);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void VerifyWithTshark(string tshark, string path, List<Frame> frames)
    {
        var output = Run(tshark, "-r", path, "-n",
            "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
            "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,",
            "-e", "frame.number", "-e", "frame.protocols",
            "-e", "ip.checksum.status", "-e", "udp.checksum.status", "-e", "icmp.checksum.status", "-e", "icmpv6.checksum.status",
            "-e", "_ws.malformed", "-e", "_ws.expert.severity", "-e", "_ws.expert.message",
            "-e", "tcp.checksum.status", "-e", "tcp.analysis.flags", "-e", "icmp.mtu", "-e", "icmpv6.mtu");
        // One line per frame: number|protocols|ip status|udp status|icmp status|icmpv6 status|
        // malformed|expert severities|expert messages|tcp status|tcp analysis flags|icmp next-hop
        // MTU|icmpv6 MTU. Several occurrences (an ICMP error dissects the quoted packet too) are
        // comma-separated, outer layer first.
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(frames.Count == lines.Length, $"expected {frames.Count} frames, tshark printed:\n{output}");
        for (int i = 0; i < frames.Count; i++)
        {
            var f = lines[i].Split('|');
            string context = $"frame {i + 1} ({frames[i].Packet}): {lines[i]}";
            Assert.True(f.Length == 13, context);
            Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), f[0]);
            Assert.True(frames[i].Protocols == f[1], $"{context}\nexpected protocols {frames[i].Protocols}");
            // Checksum status: 0 bad, 1 good, 2 unverified. Every IPv4 header, quoted ones too,
            // must be good; the outer UDP/ICMP/ICMPv6 must be good; a quoted UDP or ICMP header
            // is unverified (its checksum covers bytes the quote cut off).
            var ip = Statuses(f[2]);
            var transport = Statuses(f[3]).Concat(Statuses(f[4])).Concat(Statuses(f[5])).Concat(Statuses(f[9])).ToList();
            Assert.True(ip.All(s => s == "1"), $"{context}\nIPv4 header checksum not good");
            Assert.True(frames[i].Packet.Family == IpFamily.V6 || ip.Count > 0, $"{context}\nno IPv4 checksum status");
            Assert.True(transport.Count > 0 && transport.All(s => s is "1" or "2") && transport.Contains("1"), $"{context}\ntransport checksum not good");
            Assert.True(f[6] == "", $"{context}\nmalformed");
            // Expert severities: 0x200000 chat (a SYN, a FIN), 0x400000 note (a quoted TTL of 1),
            // 0x600000 warning, 0x800000 error (bad checksums, bad lengths). Wireshark warns of
            // every RST ("Connection reset (RST)"): that one warning is expected.
            int warnings = Statuses(f[7]).Count(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture) >= 0x600000);
            bool rst = frames[i].Packet.Payload is TcpSegment t && t.Has(TcpFlags.Rst);
            Assert.True(rst ? warnings == 1 && f[8].Contains("Connection reset (RST)", StringComparison.Ordinal) : warnings == 0, $"{context}\nexpert warning or error");
            // Sequence analysis (retransmission, out of order, previous segment not captured,
            // ACK of unseen data...) must find the conversation consistent.
            Assert.True(f[10] == "", $"{context}\nTCP analysis flagged the frame");
            // "Fragmentation needed" shows its next-hop MTU (RFC 1191 §4) and Packet Too Big its MTU (RFC 4443 §3.2).
            string mtu = NextHopMtu(frames[i].Packet) is int m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            bool v4 = frames[i].Packet.Family == IpFamily.V4;
            Assert.True((v4 ? f[11] : f[12]) == mtu, $"{context}\nexpected next-hop MTU '{mtu}'");
        }
        Assert.Equal(2, frames.Count(f => NextHopMtu(f.Packet) is not null));
    }

    private static List<string> Statuses(string field) => [.. field.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    private static void VerifyWithOwnReaders(string path, List<Frame> frames)
    {
        using var r = PcapReader.Open(path);
        Assert.Equal(101u, r.LinkType);
        var records = r.ReadAll().ToList();
        Assert.Equal(frames.Count, records.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            var expected = frames[i];
            Assert.Equal(expected.At, records[i].Timestamp);
            Assert.True(PacketReader.TryRead(records[i].Data, out var packet, out var error), $"frame {i + 1}: {error}");
            Assert.Equal(expected.Protocols, Protocols(packet));
            Assert.Equal(NextHopMtu(expected.Packet), NextHopMtu(packet));
        }
    }

    private static int? NextHopMtu(Packet p) =>
        p.Payload is IcmpMessage { Kind: IcmpKind.DestinationUnreachable, Code: UnreachableCode.FragmentationNeeded } m ? m.NextHopMtu : null;

    // frame.protocols the way Wireshark would name this packet's layers.
    private static string Protocols(Packet p)
    {
        string ip = p.Family == IpFamily.V4 ? "ip" : "ipv6";
        string icmp = p.Family == IpFamily.V4 ? "icmp" : "icmpv6";
        return p.Payload switch
        {
            UdpDatagram u => $"raw:{ip}:udp" + (u.DataLength > 0 ? ":data" : ""),
            TcpSegment t => $"raw:{ip}:tcp" + (t.Data.IsEmpty ? "" : ":data"),
            IcmpMessage { Original: { } o } => $"raw:{ip}:{icmp}:" + Protocols(o)["raw:".Length..].Replace(":data", ""),
            IcmpMessage => $"raw:{ip}:{icmp}:data",
            _ => throw new UnreachableException(p.ToString()),
        };
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), $"{program} did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
