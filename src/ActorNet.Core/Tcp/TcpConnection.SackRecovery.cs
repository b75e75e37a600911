using ActorNet.Core.Packets;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp;

/// <summary>
/// RFC 6675 loss recovery, for a connection that negotiated SACK (RFC 2018 §2). The scoreboard
/// (<see cref="SackScoreboard"/>) keeps what the peer reported holding; this part decides when recovery
/// starts and ends and what goes out while it lasts. Names: HighACK + 1 = SND.UNA, HighData + 1 = SND.MAX,
/// RecoveryPoint + 1 = <c>_recover</c> (shared with RFC 6582's "recover", both exclusive), and
/// <c>_highRxtEnd</c> / <c>_rescueRxtEnd</c> = HighRxt + 1 / RescueRxt + 1, the scoreboard's one-past-the-end
/// convention.
/// <para>
/// The scoreboard sees data octets only: Pipe() and NextSeg() get min(SND.MAX, end of data) as HighData + 1
/// (<see cref="ScoreboardHighDataEnd"/>). A FIN is never SACKed (a receiver holds it apart from the data), so
/// as an octet of its own it would make the rescue of rule (4), which ends at the highest unSACKed octet, cut
/// the last segment in two. It rides instead on any retransmission that ends at the last data byte.
/// </para>
/// </summary>
public sealed partial class TcpConnection
{
    // RFC 6675 §3: the sender's scoreboard, from ESTABLISHED on when SACK was negotiated; null otherwise.
    private SackScoreboard? _scoreboard;
    private SequenceNumber _highRxtEnd;    // HighRxt + 1, meaningful during recovery
    private SequenceNumber _rescueRxtEnd;  // RescueRxt + 1, meaningful during recovery

    /// <summary>True while in RFC 6675 loss recovery (SACK negotiated); <see cref="InFastRecovery"/> is true then too.</summary>
    private bool InSackRecovery => _inRecovery && _scoreboard is not null;

    /// <summary>
    /// RFC 6675 §4 SetPipe() now: the bytes the sender believes are in the network (for tests and traces).
    /// Without SACK, or outside recovery before anything was SACKed, it is SND.MAX − SND.UNA.
    /// </summary>
    internal long Pipe => _scoreboard is { } board
        ? board.Pipe(InSackRecovery ? _highRxtEnd : _sndUna, ScoreboardHighDataEnd)
        : _sndMax - _sndUna;

    /// <summary>HighData + 1 as the scoreboard sees it: SND.MAX without the FIN's sequence number.</summary>
    private SequenceNumber ScoreboardHighDataEnd => SequenceNumber.Min(_sndMax, DataEnd);

    /// <summary>The scoreboard, for tests (null without SACK).</summary>
    internal SackScoreboard? Scoreboard => _scoreboard;

    /// <summary>At ESTABLISHED: a scoreboard when both SYNs carried SACK-permitted.</summary>
    private void StartScoreboard() =>
        _scoreboard = _sackPermitted ? new SackScoreboard(_effMss, _sndUna, _settings.DuplicateAckThreshold) : null;

    /// <summary>
    /// RFC 6675 §5, for an acceptable ACK once the scoreboard has taken it in and SND.UNA has moved:
    /// count DupAcks (§2's definition) and, outside recovery, decide whether loss recovery starts.
    /// During recovery nothing more is needed here: (B.1) was the Update(), and (B.2) SetPipe() and (C)
    /// run in <see cref="SendDuringSackRecovery"/> when the input ends.
    /// </summary>
    private void OnAckWithScoreboard(SackScoreboard board, bool cumulative, long newlySacked, SimTime now)
    {
        // §5: "If the incoming ACK is a cumulative acknowledgment, the TCP MUST reset DupAcks to zero." §2: an ACK
        // that SACKs octets not SACKed before is a duplicate acknowledgment, even if it also moves SND.UNA or the
        // window. Both at once: it resets the count, then counts as the first.
        if (cumulative) _dupAcks = 0;
        if (newlySacked > 0) _dupAcks++;
        if (_inRecovery || _sndMax == _sndUna) return;

        // §5: not again until the cumulative ACK passes the last RecoveryPoint; §5.1: after a timeout, "until
        // HighACK is greater than or equal to the new value of RecoveryPoint". Both as SND.UNA ≥ RecoveryPoint + 1.
        if (_sndUna < _recover) return;
        // Step (1): DupThresh duplicate ACKs; step (2): fewer, but IsLost(HighACK + 1) (e.g. three SACKed segments
        // reported by fewer ACKs, or a cumulative ACK that leaves a hole under three SACKed segments).
        // Step (3), limited transmit (RFC 3042), is not done.
        if (_dupAcks >= _settings.DuplicateAckThreshold || board.IsLost(_sndUna)) EnterSackRecovery(board, now);
    }

    /// <summary>RFC 6675 §5 step (4): invoke fast retransmit and enter loss recovery.</summary>
    private void EnterSackRecovery(SackScoreboard board, SimTime now)
    {
        _inRecovery = true;
        Statistics.FastRecoveries++;
        _sndNxt = _sndMax; // recovery sends from HighData (SND.NXT lags only by a zero-window probe's byte)
        // (4.1) RecoveryPoint = HighData.
        _recover = _sndMax;
        // (4.2) ssthresh = cwnd = FlightSize / 2: ssthresh from the algorithm (RFC 5681 eq. 4, or CUBIC's β), then
        // cwnd = ssthresh: no 3·SMSS inflation, pipe says what may be sent. CUBIC already sets cwnd = ssthresh
        // (RFC 9438 §4.6); the minimum leaves cwnd alone for an algorithm that does not set ssthresh at all.
        _congestion.BytesInFlight = _sndMax - _sndUna;
        _cc.OnFastRetransmit(_congestion, now);
        _congestion.CongestionWindow = Math.Min(_congestion.CongestionWindow, _congestion.SlowStartThreshold);
        // (4.3) Retransmit the segment at HighACK + 1 (not into SACKed data); HighRxt and RescueRxt = its last octet.
        board.SkipSacked(_sndUna, out long hole);
        int sent = RetransmitRange(_sndUna, (int)Math.Min(hole, _effMss), now);
        _highRxtEnd = _rescueRxtEnd = _sndUna + sent;
        // (4.4) SetPipe() and (4.5) step (C): SendDuringSackRecovery, from Output at the end of this input.
    }

    /// <summary>
    /// RFC 6675 §5 (A): a cumulative ACK during recovery. At or past RecoveryPoint recovery ends; the scoreboard
    /// keeps what it knows above SND.UNA ("SHOULD NOT be cleared"). Returns whether the RTO timer restarts: always,
    /// RFC 6298 (5.3) (there is no RFC 6582-style "Impatient" choice here; a lost retransmission ends in a timeout).
    /// </summary>
    private bool OnAckInSackRecovery(SequenceNumber ack, SimTime now)
    {
        if (ack >= _recover)
        {
            _inRecovery = false;
            _congestion.BytesInFlight = _sndMax - _sndUna;
            _cc.OnRecoveryEnd(_congestion, now);
        }
        return true;
    }

    /// <summary>
    /// RFC 6675 §5 (B.2) and (C): SetPipe(), then while cwnd − pipe ≥ 1 SMSS send what NextSeg() chooses,
    /// keeping HighRxt, RescueRxt and HighData as (C.2)–(C.4) say. Runs at the end of every input during recovery.
    /// </summary>
    private void SendDuringSackRecovery(SackScoreboard board, SimTime now)
    {
        long pipe = board.Pipe(_highRxtEnd, ScoreboardHighDataEnd);
        while (_congestion.CongestionWindow - pipe >= _effMss)                       // (C), (C.5)
        {
            if (board.NextSeg(_highRxtEnd, ScoreboardHighDataEnd, NewDataAllowedInRecovery(), _rescueRxtEnd) is not { } next)
                break;                                                                // (C.1): nothing to send
            int sent;
            switch (next.Rule)
            {
                case NextSegRule.NewData:                                             // (C.3) HighData moves
                    sent = SendNewInRecovery(next.Length, now);
                    break;
                case NextSegRule.Rescue:                                              // rule (4): RescueRxt = RecoveryPoint, HighRxt stays
                    sent = RetransmitRange(next.Start, next.Length, now);
                    _rescueRxtEnd = _recover;
                    break;
                default:                                                              // rules (1), (3): (C.2) HighRxt moves
                    sent = RetransmitRange(next.Start, next.Length, now);
                    _highRxtEnd = next.Start + sent;
                    break;
            }
            if (sent == 0) break;
            pipe += sent;                                                             // (C.4)
        }
        // A FIN after the last data byte uses no window (RFC 9293 §3.10.4); it goes once all the data went.
        if (_finQueued && _sndMax == FinSeq)
        {
            Transmit(_sndMax, 0, fin: true, now, SendKind.New);
            _sndNxt = _sndMax;
        }
    }

    /// <summary>
    /// NextSeg() rule (2)'s "available unsent data and the receiver's advertised window allows": the bytes of one
    /// new segment at HighData + 1, or 0. A short segment waits as it would outside recovery (Nagle, sender SWS
    /// avoidance: RFC 9293 §3.7.4, §3.8.6.2.1), so then rule (3) or (4) may go instead.
    /// </summary>
    private long NewDataAllowedInRecovery()
    {
        int waiting = DataEnd - _sndMax;
        int outstanding = _sndMax - _sndUna;
        long n = Math.Min(waiting, _sndWnd - outstanding);
        if (n <= 0) return 0;
        int capacity = SegmentCapacity;
        if (n < capacity && !MaySendShortSegment((int)n, waiting, outstanding)) return 0;
        return Math.Min(n, capacity);
    }

    /// <summary>New data at HighData + 1 (NextSeg() rule 2), with the FIN if it carries the last byte; returns its sequence length.</summary>
    private int SendNewInRecovery(int length, SimTime now)
    {
        int len = Math.Min(Math.Min(length, SegmentCapacity), DataEnd - _sndMax);
        if (len <= 0) return 0;
        bool fin = _finQueued && _sndMax + len == DataEnd;
        Transmit(_sndMax, len, fin, now, SendKind.New);
        _sndNxt = _sndMax;
        return len + (fin ? 1 : 0);
    }

    /// <summary>
    /// Retransmit data from <paramref name="start"/>, at most <paramref name="length"/> bytes and what one segment
    /// carries (the options may take some of the MSS); a FIN already sent goes with it when it reaches the last data
    /// byte, or alone when <paramref name="start"/> is the FIN. Counted as a fast retransmission. Returns the
    /// sequence length sent.
    /// </summary>
    private int RetransmitRange(SequenceNumber start, int length, SimTime now)
    {
        int len = Math.Max(0, Math.Min(Math.Min(length, SegmentCapacity), Math.Min(DataEnd - start, _sndMax - start)));
        bool fin = _finQueued && _sndMax > FinSeq && start + len == FinSeq;
        if (len == 0 && !fin) return 0;
        Transmit(start, len, fin, now, SendKind.FastRetransmit);
        return len + (fin ? 1 : 0);
    }

    /// <summary>
    /// The go-back-N resend after a timeout, with SACK: skip what the peer SACKed since the timeout (RFC 6675 §5.1
    /// "a TCP sender SHOULD use this SACK information when determining what data should be sent in each segment of
    /// the slow start"). Moves SND.NXT over a SACKed range it stands in and returns how many bytes may be resent
    /// before the next one (<see cref="long.MaxValue"/> when none).
    /// </summary>
    private long SkipSackedOnResend()
    {
        if (_scoreboard is not { SackedBytes: > 0 } board) return long.MaxValue;
        _sndNxt = board.SkipSacked(_sndNxt, out long unsacked);
        return unsacked;
    }
}
