using ActorNet.Core.Packets;
using ActorNet.Core.Tcp;
using CsCheck;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>
/// <see cref="SackScoreboard"/> against a reference that keeps one bool per byte of a small window and
/// applies RFC 6675 §4's definitions literally, octet by octet. Random ACKs carry up to four SACK blocks
/// that may overlap, touch, repeat, reach below SND.UNA or past HighData, be empty or inverted; the window
/// often straddles 2³². SMSS = 4 bytes, so IsLost()'s three-range and more-than-8-bytes tests both bite.
/// SkipSacked() (the resend after a timeout) is checked at the same probe positions.
/// </summary>
public sealed class SackScoreboardPropertyTests
{
    private const int Mss = 4;
    private const int Window = 48;   // bytes sent: [base, base + 48)

    /// <summary>One ACK: a cumulative ACK offset and SACK blocks as (left offset, length), offsets from the initial SND.UNA.</summary>
    private sealed record Ack(int AckOffset, (int Left, int Length)[] Blocks);

    /// <summary>The sender variables passed to Pipe() and NextSeg() after each ACK; HighRxt + 1 and RescueRxt + 1 relative to SND.UNA, so that the boundaries at SND.UNA come up often.</summary>
    private sealed record Probe(int HighRxtEndAboveUna, int Sendable, int? RescueRxtEndAboveUna);

    private static readonly Gen<uint> Base = Gen.Frequency(
        (1, Gen.UInt),
        (2, Gen.Int[-Window - 8, 8].Select(d => unchecked((uint)d))));   // the window straddles 2³²

    private static readonly Gen<Ack> AnAck = Gen.Select(
        Gen.Int[0, Window],
        Gen.Select(Gen.Int[-6, Window + 6], Gen.Int[-2, 14]).Array[0, 4],
        (ack, blocks) => new Ack(ack, blocks));

    private static readonly Gen<Probe> AProbe = Gen.Select(
        Gen.Int[-3, Window + 3],
        Gen.Frequency((1, Gen.Const(0)), (1, Gen.Int[1, 9])),
        Gen.Frequency((1, Gen.Const((int?)null)), (1, Gen.Int[-3, 3].Select(i => (int?)i)), (1, Gen.Int[-3, Window + 3].Select(i => (int?)i))),
        (rxt, sendable, rescue) => new Probe(rxt, sendable, rescue));

    [Fact]
    public void Scoreboard_matches_a_byte_by_byte_reference() =>
        Gen.Select(Base, Gen.Select(AnAck, AProbe).Array[1, 12]).Sample((baseValue, steps) =>
        {
            var iss = new SequenceNumber(baseValue);
            SequenceNumber At(int offset) => iss + offset;
            var highDataEnd = At(Window);
            var board = new SackScoreboard(Mss, iss);
            var reference = new Reference();

            foreach (var (ack, probe) in steps)
            {
                var blocks = ack.Blocks.Select(b => new SackBlock(At(b.Left), At(b.Left + b.Length))).ToArray();
                long newly = board.Update(At(ack.AckOffset), blocks, highDataEnd);
                Assert.Equal(reference.Update(ack), newly);

                Assert.Equal(At(reference.SndUna), board.SndUna);
                Assert.Equal(reference.Runs().Select(r => new SackBlock(At(r.Lo), At(r.Hi))), board.SackedRanges);
                Assert.Equal(reference.Runs().Sum(r => r.Hi - r.Lo), board.SackedBytes);

                for (int b = -3; b < Window + 3; b++)
                {
                    Assert.True(reference.IsSacked(b) == board.IsSacked(At(b)), $"IsSacked({b})");
                    Assert.True(reference.IsLost(b) == board.IsLost(At(b)), $"IsLost({b})");
                }

                int highRxtEnd = reference.SndUna + probe.HighRxtEndAboveUna;
                int? rescueRxtEnd = reference.SndUna + probe.RescueRxtEndAboveUna;
                Assert.Equal(reference.Pipe(highRxtEnd), board.Pipe(At(highRxtEnd), highDataEnd));

                var skipped = board.SkipSacked(At(highRxtEnd), out long room);
                Assert.Equal(reference.SkipSacked(highRxtEnd), (skipped - iss, room));

                var expected = reference.NextSeg(highRxtEnd, probe.Sendable, rescueRxtEnd);
                var actual = board.NextSeg(At(highRxtEnd), highDataEnd, probe.Sendable, rescueRxtEnd is { } r ? At(r) : null);
                Assert.Equal(expected, actual is { } a ? (a.Start - iss, a.Length, a.Rule) : null);
            }
        }, iter: 2000);

    /// <summary>Bytes [0, Window) above the initial SND.UNA, one flag each; everything below SndUna is acknowledged.</summary>
    private sealed class Reference
    {
        private readonly bool[] _sacked = new bool[Window];
        public int SndUna { get; private set; }

        public long Update(Ack ack)
        {
            if (ack.AckOffset > SndUna) SndUna = ack.AckOffset;   // generated offsets never pass HighData
            long newly = 0;
            foreach (var (left, length) in ack.Blocks)
            {
                for (int b = left; b < left + length; b++)
                {
                    if (b >= SndUna && b < Window && !_sacked[b]) { _sacked[b] = true; newly++; }
                }
            }
            return newly;
        }

        public bool IsSacked(int b) => b >= SndUna && b < Window && _sacked[b];

        /// <summary>Maximal SACKed runs at or above SND.UNA, [Lo, Hi).</summary>
        public List<(int Lo, int Hi)> Runs()
        {
            var runs = new List<(int Lo, int Hi)>();
            for (int b = SndUna; b < Window; b++)
            {
                if (!_sacked[b]) continue;
                if (runs.Count > 0 && runs[^1].Hi == b) runs[^1] = (runs[^1].Lo, b + 1);
                else runs.Add((b, b + 1));
            }
            return runs;
        }

        /// <summary>RFC 6675 §4: DupThresh (3) discontiguous SACKed sequences above, or more than 2 × SMSS SACKed bytes above.</summary>
        public bool IsLost(int b)
        {
            if (b < SndUna || IsSacked(b)) return false;
            var above = Runs().Where(r => r.Lo > b).ToList();
            return above.Count >= 3 || above.Sum(r => r.Hi - r.Lo) > 2 * Mss;
        }

        /// <summary>RFC 6675 §4 SetPipe(), octet by octet over the unSACKed bytes of [SND.UNA, HighData].</summary>
        public long Pipe(int highRxtEnd)
        {
            long pipe = 0;
            for (int b = SndUna; b < Window; b++)
            {
                if (_sacked[b]) continue;
                if (!IsLost(b)) pipe++;
                if (b < highRxtEnd) pipe++;   // S1 ≤ HighRxt
            }
            return pipe;
        }

        /// <summary>The first byte at or after <paramref name="from"/> not SACKed, and the bytes from it to the next SACKed one (long.MaxValue if none).</summary>
        public (int Start, long Room) SkipSacked(int from)
        {
            int start = from;
            while (IsSacked(start)) start++;
            for (int b = start; b < Window; b++)
            {
                if (IsSacked(b)) return (start, b - start);
            }
            return (start, long.MaxValue);
        }

        /// <summary>RFC 6675 §4 NextSeg() rules 1–4, scanning byte by byte.</summary>
        public (int Start, int Length, NextSegRule Rule)? NextSeg(int highRxtEnd, int sendable, int? rescueRxtEnd)
        {
            var runs = Runs();
            int highSackEnd = runs.Count == 0 ? SndUna : runs[^1].Hi;
            int from = Math.Max(SndUna, highRxtEnd);
            int HoleEnd(int b) { int e = b; while (e < Window && !_sacked[e]) e++; return e; }

            for (int b = from; b < highSackEnd; b++)                           // (1)
            {
                if (!_sacked[b] && IsLost(b)) return (b, Math.Min(Mss, HoleEnd(b) - b), NextSegRule.Lost);
            }
            if (sendable > 0) return (Window, Math.Min(Mss, sendable), NextSegRule.NewData);   // (2)
            for (int b = from; b < highSackEnd; b++)                           // (3)
            {
                if (!_sacked[b]) return (b, Math.Min(Mss, HoleEnd(b) - b), NextSegRule.Unsacked);
            }
            if (rescueRxtEnd is null || SndUna > rescueRxtEnd)           // (4): HighACK > RescueRxt
            {
                for (int b = Window - 1; b >= SndUna; b--)
                {
                    if (_sacked[b]) continue;
                    int start = b;
                    while (start > SndUna && !_sacked[start - 1] && b + 1 - start < Mss) start--;
                    return (start, b + 1 - start, NextSegRule.Rescue);
                }
            }
            return null;
        }
    }
}
