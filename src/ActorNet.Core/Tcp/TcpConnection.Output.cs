using ActorNet.Core.Packets;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp;

public sealed partial class TcpConnection
{
    /// <summary>Option bytes a SACK option takes with 4 blocks (RFC 2018 §3: 2 + 8·4, padded to 36).</summary>
    private const int SackOptionBytes = 36;

    private bool _rttTiming, _synRetransmitted;
    private SequenceNumber _rttSeq;
    private SimTime _rttSentAt;
    private readonly List<SackBlock> _sackScratch = new(4);

    private enum SendKind { New, FastRetransmit, TimeoutRetransmit, Probe }

    /// <summary>Sequence number of stream byte <paramref name="offset"/> (byte 0 follows the SYN).</summary>
    private SequenceNumber SeqOfOffset(long offset) => Iss + 1 + offset;
    private long OffsetOf(SequenceNumber seq) => _sendBuffer.Start + (seq - SeqOfOffset(_sendBuffer.Start));
    /// <summary>One past the last queued data byte.</summary>
    private SequenceNumber DataEnd => SeqOfOffset(_sendBuffer.End);
    /// <summary>Our FIN's sequence number (meaningful once the app shut down: nothing more is queued).</summary>
    private SequenceNumber FinSeq => DataEnd;

    /// <summary>The window our SYN says (never scaled, RFC 7323 §2.2).</summary>
    private long SynWindow => Math.Min(_settings.ReceiveBufferBytes, ushort.MaxValue);

    /// <summary>Data a segment may carry: the MSS less the options it carries (RFC 9293 §3.7.1).</summary>
    private int SegmentCapacity => _sackPermitted && !_reassembly.IsEmpty ? _effMss - SackOptionBytes : _effMss;

    private void SendSyn(SimTime now, bool withAck)
    {
        bool retransmission = _sndMax > Iss;
        var options = new TcpOptions
        {
            MaximumSegmentSize = (ushort)_settings.Mss,
            // RFC 7323 §1.3 / RFC 2018 §2: a SYN-ACK carries them only if the SYN did.
            WindowScale = _settings.WindowScaling && (!withAck || _peerOfferedWindowScale) ? _settings.ReceiveWindowShift : null,
            SackPermitted = _settings.Sack && (!withAck || _peerOfferedSack),
        };
        var flags = withAck ? TcpFlags.Syn | TcpFlags.Ack : TcpFlags.Syn;
        Emit(new TcpSegment(LocalPort, RemotePort, Iss, withAck ? _rcvNxt : default, flags, (ushort)SynWindow) { Options = options });
        _sndNxt = Iss + 1;
        _sndMax = Iss + 1;
        if (retransmission)
        {
            _synRetransmitted = true;
            _rttTiming = false; // Karn
        }
        else StartRttTiming(Iss, now);
        if (!IsArmed(TcpTimer.Retransmission)) Arm(TcpTimer.Retransmission, now + _rtt.Rto);
    }

    /// <summary>
    /// Send what the windows, Nagle and SWS avoidance allow, from SND.NXT (RFC 9293 §3.8.6.2.1,
    /// §3.7.4; RFC 5681 §3.1), then arm or cancel the retransmission and persist timers.
    /// </summary>
    private void Output(SimTime now)
    {
        if (State is not (TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.Closing or TcpState.LastAck))
            return;
        if (InSackRecovery) SendDuringSackRecovery(_scoreboard!, now); // RFC 6675 §5 (C): pipe, not SND.NXT − SND.UNA
        else SendWindow(now);

        // RFC 6298 (5.1)/(5.2): the retransmission timer runs while data is outstanding.
        if (_sndNxt - _sndUna > 0)
        {
            if (!IsArmed(TcpTimer.Retransmission)) Arm(TcpTimer.Retransmission, now + _rtt.Rto);
            Cancel(TcpTimer.Persist);
        }
        else
        {
            Cancel(TcpTimer.Retransmission);
            // RFC 9293 §3.8.6.1: data waits and nothing is in flight that could bring an ACK: persist.
            if (DataEnd - _sndNxt > 0) { if (!IsArmed(TcpTimer.Persist)) Arm(TcpTimer.Persist, now + PersistInterval); }
            else Cancel(TcpTimer.Persist);
        }
    }

    /// <summary>
    /// Outside SACK recovery: from SND.NXT, as much as min(cwnd, rwnd) − (SND.NXT − SND.UNA) allows. After a
    /// timeout SND.NXT &lt; SND.MAX and this resends (go-back-N), skipping data SACKed since (RFC 6675 §5.1).
    /// </summary>
    private void SendWindow(SimTime now)
    {
        while (true)
        {
            long beforeSacked = _sndNxt < _sndMax ? SkipSackedOnResend() : long.MaxValue;
            int inFlight = _sndNxt - _sndUna;
            // RFC 5681 §3.1 / RFC 9293 §3.8.6.2: at most min(cwnd, rwnd) outstanding.
            long usable = Math.Min(_congestion.CongestionWindow, _sndWnd) - inFlight;
            int waiting = DataEnd - _sndNxt;
            if (waiting > 0)
            {
                int capacity = SegmentCapacity;
                int len = (int)Math.Min(Math.Min(Math.Min(waiting, capacity), Math.Max(usable, 0)), beforeSacked);
                if (len <= 0) break;
                bool resend = _sndNxt < _sndMax; // go-back-N after a timeout: resend what was sent
                if (len < capacity && !resend && !MaySendShortSegment(len, waiting, inFlight)) break;
                bool fin = _finQueued && len == waiting;
                Transmit(_sndNxt, len, fin, now, resend ? SendKind.TimeoutRetransmit : SendKind.New);
                _sndNxt += len + (fin ? 1 : 0);
            }
            else if (_finQueued && _sndNxt == FinSeq && (_sndNxt == _sndMax || _congestion.CongestionWindow > inFlight))
            {
                // The FIN alone, once the data before it is sent. It needs no receive window (it uses no buffer); resent
                // (go-back-N) it is a retransmission like the data and waits for cwnd: an ACK is on its way then, and
                // after SACKed data was skipped it usually covers the FIN too.
                Transmit(_sndNxt, 0, fin: true, now, _sndNxt < _sndMax ? SendKind.TimeoutRetransmit : SendKind.New);
                _sndNxt += 1;
            }
            else break;
        }
    }

    /// <summary>
    /// A segment shorter than the MSS goes only when (RFC 9293 §3.8.6.2.1 sender SWS avoidance, with
    /// §3.7.4 Nagle: nothing unacknowledged, unless Nagle is off): it empties the queue (every SEND
    /// is pushed), or it is at least half the largest window the peer ever offered.
    /// Otherwise it waits for an ACK, or for the override timeout (the persist timer) when nothing is in flight.
    /// </summary>
    private bool MaySendShortSegment(int len, int waiting, int inFlight)
    {
        bool nagleAllows = !_settings.Nagle || inFlight == 0;
        if (!nagleAllows) return false;
        return len == waiting || len >= _maxSndWnd / 2;
    }

    /// <summary>RFC 1122 §4.2.2.17: probes start at the RTO and back off exponentially, up to the maximum RTO.</summary>
    private SimTime PersistInterval
    {
        get
        {
            var t = _rtt.Rto;
            for (int i = 0; i < _persistBackoff && t < _settings.MaxRto; i++) t = t * 2;
            return SimTime.Min(t, _settings.MaxRto);
        }
    }

    private int _persistBackoff, _persistUnanswered;

    private void OnPersistTimeout(SimTime now)
    {
        int waiting = DataEnd - _sndNxt;
        if (waiting <= 0 || _sndNxt != _sndUna
            || State is not (TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.Closing or TcpState.LastAck))
            return;
        if (_sndWnd == 0)
        {
            // RFC 9293 §3.8.6.1: one byte of new data, to make the receiver announce its window. SND.NXT
            // stays: if the window is still zero the byte is dropped and goes again with the data.
            if (++_persistUnanswered > _settings.MaxDataRetransmissions)
            {
                TimeOut();
                return;
            }
            Transmit(_sndNxt, 1, fin: false, now, SendKind.Probe);
            Statistics.WindowProbes++;
            _persistBackoff++;
            Arm(TcpTimer.Persist, now + PersistInterval);
        }
        else
        {
            // RFC 9293 §3.8.6.2.1 (d): the override timeout; send what the window allows.
            int len = (int)Math.Min(Math.Min(waiting, SegmentCapacity), _sndWnd);
            bool fin = _finQueued && len == waiting;
            Transmit(_sndNxt, len, fin, now, SendKind.New);
            _sndNxt += len + (fin ? 1 : 0);
        }
    }

    /// <summary>Build and emit one data and/or FIN segment at <paramref name="seq"/>.</summary>
    private void Transmit(SequenceNumber seq, int len, bool fin, SimTime now, SendKind kind)
    {
        var data = len > 0 ? _sendBuffer.Slice(OffsetOf(seq), len) : ReadOnlyMemory<byte>.Empty;
        var flags = TcpFlags.Ack;
        if (fin) flags |= TcpFlags.Fin;
        if (len > 0 && seq + len == DataEnd) flags |= TcpFlags.Psh;
        Emit(BuildSegment(seq, flags, data));
        Statistics.BytesSent += len;
        if (kind is SendKind.FastRetransmit or SendKind.TimeoutRetransmit)
        {
            if (kind == SendKind.FastRetransmit) Statistics.FastRetransmissions++;
            else Statistics.TimeoutRetransmissions++;
            Statistics.BytesRetransmitted += len;
            _rttTiming = false; // RFC 6298 §3 (Karn): no sample may come from a retransmitted segment
        }
        else if (kind == SendKind.New) StartRttTiming(seq, now);
        var end = seq + len + (fin ? 1 : 0);
        if (end > _sndMax) _sndMax = end;
    }

    private void StartRttTiming(SequenceNumber seq, SimTime now)
    {
        if (_rttTiming) return; // one segment timed at a time (RFC 6298 §3)
        _rttTiming = true;
        _rttSeq = seq;
        _rttSentAt = now;
    }

    /// <summary>An ACK beyond the timed segment's first byte gives an RTT sample (RFC 6298 §2, §3).</summary>
    private SimTime? TakeRttSample(SequenceNumber ack, SimTime now)
    {
        if (!_rttTiming || !(ack > _rttSeq)) return null;
        _rttTiming = false;
        var r = now - _rttSentAt;
        _rtt.AddSample(r);
        Statistics.AddRtt(r);
        return r;
    }

    /// <summary>A pure ACK. Its sequence number must be acceptable to the peer (RFC 9293 §3.10.7.4):
    /// SND.MAX is, unless the peer's window is zero, when only its RCV.NXT (our SND.UNA = SND.NXT) is.</summary>
    private void SendAck()
    {
        var seq = _sndWnd == 0 ? _sndNxt : _sndMax;
        Emit(BuildSegment(seq, TcpFlags.Ack, ReadOnlyMemory<byte>.Empty));
    }

    private TcpSegment BuildSegment(SequenceNumber seq, TcpFlags flags, ReadOnlyMemory<byte> data)
    {
        var options = TcpOptions.None;
        if (_sackPermitted && !_reassembly.IsEmpty)
        {
            _reassembly.FillSackBlocks(_sackScratch, _lastArrival, 4);
            options = new TcpOptions { SackBlocks = _sackScratch.ToArray() };
        }
        return new TcpSegment(LocalPort, RemotePort, seq, _rcvNxt, flags, WindowField(), data) { Options = options };
    }

    private void Emit(TcpSegment seg)
    {
        _actions.Send(seg);
        Statistics.SegmentsSent++;
        if (seg.Has(TcpFlags.Ack))
        {
            // Any segment carrying the ACK satisfies a pending or delayed one.
            _ackNow = false;
            _segmentsSinceAck = 0;
            Cancel(TcpTimer.DelayedAck);
        }
    }

    /// <summary>The 16-bit window field: RCV.WND shifted by Rcv.Wind.Shift (RFC 7323 §2.3).</summary>
    private ushort WindowField()
    {
        UpdateReceiveWindow();
        return (ushort)Math.Min((_rcvRightEdge - _rcvNxt) >> _rcvShift, ushort.MaxValue);
    }

    /// <summary>
    /// RFC 9293 §3.8.6.2.2 receiver SWS avoidance: the right edge moves only when it can move by
    /// at least min(RCV.BUFF / 2, MSS); it never moves left. The window is the free buffer space
    /// past RCV.NXT (out-of-order bytes sit inside it), at most what the field can say.
    /// While out-of-order data is held the edge stays put: RFC 5681 §2 counts an ACK as a duplicate
    /// only if the window is unchanged, so a window that grew with each read during a loss would
    /// turn the duplicate ACKs of §4.2 into window updates and defeat fast retransmit.
    /// </summary>
    private void UpdateReceiveWindow()
    {
        if (State is not (TcpState.SynReceived or TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2)) return;
        if (!_reassembly.IsEmpty) return;
        long free = Math.Min(_settings.ReceiveBufferBytes - _receiveBuffer.Count, (long)ushort.MaxValue << _rcvShift);
        long current = _rcvRightEdge - _rcvNxt;
        if (free - current >= Math.Min(_settings.ReceiveBufferBytes / 2, _effMss)) _rcvRightEdge = _rcvNxt + free;
    }
}
