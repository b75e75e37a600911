using ActorNet.Core.Packets;
using ActorNet.Core.Tcp;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>
/// RFC 6675 §4 scoreboard routines, one rule at a time. SMSS = 1000 and segment k is bytes
/// [1000k, 1000k + 1000) above <see cref="Iss"/>; <see cref="SackScoreboardPropertyTests"/> checks the
/// same routines against a byte-by-byte reference under random SACK blocks and wrap-around.
/// </summary>
public sealed class SackScoreboardTests
{
    private const int Mss = 1000;
    private static readonly SequenceNumber Iss = new(1_000_000);

    private static SequenceNumber S(long offset) => Iss + offset;
    private static SackBlock Block(long from, long to) => new(S(from), S(to));
    private static SackBlock Segments(int first, int last) => Block(first * Mss, (last + 1) * Mss);

    /// <summary>Ten segments sent, nothing acknowledged yet.</summary>
    private static SackScoreboard Board() => new(Mss, Iss);

    private static readonly SequenceNumber HighDataEnd = S(10 * Mss);

    private static void AssertRanges(SackScoreboard board, params (long From, long To)[] expected) =>
        Assert.Equal(expected.Select(r => Block(r.From, r.To)), board.SackedRanges);

    // ---- Update() ------------------------------------------------------------------------------

    [Fact]
    public void Update_merges_overlapping_and_adjacent_blocks()
    {
        var board = Board();
        Assert.Equal(3000, board.Update(Iss, [Segments(2, 2), Segments(3, 3), Segments(5, 5)], HighDataEnd));
        AssertRanges(board, (2000, 4000), (5000, 6000));
        Assert.Equal(1000, board.Update(Iss, [Block(3500, 5500)], HighDataEnd));   // only 4000–5000 is new
        AssertRanges(board, (2000, 6000));
        Assert.Equal(4000, board.SackedBytes);
        Assert.Equal(0, board.Update(Iss, [Segments(2, 5)], HighDataEnd));           // nothing new: not a DupAck (RFC 6675 §2)
        Assert.Equal(S(6000), board.HighSackedEnd);
    }

    [Fact]
    public void Update_trims_at_the_cumulative_ack()
    {
        var board = Board();
        board.Update(Iss, [Segments(2, 3), Segments(5, 5)], HighDataEnd);
        board.Update(S(3000), [], HighDataEnd);
        Assert.Equal(S(3000), board.SndUna);
        AssertRanges(board, (3000, 4000), (5000, 6000));
        board.Update(S(4500), [], HighDataEnd);
        AssertRanges(board, (5000, 6000));
        Assert.Equal(1000, board.SackedBytes);
        board.Update(S(6000), [], HighDataEnd);
        Assert.Empty(board.SackedRanges);
        Assert.Null(board.HighSackedEnd);
    }

    [Fact]
    public void Update_ignores_dsack_below_snd_una_empty_blocks_and_data_never_sent()
    {
        var board = Board();
        board.Update(S(3000), [], HighDataEnd);
        Assert.Equal(0, board.Update(S(3000), [Segments(1, 1)], HighDataEnd));        // D-SACK (RFC 2883)
        Assert.Equal(0, board.Update(S(3000), [Block(6000, 6000), Block(7000, 6000)], HighDataEnd));
        Assert.Equal(0, board.Update(S(3000), [Block(10_000, 12_000)], HighDataEnd)); // beyond HighData
        Assert.Empty(board.SackedRanges);
        Assert.Equal(1500, board.Update(S(3000), [Block(2500, 3500), Block(9000, 12_000)], HighDataEnd));
        AssertRanges(board, (3000, 3500), (9000, 10_000));
    }

    [Fact]
    public void Update_ignores_an_old_ack_and_one_for_data_never_sent()
    {
        var board = Board();
        board.Update(S(5000), [], HighDataEnd);
        board.Update(S(4000), [Segments(6, 6)], HighDataEnd);     // reordered older ACK: its SACK still counts
        Assert.Equal(S(5000), board.SndUna);
        AssertRanges(board, (6000, 7000));
        board.Update(S(11_000), [], HighDataEnd);
        Assert.Equal(S(5000), board.SndUna);
    }

    [Fact]
    public void Update_works_across_the_sequence_wrap()
    {
        // SND.UNA 1500 bytes below 2³²: a block from 2³² − 500 to 500 crosses zero.
        var una = new SequenceNumber(uint.MaxValue - 1499);
        var board = new SackScoreboard(Mss, una);
        var high = una + 10_000;
        board.Update(una, [new SackBlock(una + 1000, una + 2000), new SackBlock(una + 2000, una + 3000)], high);
        Assert.Equal([new SackBlock(una + 1000, una + 3000)], board.SackedRanges);
        Assert.Equal(1500u, board.SackedRanges[0].Right.Value);   // the right edge wrapped past zero
        board.Update(una + 1800, [], high);
        Assert.Equal([new SackBlock(una + 1800, una + 3000)], board.SackedRanges);
        Assert.Equal(1200, board.SackedBytes);
    }

    [Fact]
    public void Clear_forgets_sack_information_after_a_timeout()
    {
        var board = Board();
        board.Update(S(1000), [Segments(3, 5)], HighDataEnd);
        board.Clear();
        Assert.Empty(board.SackedRanges);
        Assert.Equal(0, board.SackedBytes);
        Assert.Equal(S(1000), board.SndUna);
        Assert.False(board.IsLost(S(1000)));
    }

    [Fact]
    public void SkipSacked_moves_past_sacked_ranges_and_says_how_far_the_next_one_is()
    {
        // What the resend after a timeout uses (RFC 6675 §5.1): 2–3 and 5 SACKed.
        var board = Board();
        board.Update(S(1000), [Segments(2, 3), Segments(5, 5)], HighDataEnd);
        Assert.Equal(S(1000), board.SkipSacked(S(1000), out long room));
        Assert.Equal(1000, room);                                   // segment 1, then 2 is SACKed
        Assert.Equal(S(4000), board.SkipSacked(S(2500), out room)); // inside 2–3: to its end
        Assert.Equal(1000, room);
        Assert.Equal(S(6000), board.SkipSacked(S(5000), out room));
        Assert.Equal(long.MaxValue, room);                          // nothing SACKed above
        board.Clear();
        Assert.Equal(S(2500), board.SkipSacked(S(2500), out room));
        Assert.Equal(long.MaxValue, room);
    }

    // ---- IsLost() --------------------------------------------------------------------------------

    [Fact]
    public void IsLost_uses_the_dupthresh_it_was_given()
    {
        // DupThresh 2 (a connection with a duplicate-ACK threshold of 2): two ranges, or more than one SMSS.
        var board = new SackScoreboard(Mss, Iss, dupThresh: 2);
        board.Update(Iss, [Segments(1, 1)], HighDataEnd);
        Assert.False(board.IsLost(S(0)));
        board.Update(Iss, [Block(3000, 3100)], HighDataEnd);
        Assert.True(board.IsLost(S(0)));
        Assert.Equal(2, board.DupThresh);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SackScoreboard(Mss, Iss, dupThresh: 0));
    }

    [Fact]
    public void IsLost_needs_more_than_two_segments_of_sacked_bytes_above()
    {
        // Segment 0 missing. Segments 1–2 SACKed: 2000 bytes, not more than (3 − 1) × 1000, one range.
        var board = Board();
        board.Update(Iss, [Segments(1, 2)], HighDataEnd);
        Assert.False(board.IsLost(S(0)));
        board.Update(Iss, [Segments(3, 3)], HighDataEnd);   // 3000 bytes above
        Assert.True(board.IsLost(S(0)));
        Assert.True(board.IsLost(S(999)));
        Assert.False(board.IsLost(S(1500)));   // SACKed bytes are not lost
        Assert.False(board.IsLost(S(4000)));   // nothing SACKed above
    }

    [Fact]
    public void IsLost_counts_three_discontiguous_ranges_however_small()
    {
        // Small segments: 100-byte ranges at 1000, 2000, 3000 are 300 bytes, far below 2000, but three
        // discontiguous SACKed sequences (RFC 6675 §4).
        var board = Board();
        board.Update(Iss, [Block(1000, 1100), Block(2000, 2100)], HighDataEnd);
        Assert.False(board.IsLost(S(0)));
        board.Update(Iss, [Block(3000, 3100)], HighDataEnd);
        Assert.True(board.IsLost(S(0)));
        Assert.True(board.IsLost(S(999)));
        Assert.False(board.IsLost(S(1100)));   // only two ranges above it
    }

    [Fact]
    public void IsLost_is_false_below_snd_una()
    {
        var board = Board();
        board.Update(S(2000), [Segments(3, 6)], HighDataEnd);
        Assert.False(board.IsLost(S(1999)));
        Assert.True(board.IsLost(S(2000)));
    }

    // ---- SetPipe() -----------------------------------------------------------------------------

    [Fact]
    public void Pipe_counts_unsacked_bytes_not_lost_plus_retransmissions()
    {
        // Segment 0 lost (segments 1–3 SACKed above it); 4–9 unSACKed with nothing SACKed above: in flight.
        var board = Board();
        board.Update(Iss, [Segments(1, 3)], HighDataEnd);
        Assert.Equal(6000, board.Pipe(highRxtEnd: Iss, HighDataEnd));      // (a) only
        Assert.Equal(7000, board.Pipe(highRxtEnd: S(1000), HighDataEnd));  // + (b): the retransmitted segment 0
        // Segment 4 retransmitted by rule 3 before being judged lost counts twice: (a) and (b).
        Assert.Equal(8000, board.Pipe(highRxtEnd: S(5000), HighDataEnd));
    }

    [Fact]
    public void Pipe_of_an_empty_scoreboard_is_the_flight_size()
    {
        var board = Board();
        board.Update(S(2000), [], HighDataEnd);
        Assert.Equal(8000, board.Pipe(S(2000), HighDataEnd));
    }

    // ---- NextSeg() -----------------------------------------------------------------------------

    [Fact]
    public void NextSeg_rule_1_returns_the_lowest_lost_segment_above_HighRxt()
    {
        // Segments 0–2 missing, 3–5 SACKed: 0, 1, 2 all lost.
        var board = Board();
        board.Update(Iss, [Segments(3, 5)], HighDataEnd);
        Assert.Equal(new NextSegment(S(0), 1000, NextSegRule.Lost), board.NextSeg(Iss, HighDataEnd, 5000, null));
        Assert.Equal(new NextSegment(S(1000), 1000, NextSegRule.Lost), board.NextSeg(S(1000), HighDataEnd, 5000, null));
        // HighRxt in the middle of a segment: S2 = HighRxt + 1.
        Assert.Equal(new NextSegment(S(1500), 1000, NextSegRule.Lost), board.NextSeg(S(1500), HighDataEnd, 5000, null));
        // Up to SMSS, but not into SACKed data.
        Assert.Equal(new NextSegment(S(2500), 500, NextSegRule.Lost), board.NextSeg(S(2500), HighDataEnd, 5000, null));
    }

    [Fact]
    public void NextSeg_rule_2_sends_new_data_when_nothing_is_lost_above_HighRxt()
    {
        var board = Board();
        board.Update(Iss, [Segments(1, 3)], HighDataEnd);   // segment 0 lost
        Assert.Equal(new NextSegment(HighDataEnd, 1000, NextSegRule.NewData), board.NextSeg(S(1000), HighDataEnd, 5000, null));
        Assert.Equal(new NextSegment(HighDataEnd, 300, NextSegRule.NewData), board.NextSeg(S(1000), HighDataEnd, 300, null));
    }

    [Fact]
    public void NextSeg_rule_3_retransmits_unsacked_data_not_yet_lost_when_there_is_nothing_new()
    {
        // Only segment 2 SACKed: 0–1 are below a SACK but not lost (one range, 1000 bytes).
        var board = Board();
        board.Update(Iss, [Segments(2, 2)], HighDataEnd);
        Assert.False(board.IsLost(S(0)));
        Assert.Equal(new NextSegment(S(0), 1000, NextSegRule.Unsacked), board.NextSeg(Iss, HighDataEnd, 0, null));
        Assert.Equal(new NextSegment(S(1000), 1000, NextSegRule.Unsacked), board.NextSeg(S(1000), HighDataEnd, 0, null));
        // Rule 2 comes first when new data may be sent.
        Assert.Equal(NextSegRule.NewData, board.NextSeg(Iss, HighDataEnd, 1, null)?.Rule);
    }

    [Fact]
    public void NextSeg_rule_4_rescues_the_tail_once_per_recovery()
    {
        // Segment 2 SACKed, 0–1 already retransmitted (HighRxt + 1 = 2000), 3–9 unSACKed above the highest
        // SACK: rules 1 and 3 find nothing, no new data; the rescue ends at the highest unSACKed byte.
        var board = Board();
        board.Update(Iss, [Segments(2, 2)], HighDataEnd);
        Assert.Equal(new NextSegment(S(9000), 1000, NextSegRule.Rescue), board.NextSeg(S(2000), HighDataEnd, 0, null));
        // The sender then sets RescueRxt = RecoveryPoint (HighData at recovery start): no second rescue
        // until HighACK passes it.
        Assert.Null(board.NextSeg(S(2000), HighDataEnd, 0, rescueRxtEnd: HighDataEnd));
        // A rescue from an earlier recovery (HighACK > RescueRxt) does not block this one.
        board.Update(S(1000), [], HighDataEnd);
        Assert.Equal(NextSegRule.Rescue, board.NextSeg(S(2000), HighDataEnd, 0, rescueRxtEnd: S(500))?.Rule);
    }

    [Fact]
    public void NextSeg_rescue_is_shorter_than_smss_when_the_tail_is()
    {
        var board = Board();
        var high = S(3500);
        board.Update(Iss, [Segments(2, 2)], high);
        Assert.Equal(new NextSegment(S(3000), 500, NextSegRule.Rescue), board.NextSeg(S(2000), high, 0, null));
    }

    [Fact]
    public void NextSeg_returns_nothing_when_everything_outstanding_is_sacked()
    {
        var board = Board();
        var high = S(3000);
        board.Update(S(1000), [Segments(1, 2)], high);   // 1000–3000 SACKed, SND.UNA = 1000: a reneging receiver's view
        Assert.Null(board.NextSeg(S(1000), high, 0, null));
    }
}
