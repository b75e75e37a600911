using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp;

public sealed partial class TcpConnection
{
    private int _retries;          // consecutive timeouts of the same data (RFC 9293 §3.8.3 R2)
    private bool _inRecovery;      // fast recovery (RFC 5681 §3.2, RFC 6582 §3.2)
    private bool _partialAckSeen;
    private int _dupAcks;
    // RFC 6582 "recover", exclusive here: fast recovery ends when SND.UNA reaches it.
    private SequenceNumber _recover;

    /// <summary>New data acknowledged (SND.UNA &lt; SEG.ACK ≤ SND.MAX).</summary>
    private void OnNewAck(SequenceNumber ack, SimTime now)
    {
        // The data bytes covered (the FIN's sequence number is not a byte).
        var dataAckedTo = ack > DataEnd ? DataEnd : ack;
        long newStart = OffsetOf(dataAckedTo);
        int dataAcked = (int)(newStart - _sendBuffer.Start);
        _sendBuffer.ReleaseTo(newStart);
        Statistics.BytesAcked += dataAcked;
        _sndUna = ack;
        if (_sndNxt < _sndUna) _sndNxt = _sndUna; // after go-back-N the peer may hold more than we resent

        // A valid RTT sample recomputes the RTO and clears the backoff (RttEstimator.AddSample). An ACK of
        // retransmitted data gives none (Karn), so the backed-off RTO stays for the timer restarted below.
        var sample = TakeRttSample(ack, now);
        _retries = 0;

        bool restartTimer = true;
        if (InSackRecovery) restartTimer = OnAckInSackRecovery(ack, now);
        else if (_inRecovery) restartTimer = OnAckInRecovery(ack, dataAcked, now);
        else
        {
            _dupAcks = 0;
            _congestion.BytesInFlight = _sndMax - _sndUna;
            _cc.OnAck(_congestion, dataAcked, now, sample);
            if (_recover < _sndUna) _recover = _sndUna; // keep "recover" within 2^31 of SND.UNA
        }
        // RFC 6298 (5.3): an ACK of new data restarts the timer with the current RTO; (5.2): one that acknowledges
        // everything outstanding turns it off, so that data sent next in this same input starts it afresh (5.1) in
        // Output. Leaving it armed there would keep the deadline set at the last timeout (5.6).
        if (restartTimer)
        {
            if (_sndUna != _sndMax) Arm(TcpTimer.Retransmission, now + _rtt.Rto);
            else Cancel(TcpTimer.Retransmission);
        }

        if (_writeBlocked && dataAcked > 0)
        {
            _writeBlocked = false;
            _actions.Notify(TcpEvent.Writable);
        }
    }

    /// <summary>An ACK of new data during fast recovery; returns whether the RTO timer restarts.</summary>
    private bool OnAckInRecovery(SequenceNumber ack, int dataAcked, SimTime now)
    {
        if (ack >= _recover || !_cc.KeepsRecoveryOnPartialAck)
        {
            // RFC 6582 §3.2 step 3 (full ACK), or Reno's first new ACK (RFC 5681 §3.2 step 6): deflate, leave.
            _inRecovery = false;
            _dupAcks = 0;
            _congestion.BytesInFlight = _sndMax - _sndUna;
            _cc.OnRecoveryEnd(_congestion, now);
            return true;
        }
        // RFC 6582 §3.2 step 4, partial ACK: retransmit the first unacknowledged segment; deflate cwnd
        // by the amount newly acknowledged, add back one SMSS if that was at least one SMSS.
        RetransmitFirstUnacknowledged(now, SendKind.FastRetransmit);
        long cwnd = _congestion.CongestionWindow - dataAcked;
        if (dataAcked >= _effMss) cwnd += _effMss;
        _congestion.CongestionWindow = Math.Max(cwnd, _effMss);
        // Step 5 ("Impatient"): reset the retransmit timer only for the first partial ACK.
        bool first = !_partialAckSeen;
        _partialAckSeen = true;
        return first;
    }

    /// <summary>
    /// RFC 5681 §3.2 steps 2–4 (and RFC 6582 §3.2 step 2's check of "recover"): recovery by duplicate ACKs,
    /// for a connection without SACK (with SACK, RFC 6675 in TcpConnection.SackRecovery.cs decides).
    /// </summary>
    private void OnDuplicateAck(SimTime now)
    {
        _dupAcks++;
        if (_inRecovery)
        {
            // Step 4: each further duplicate ACK means a segment left the network: inflate cwnd.
            _congestion.CongestionWindow += _effMss;
            return;
        }
        if (_dupAcks != _settings.DuplicateAckThreshold) return;
        // RFC 6582 §3.2 step 2: not again for data sent before the last recovery or timeout.
        if (_cc.KeepsRecoveryOnPartialAck && _sndUna < _recover) return;
        _inRecovery = true;
        _partialAckSeen = false;
        _recover = _sndMax;
        Statistics.FastRecoveries++;
        _congestion.BytesInFlight = _sndMax - _sndUna;
        _cc.OnFastRetransmit(_congestion, now); // step 2: ssthresh, and cwnd = ssthresh + 3·SMSS for (New)Reno
        RetransmitFirstUnacknowledged(now, SendKind.FastRetransmit); // step 3
    }

    /// <summary>RFC 6298 §5.4–5.6 and RFC 5681 §3.1: the retransmission timer expired.</summary>
    private void OnRetransmissionTimeout(SimTime now)
    {
        Statistics.RetransmissionTimeouts++;
        if (State is TcpState.SynSent or TcpState.SynReceived)
        {
            if (_retries >= _settings.MaxSynRetransmissions)
            {
                TimeOut();
                return;
            }
            _retries++;
            _rtt.Backoff();
            Statistics.TimeoutRetransmissions++;
            SendSyn(now, withAck: State == TcpState.SynReceived);
            return;
        }
        if (_sndMax == _sndUna) return; // nothing outstanding (a stale deadline)
        if (_retries >= _settings.MaxDataRetransmissions)
        {
            TimeOut();
            return;
        }
        _retries++;
        // RFC 5681 §3.1 eq. 4 and the loss window, by the algorithm.
        _congestion.BytesInFlight = _sndMax - _sndUna;
        _cc.OnRetransmissionTimeout(_congestion, now);
        // RFC 6582 §4 and RFC 6675 §5.1: leave recovery; RecoveryPoint ("recover") = HighData, and no new
        // recovery for data sent before the timeout.
        _inRecovery = false;
        _dupAcks = 0;
        _recover = _sndMax;
        // RFC 6675 §5.1 (RFC 2018 §8): expunge the SACK information, since the receiver may have reneged, and keep
        // taking it in from the ACKs that follow (the resend below skips what they SACK, see SkipSackedOnResend).
        _scoreboard?.Clear();
        _rtt.Backoff(); // (5.5)
        // Go-back-N: everything after SND.UNA is resent as the window allows; now the first segment (5.4).
        _sndNxt = _sndUna;
        int sent = RetransmitFirstUnacknowledged(now, SendKind.TimeoutRetransmit);
        _sndNxt = _sndUna + sent;
        Arm(TcpTimer.Retransmission, now + _rtt.Rto); // (5.6)
    }

    /// <summary>Resend the segment at SND.UNA (data up to one MSS, or the FIN); returns its sequence length.</summary>
    private int RetransmitFirstUnacknowledged(SimTime now, SendKind kind)
    {
        int len = Math.Max(0, Math.Min(Math.Min(SegmentCapacity, DataEnd - _sndUna), _sndMax - _sndUna));
        bool fin = _finQueued && _sndUna + len == FinSeq && _sndMax > FinSeq;
        if (len == 0 && !fin) return 0;
        Transmit(_sndUna, len, fin, now, kind);
        return len + (fin ? 1 : 0);
    }

    /// <summary>RFC 9293 §3.8.3: give up; the application is told "timed out".</summary>
    private void TimeOut()
    {
        _actions.Notify(TcpEvent.TimedOut);
        EnterClosed();
    }
}
