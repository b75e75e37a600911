using ActorNet.Core.Packets;
using ActorNet.Core.Tcp.Congestion;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp;

public sealed partial class TcpConnection
{
    private bool _ackNow;            // an ACK must go out before this input returns
    private int _segmentsSinceAck;   // in-order data segments received since the last ACK sent
    private SequenceNumber _lastArrival; // start of the latest data segment (first SACK block, RFC 2018 §4)

    /// <summary>A segment for this connection arrived (RFC 9293 §3.10.7).</summary>
    public void OnSegment(TcpSegment seg, SimTime now)
    {
        Statistics.SegmentsReceived++;
        switch (State)
        {
            case TcpState.Closed:
                // §3.10.7.1: the TCB is gone; answer as a closed port would.
                if (TcpReset.ForClosedPort(seg) is { } rst) Emit(rst);
                return;
            case TcpState.SynSent:
                OnSegmentInSynSent(seg, now);
                break;
            default:
                OnSegmentSynchronized(seg, now);
                break;
        }
        if (State != TcpState.Closed) AfterInput(now);
        else ReportWindows(now);
    }

    /// <summary>RFC 9293 §3.10.7.3, SYN-SENT.</summary>
    private void OnSegmentInSynSent(TcpSegment seg, SimTime now)
    {
        bool hasAck = seg.Has(TcpFlags.Ack);
        // First, the ACK: it must acknowledge our SYN and nothing else.
        if (hasAck && (seg.Acknowledgment <= Iss || seg.Acknowledgment > _sndMax))
        {
            if (!seg.Has(TcpFlags.Rst)) Emit(new TcpSegment(LocalPort, RemotePort, seg.Acknowledgment, default, TcpFlags.Rst, 0));
            return;
        }
        // Second, RST: with an acceptable ACK the connection was refused; without one, drop it.
        if (seg.Has(TcpFlags.Rst))
        {
            if (hasAck)
            {
                _actions.Notify(TcpEvent.Refused);
                EnterClosed();
            }
            return;
        }
        // Fourth, SYN.
        if (!seg.Has(TcpFlags.Syn)) return; // fifth: neither SYN nor RST
        TakePeerSyn(seg);
        if (hasAck)
        {
            _sndUna = seg.Acknowledgment;
            TakeRttSample(seg.Acknowledgment, now);
            Establish(now);
            _ackNow = true; // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
        }
        else
        {
            // Simultaneous open: SYN-RECEIVED, answer <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
            State = TcpState.SynReceived;
            SendSyn(now, withAck: true);
        }
    }

    /// <summary>Read the peer's SYN: IRS, RCV.NXT, MSS, window scale and SACK-permitted, SND.WND.</summary>
    private void TakePeerSyn(TcpSegment syn)
    {
        _irs = syn.Sequence;
        _rcvNxt = _irs + 1;
        // RFC 9293 §3.7.1: without the option the peer takes 536.
        _effMss = Math.Min(_settings.Mss, syn.Options.MaximumSegmentSize ?? DefaultPeerMss);
        _peerOfferedWindowScale = syn.Options.WindowScale is not null;
        _peerOfferedSack = syn.Options.SackPermitted;
        // RFC 7323 §2.2/§1.3: scaling is on only if both SYNs carry the option; a shift over 14 is taken as 14 (§2.3).
        if (_settings.WindowScaling && _peerOfferedWindowScale)
        {
            _sndShift = Math.Min((int)syn.Options.WindowScale!.Value, 14);
            _rcvShift = _settings.ReceiveWindowShift;
        }
        else _sndShift = _rcvShift = 0;
        _sackPermitted = _settings.Sack && _peerOfferedSack; // RFC 2018 §2
        // RFC 7323 §2.2: the window of a SYN is never scaled.
        _sndWnd = _maxSndWnd = syn.Window;
        _sndWl1 = syn.Sequence;
        _sndWl2 = syn.Acknowledgment;
        _rcvRightEdge = _rcvNxt + SynWindow;
        _lastArrival = _rcvNxt;
    }

    /// <summary>ESTABLISHED (or FIN-WAIT-1 when the app already shut down): start congestion control.</summary>
    private void Establish(SimTime now)
    {
        State = _finQueued ? TcpState.FinWait1 : TcpState.Established;
        UpdateReceiveWindow(); // the whole buffer from now on (the SYN could say at most 65,535)
        _congestion = new CongestionState(_effMss);
        // RFC 6928 §2: IW = min(10·MSS, max(2·MSS, 14600)); the same form for another segment count.
        long iw = Math.Min((long)_settings.InitialWindowSegments * _effMss,
            Math.Max(2L * _effMss, _settings.InitialWindowSegments * 1460L));
        _cc.Start(_congestion, iw, now);
        // Without a retransmitted SYN the handshake gave a sample, which already cleared any backoff.
        if (_synRetransmitted) _rtt.AfterSynTimeout();
        _retries = 0;
        _recover = _sndUna;
        StartScoreboard();
        if (_sndUna == _sndMax) Cancel(TcpTimer.Retransmission);
        _actions.Notify(TcpEvent.Connected);
    }

    /// <summary>RFC 9293 §3.10.7.4: SYN-RECEIVED and every later state.</summary>
    private void OnSegmentSynchronized(TcpSegment seg, SimTime now)
    {
        if (State == TcpState.SynReceived && seg.Has(TcpFlags.Syn) && seg.Sequence == _irs && !seg.Has(TcpFlags.Rst))
        {
            // The peer's SYN again. Without ACK: our SYN-ACK was lost; answer it now (as Linux does)
            // rather than at our RTO. With ACK (simultaneous open, RFC 9293 figure 7 line 6): the SYN
            // is one we already have, so drop it and go on with the rest, as BSD's trimming does.
            if (!seg.Has(TcpFlags.Ack))
            {
                SendSyn(now, withAck: true);
                return;
            }
            seg = seg with { Flags = seg.Flags & ~TcpFlags.Syn, Sequence = _irs + 1 };
        }

        // First, check the sequence number.
        long rcvWnd = _rcvRightEdge - _rcvNxt;
        bool headerOnly = false; // a segment at RCV.NXT against a zero window: use its ACK, RST and a bare FIN
        if (!IsAcceptable(seg.Sequence, seg.SequenceLength, rcvWnd))
        {
            if (rcvWnd == 0 && seg.Sequence == _rcvNxt && !seg.Has(TcpFlags.Syn))
            {
                // "If the RCV.WND is zero, no segments will be acceptable, but special allowance should
                // be made to accept valid ACKs, URGs, and RSTs." This is how zero-window probes get answered.
                headerOnly = true;
                _ackNow = true;
            }
            else
            {
                if (seg.Has(TcpFlags.Rst)) return;
                if (seg.Data.Length > 0 && seg.Sequence + seg.SequenceLength <= _rcvNxt) Statistics.DuplicateSegments++;
                // TIME-WAIT: "The only thing that can arrive in this state is a retransmission of the remote
                // FIN. Acknowledge it, and restart the 2 MSL timeout."
                if (State == TcpState.TimeWait && seg.Has(TcpFlags.Fin)) Arm(TcpTimer.TimeWait, now + _settings.Msl * 2);
                _ackNow = true;
                return;
            }
        }

        // Second, RST (RFC 5961 §3.2: only an exact match resets; elsewhere in the window, a challenge ACK).
        if (seg.Has(TcpFlags.Rst))
        {
            if (seg.Sequence != _rcvNxt)
            {
                _ackNow = true;
                return;
            }
            OnReset();
            return;
        }

        // Fourth, SYN in a synchronized state: RFC 5961 §4 challenge ACK, drop.
        if (seg.Has(TcpFlags.Syn))
        {
            _ackNow = true;
            return;
        }

        // Fifth, ACK.
        if (!seg.Has(TcpFlags.Ack)) return;
        if (State == TcpState.SynReceived)
        {
            if (!(seg.Acknowledgment > _sndUna && seg.Acknowledgment <= _sndMax))
            {
                Emit(new TcpSegment(LocalPort, RemotePort, seg.Acknowledgment, default, TcpFlags.Rst, 0));
                return;
            }
            _sndUna = seg.Acknowledgment;
            TakeRttSample(seg.Acknowledgment, now);
            UpdateSendWindow((long)seg.Window << _sndShift, seg.Sequence, seg.Acknowledgment);
            Establish(now);
        }
        else if (State == TcpState.TimeWait)
        {
            if (seg.Has(TcpFlags.Fin))
            {
                Arm(TcpTimer.TimeWait, now + _settings.Msl * 2);
                _ackNow = true;
            }
            return;
        }
        else
        {
            if (seg.Acknowledgment > _sndMax)
            {
                _ackNow = true; // acknowledges something not yet sent
                return;
            }
            ProcessAck(seg, now);
            if (State is TcpState.Closed or TcpState.TimeWait) return;
        }

        // Seventh, the segment text (ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 only: after the peer's FIN there is none).
        bool receiving = State is TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2;
        if (!receiving) return;
        if (!headerOnly && seg.Data.Length > 0)
        {
            ProcessText(seg, now);
            if (State == TcpState.Closed) return;
        }

        // Eighth, FIN: processed when every byte before it is here; an early FIN waits in _pendingFin.
        if (seg.Has(TcpFlags.Fin) && (!headerOnly || seg.Data.Length == 0))
        {
            var finSeq = seg.Sequence + seg.Data.Length;
            if (finSeq >= _rcvNxt) _pendingFin = finSeq;
        }
        if (_pendingFin == _rcvNxt) ProcessFin(now);
    }

    /// <summary>RFC 9293 §3.10.7.4, the four cases of the acceptability test.</summary>
    private bool IsAcceptable(SequenceNumber seq, int segLen, long rcvWnd)
    {
        var end = _rcvNxt + rcvWnd;
        if (segLen == 0) return rcvWnd == 0 ? seq == _rcvNxt : seq.InRange(_rcvNxt, end);
        if (rcvWnd == 0) return false;
        return seq.InRange(_rcvNxt, end) || (seq + (segLen - 1)).InRange(_rcvNxt, end);
    }

    /// <summary>An acceptable RST (RFC 9293 §3.10.7.4 second step).</summary>
    private void OnReset()
    {
        switch (State)
        {
            case TcpState.SynReceived:
                // Passive open: the host's listener simply goes on; active (simultaneous) open: refused.
                _actions.Notify(_passiveOpen ? TcpEvent.Reset : TcpEvent.Refused);
                break;
            case TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2 or TcpState.CloseWait:
                _actions.Notify(TcpEvent.Reset);
                break;
        }
        EnterClosed(); // CLOSING, LAST-ACK, TIME-WAIT: just delete the TCB
    }

    /// <summary>Fifth step in ESTABLISHED and later: new or duplicate ACK, window update, our FIN acknowledged.</summary>
    private void ProcessAck(TcpSegment seg, SimTime now)
    {
        var ack = seg.Acknowledgment;
        long segWnd = (long)seg.Window << _sndShift;
        _persistUnanswered = 0;
        // RFC 6675 §5: "Upon the receipt of any ACK containing SACK information, the scoreboard MUST be updated
        // via the Update() routine" (every ACK here: the scoreboard also follows SND.UNA).
        long newlySacked = _scoreboard?.Update(ack, seg.Options.SackBlocks, _sndMax) ?? 0;

        bool cumulative = ack > _sndUna;
        if (cumulative) OnNewAck(ack, now);
        else if (ack == _sndUna && IsDuplicateAck(seg, segWnd))
        {
            Statistics.DuplicateAcksReceived++;
            if (_scoreboard is null) OnDuplicateAck(now);
        }
        if (_scoreboard is { } board) OnAckWithScoreboard(board, cumulative, newlySacked, now);

        // Window update: "If SND.UNA =< SEG.ACK =< SND.NXT", and not from an older segment (WL1/WL2).
        if (ack >= _sndUna && (_sndWl1 < seg.Sequence || (_sndWl1 == seg.Sequence && _sndWl2 <= ack)))
            UpdateSendWindow(segWnd, seg.Sequence, ack);

        if (_finQueued && _sndMax > FinSeq && _sndUna == FinSeq + 1)
        {
            // Our FIN is acknowledged.
            switch (State)
            {
                case TcpState.FinWait1: State = TcpState.FinWait2; break;
                case TcpState.Closing: EnterTimeWait(now); break;
                case TcpState.LastAck: EnterClosed(); break;
            }
        }
    }

    private void UpdateSendWindow(long segWnd, SequenceNumber seq, SequenceNumber ack)
    {
        _sndWnd = segWnd;
        _sndWl1 = seq;
        _sndWl2 = ack;
        _maxSndWnd = Math.Max(_maxSndWnd, segWnd);
        if (segWnd > 0) _persistBackoff = 0;
    }

    /// <summary>
    /// RFC 5681 §2 DUPLICATE ACKNOWLEDGMENT: data outstanding, no data or SYN/FIN on it, the same
    /// acknowledgment and the same window. A zero window is never a loss signal (it answers probes).
    /// </summary>
    private bool IsDuplicateAck(TcpSegment seg, long segWnd) =>
        _sndMax > _sndUna && seg.Data.Length == 0 && (seg.Flags & (TcpFlags.Syn | TcpFlags.Fin)) == 0
        && segWnd == _sndWnd && segWnd > 0;

    /// <summary>Seventh step: in-order data to the receive buffer, the rest to reassembly.</summary>
    private void ProcessText(TcpSegment seg, SimTime now)
    {
        var seq = seg.Sequence;
        var data = seg.Data;
        if (seq < _rcvNxt)
        {
            int skip = _rcvNxt - seq;
            if (skip >= data.Length)
            {
                Statistics.DuplicateSegments++;
                _ackNow = true;
                return;
            }
            data = data[skip..];
            seq = _rcvNxt;
        }
        int room = _rcvRightEdge - seq;
        if (room <= 0)
        {
            _ackNow = true; // beyond the window
            return;
        }
        if (data.Length > room) data = data[..room];

        if (_appClosed)
        {
            // RFC 1122 §4.2.2.13: new data after CLOSE is lost; say so with a RST.
            Emit(new TcpSegment(LocalPort, RemotePort, _sndMax, default, TcpFlags.Rst, 0));
            EnterClosed();
            return;
        }

        _lastArrival = seq;
        if (seq == _rcvNxt)
        {
            DeliverInOrder(data);
            if (!_reassembly.IsEmpty)
            {
                // RFC 5681 §4.2: ACK at once a segment that fills all or part of a gap.
                for (var more = _reassembly.TakeAt(_rcvNxt); !more.IsEmpty; more = _reassembly.TakeAt(_rcvNxt))
                    DeliverInOrder(more);
                _ackNow = true;
            }
            else ScheduleAck(now);
            _actions.Notify(TcpEvent.DataAvailable);
        }
        else
        {
            if (_reassembly.Insert(_rcvNxt, seq, data) == 0) Statistics.DuplicateSegments++;
            else Statistics.OutOfOrderSegments++;
            _ackNow = true; // RFC 5681 §4.2: an immediate duplicate ACK for out-of-order data
        }
    }

    private void DeliverInOrder(ReadOnlyMemory<byte> data)
    {
        _receiveBuffer.Append(data);
        _rcvNxt += data.Length;
        Statistics.BytesReceived += data.Length;
    }

    /// <summary>RFC 9293 §3.8.6.3 / RFC 1122 §4.2.3.2: ACK every second segment, else within the delay.</summary>
    private void ScheduleAck(SimTime now)
    {
        _segmentsSinceAck++;
        if (!_settings.DelayedAck || _segmentsSinceAck >= 2) _ackNow = true;
        else if (!IsArmed(TcpTimer.DelayedAck)) Arm(TcpTimer.DelayedAck, now + _settings.DelayedAckTimeout);
    }

    /// <summary>Eighth step: the peer's FIN, in order.</summary>
    private void ProcessFin(SimTime now)
    {
        _rcvNxt += 1;
        _pendingFin = null;
        _ackNow = true;
        _actions.Notify(TcpEvent.RemoteClosed);
        switch (State)
        {
            case TcpState.Established: State = TcpState.CloseWait; break;
            case TcpState.FinWait1: State = TcpState.Closing; break; // our FIN not yet acknowledged
            case TcpState.FinWait2: EnterTimeWait(now); break;
        }
    }
}
