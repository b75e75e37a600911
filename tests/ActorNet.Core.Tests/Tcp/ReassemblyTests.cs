using ActorNet.Core.Packets;
using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;
using CsCheck;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>The out-of-order buffer (RFC 9293 §3.10.7.4 seventh step) and reassembly through a connection.</summary>
public class ReassemblyTests
{
    private static SequenceNumber Seq(uint v) => new(v);
    private static ReadOnlyMemory<byte> Bytes(byte[] stream, int from, int length) => stream.AsMemory(from, length);

    [Fact]
    public void Reassembly_holds_pieces_until_the_gap_fills()
    {
        var stream = TcpTestNet.Pattern(30);
        var r = new ReassemblyBuffer();
        Assert.Equal(10, r.Insert(Seq(100), Seq(120), Bytes(stream, 20, 10)));
        Assert.Equal(10, r.Insert(Seq(100), Seq(110), Bytes(stream, 10, 10)));
        Assert.True(r.TakeAt(Seq(100)).IsEmpty); // bytes 0–9 missing
        Assert.Equal(20, r.Bytes);
        var first = r.TakeAt(Seq(110));
        Assert.Equal(stream[10..20], first.ToArray());
        Assert.Equal(stream[20..30], r.TakeAt(Seq(120)).ToArray());
        Assert.True(r.IsEmpty);
    }

    [Fact]
    public void Reassembly_stores_overlaps_and_duplicates_once()
    {
        var stream = TcpTestNet.Pattern(50);
        var r = new ReassemblyBuffer();
        r.Insert(Seq(0), Seq(10), Bytes(stream, 10, 10));
        r.Insert(Seq(0), Seq(30), Bytes(stream, 30, 10));
        Assert.Equal(0, r.Insert(Seq(0), Seq(12), Bytes(stream, 12, 5))); // inside a held piece
        // [5, 45) is new only in 5–9, 20–29 and 40–44.
        Assert.Equal(20, r.Insert(Seq(0), Seq(5), Bytes(stream, 5, 40)));
        Assert.Equal(40, r.Bytes);
        Assert.Equal(10, r.Insert(Seq(0), Seq(0), Bytes(stream, 0, 50))); // 0–4 and 45–49
        var output = new List<byte>();
        var rcvNxt = Seq(0);
        for (var p = r.TakeAt(rcvNxt); !p.IsEmpty; p = r.TakeAt(rcvNxt))
        {
            output.AddRange(p.ToArray());
            rcvNxt += p.Length;
        }
        Assert.Equal(stream, output);
        Assert.True(r.IsEmpty);
    }

    [Fact]
    public void Reassembly_sack_blocks_put_the_latest_range_first()
    {
        var r = new ReassemblyBuffer();
        var data = new byte[100];
        r.Insert(Seq(0), Seq(10), data.AsMemory(0, 10));
        r.Insert(Seq(0), Seq(20), data.AsMemory(0, 10)); // contiguous with 10–20: one block 10–30
        r.Insert(Seq(0), Seq(50), data.AsMemory(0, 10));
        r.Insert(Seq(0), Seq(70), data.AsMemory(0, 10));
        var blocks = new List<SackBlock>();
        r.FillSackBlocks(blocks, Seq(20), 4);
        Assert.Equal([new SackBlock(Seq(10), Seq(30)), new SackBlock(Seq(70), Seq(80)), new SackBlock(Seq(50), Seq(60))], blocks);
        r.FillSackBlocks(blocks, Seq(50), 2);
        Assert.Equal([new SackBlock(Seq(50), Seq(60)), new SackBlock(Seq(70), Seq(80))], blocks);
    }

    [Fact]
    public void Reassembly_works_across_the_sequence_wrap()
    {
        var stream = TcpTestNet.Pattern(40);
        var r = new ReassemblyBuffer();
        var start = Seq(uint.MaxValue - 15);
        r.Insert(start, start + 20, Bytes(stream, 20, 20)); // crosses 2^32
        r.Insert(start, start + 10, Bytes(stream, 10, 10));
        Assert.True(r.TakeAt(start).IsEmpty);
        Assert.Equal(stream[10..20], r.TakeAt(start + 10).ToArray());
        Assert.Equal(stream[20..40], r.TakeAt(start + 20).ToArray());
    }

    /// <summary>
    /// Property: random chunks of a stream (out of order, duplicated, overlapping), inserted with
    /// RCV.NXT advancing as in-order bytes are drained, rebuild exactly the bytes covered, in order,
    /// like a reference that marks covered bytes in a bit array. Starts near the wrap on purpose.
    /// </summary>
    [Fact]
    public void Reassembly_rebuilds_the_stream_like_a_reference_for_random_chunks()
    {
        var genChunk = Gen.Select(Gen.Int[0, 499], Gen.Int[1, 60]);
        Gen.Select(Gen.UInt, genChunk.Array[1, 80]).Sample(t =>
        {
            var (isnRaw, chunks) = t;
            var stream = TcpTestNet.Pattern(560, seed: (int)(isnRaw % 1000));
            var start = new SequenceNumber(isnRaw);
            var r = new ReassemblyBuffer();
            var covered = new bool[stream.Length];
            var output = new List<byte>();
            var rcvNxt = start;
            foreach (var (from, len) in chunks)
            {
                int end = Math.Min(from + len, stream.Length);
                var seq = start + from;
                int expectNew = 0;
                for (int i = from; i < end; i++) if (!covered[i] && i >= rcvNxt - start) { expectNew++; }
                if (r.Insert(rcvNxt, seq, stream.AsMemory(from, end - from)) != expectNew) return false;
                for (int i = Math.Max(from, rcvNxt - start); i < end; i++) covered[i] = true;
                for (var piece = r.TakeAt(rcvNxt); !piece.IsEmpty; piece = r.TakeAt(rcvNxt))
                {
                    output.AddRange(piece.ToArray());
                    rcvNxt += piece.Length;
                }
            }
            int prefix = 0;
            while (prefix < covered.Length && covered[prefix]) prefix++;
            int heldRef = covered.Skip(prefix).Count(c => c);
            return output.SequenceEqual(stream.Take(prefix)) && rcvNxt == start + prefix && r.Bytes == heldRef;
        }, iter: 2000);
    }

    [Fact]
    public void Reassembly_through_a_reordering_wire_delivers_in_order()
    {
        var net = new TcpTestNet(seed: 3);
        net.ToServer.MaxJitter = SimTime.FromMilliseconds(8);
        var data = TcpTestNet.Pattern(100_000);
        net.Transfer(data);
        net.RunUntil(SimTime.FromSeconds(30));
        Assert.Equal(data, net.Server.Received);
        Assert.True(net.ServerConn.Statistics.OutOfOrderSegments > 0);
        // Out-of-order arrivals carry SACK blocks back (RFC 2018 §4).
        Assert.Contains(net.ToClient.Sent, s => s.Segment.Options.SackBlocks.Count > 0);
    }

    [Fact]
    public void DuplicateDiscard_every_segment_twice_is_delivered_once_and_counted()
    {
        var net = new TcpTestNet();
        net.ToServer.Duplication = 1.0;
        var data = TcpTestNet.Pattern(50_000);
        net.Transfer(data);
        net.RunUntil(SimTime.FromSeconds(10));
        Assert.Equal(data, net.Server.Received);
        int dataSegments = net.ToServer.DataSegments.Count();
        Assert.Equal(dataSegments, net.ServerConn.Statistics.DuplicateSegments);
        Assert.Equal(data.Length, net.ServerConn.Statistics.BytesReceived);
    }

    [Fact]
    public void DuplicateDiscard_an_old_segment_is_acknowledged_at_once()
    {
        var net = new TcpTestNet();
        net.Client.CloseOnRemoteClosed = false;
        net.Client.ToSend = new byte[500];
        net.Open();
        net.RunUntil(SimTime.FromSeconds(1));
        var old = net.ToServer.DataSegments.First().Segment;
        int before = net.ToClient.Sent.Count;
        net.ServerConn.OnSegment(old, net.Loop.Now);
        Assert.Equal(1, net.ServerConn.Statistics.DuplicateSegments);
        Assert.Equal(before + 1, net.ToClient.Sent.Count);
        Assert.Equal(1501u, net.ToClient.Sent[^1].Segment.Acknowledgment.Value);
    }
}
