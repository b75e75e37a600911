using ActorNet.Core.Packets;
using ActorNet.Core.Randomness;
using ActorNet.Core.Tcp.Congestion;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp;

/// <summary>
/// One TCP connection endpoint: a state machine with no I/O and no clock of its own. Inputs are the
/// application's calls, <see cref="OnSegment"/> and <see cref="OnTimer"/>, each with the current
/// virtual time; everything it decides goes to its <see cref="ITcpActions"/> during the call.
///
/// Read first:
/// - RFC 9293 (TCP): §3.3.2 states, §3.4 sequence numbers, §3.7.1 MSS, §3.7.4 Nagle, §3.8.6 windows
///   (zero-window probing §3.8.6.1, SWS avoidance §3.8.6.2, delayed ACK §3.8.6.3), §3.10 event
///   processing (this class follows §3.10.7's "first … eighth" steps in order).
/// - RFC 6298 (RTO, Karn), RFC 5681 (slow start, fast retransmit/recovery, dup ACKs),
///   RFC 6582 (NewReno partial ACKs), RFC 6928 (IW10), RFC 7323 §2 (window scale),
///   RFC 2018 (SACK blocks), RFC 6675 (SACK-based loss recovery, when SACK was negotiated),
///   RFC 5961 §3–4 (challenge ACKs), RFC 1122 §4.2 (host requirements).
///
/// Files: this one (state, opening and app calls), .Input (segment arrival), .Output (sending,
/// windows, timers), .Recovery (RTO, fast retransmit/recovery by duplicate ACKs), .SackRecovery
/// (RFC 6675 loss recovery with a <see cref="SackScoreboard"/>), .Timers (timer bookkeeping).
/// </summary>
public sealed partial class TcpConnection
{
    /// <summary>RFC 9293 §3.7.1 / RFC 1122 §4.2.2.6: the send MSS when the peer's SYN has no MSS option.</summary>
    public const int DefaultPeerMss = 536;

    private readonly TcpSettings _settings;
    private readonly ITcpActions _actions;
    private readonly ICongestionControl _cc;
    private readonly RttEstimator _rtt;
    private readonly SendBuffer _sendBuffer;
    private readonly ReceiveBuffer _receiveBuffer = new();
    private readonly ReassemblyBuffer _reassembly = new();
    private CongestionState _congestion;

    // RFC 9293 §3.3.1 send sequence variables. SND.MAX (highest sent + 1) is kept apart from
    // SND.NXT because a timeout pulls SND.NXT back to SND.UNA (go-back-N).
    private SequenceNumber _sndUna, _sndNxt, _sndMax, _sndWl1, _sndWl2;
    private long _sndWnd, _maxSndWnd;
    // RFC 9293 §3.3.1 receive sequence variables; RCV.WND = _rcvRightEdge − RCV.NXT, and the right
    // edge never moves left (RFC 9293 §3.8.6.2.2).
    private SequenceNumber _irs, _rcvNxt, _rcvRightEdge;
    private int _sndShift, _rcvShift;
    private int _effMss;
    private bool _sackPermitted, _peerOfferedWindowScale, _peerOfferedSack;

    private bool _passiveOpen, _opened, _closedNotified;
    private bool _finQueued;      // the app shut down sending: FIN follows the queued data
    private bool _appClosed;      // Close(): the app reads no more (RFC 1122 §4.2.2.13)
    private SequenceNumber? _pendingFin; // a FIN that arrived before the data ahead of it
    private bool _writeBlocked;

    private TcpWindowSample _lastSample;

    /// <summary>
    /// A connection in CLOSED, for an active open (<see cref="Connect"/>). <paramref name="iss"/>
    /// comes from <see cref="ChooseIss"/> with the connection's own random stream.
    /// </summary>
    public TcpConnection(TcpSettings settings, ushort localPort, ushort remotePort, SequenceNumber iss,
        ICongestionControl congestionControl, ITcpActions actions)
    {
        var problems = settings.Problems();
        if (problems.Count > 0) throw new ArgumentException("bad TCP settings: " + string.Join("; ", problems), nameof(settings));
        _settings = settings;
        _actions = actions;
        _cc = congestionControl;
        _rtt = new RttEstimator(settings);
        _sendBuffer = new SendBuffer(settings.SendBufferBytes);
        _congestion = new CongestionState(settings.Mss);
        (LocalPort, RemotePort, Iss) = (localPort, remotePort, iss);
        _sndUna = _sndNxt = _sndMax = _recover = iss;
        _effMss = settings.Mss;
        Array.Fill(_deadlines, SimTime.MaxValue);
    }

    /// <summary>RFC 9293 §3.4.1 (RFC 6528's intent): an unpredictable ISN, here drawn from a seeded stream.</summary>
    public static SequenceNumber ChooseIss(RandomStream random) => new((uint)random.NextUInt64());

    /// <summary>
    /// Passive open (RFC 9293 §3.10.7.2, LISTEN receiving a SYN): the host's listener calls this with
    /// the SYN; the connection answers SYN-ACK and is in SYN-RECEIVED.
    /// </summary>
    public static TcpConnection Accept(TcpSettings settings, TcpSegment syn, SequenceNumber iss,
        ICongestionControl congestionControl, ITcpActions actions, SimTime now)
    {
        if (!syn.Has(TcpFlags.Syn) || syn.Has(TcpFlags.Ack) || syn.Has(TcpFlags.Rst))
            throw new ArgumentException($"a passive open needs a SYN without ACK or RST, got {syn}", nameof(syn));
        var c = new TcpConnection(settings, syn.DestinationPort, syn.SourcePort, iss, congestionControl, actions)
        {
            _passiveOpen = true,
            _opened = true,
        };
        c.Statistics.SegmentsReceived++;
        c.TakePeerSyn(syn);
        c.State = TcpState.SynReceived;
        c.SendSyn(now, withAck: true);
        c.AfterInput(now);
        return c;
    }

    public TcpState State { get; private set; }
    public ushort LocalPort { get; }
    public ushort RemotePort { get; }
    public SequenceNumber Iss { get; }
    public SequenceNumber Irs => _irs;
    public SequenceNumber SndUna => _sndUna;
    public SequenceNumber SndNxt => _sndNxt;
    public SequenceNumber SndMax => _sndMax;
    /// <summary>SND.WND in bytes (scaled).</summary>
    public long SndWnd => _sndWnd;
    public SequenceNumber RcvNxt => _rcvNxt;
    /// <summary>RCV.WND in bytes.</summary>
    public long RcvWnd => _rcvRightEdge - _rcvNxt;
    /// <summary>The send MSS: min(own MSS, peer's MSS option) (RFC 9293 §3.7.1).</summary>
    public int EffectiveMss => _effMss;
    /// <summary>Shift applied to the peer's window fields (RFC 7323 Snd.Wind.Shift); 0 if not negotiated.</summary>
    public int SendWindowShift => _sndShift;
    /// <summary>Shift applied to this end's window fields (RFC 7323 Rcv.Wind.Shift); 0 if not negotiated.</summary>
    public int ReceiveWindowShift => _rcvShift;
    public bool SackPermitted => _sackPermitted;
    public long Cwnd => _congestion.CongestionWindow;
    public long Ssthresh => _congestion.SlowStartThreshold;
    public bool InFastRecovery => _inRecovery;
    /// <summary>The congestion-control algorithm's name ("reno", "newreno", "cubic").</summary>
    public string CongestionControlName => _cc.Name;
    /// <summary>Duplicate ACKs counted towards the fast-retransmit threshold now (reset by new data acknowledged).</summary>
    public int DuplicateAcks => _dupAcks;
    /// <summary>Consecutive retransmission timeouts of the same data (RFC 9293 §3.8.3 R2), 0 after progress.</summary>
    public int ConsecutiveTimeouts => _retries;
    /// <summary>The RTO the retransmission timer would be armed with now (backoff included).</summary>
    public SimTime Rto => _rtt.Rto;
    public RttEstimator RttEstimator => _rtt;
    /// <summary>Bytes the application can read now.</summary>
    public int BytesReadable => _receiveBuffer.Count;
    /// <summary>Bytes <see cref="Send(ReadOnlySpan{byte}, SimTime)"/> would accept now.</summary>
    public int SendBufferFree => _finQueued || State == TcpState.Closed && _opened ? 0 : _sendBuffer.Free;
    /// <summary>Bytes queued and not yet acknowledged.</summary>
    public int SendBufferUsed => _sendBuffer.Count;
    /// <summary>Bytes held out of order.</summary>
    public int OutOfOrderBytes => _reassembly.Bytes;
    public TcpStatistics Statistics { get; } = new();
    public ITcpWindowObserver? WindowObserver { get; set; }

    /// <summary>Active open (RFC 9293 §3.10.1): send SYN, enter SYN-SENT.</summary>
    public void Connect(SimTime now)
    {
        if (_opened) throw new InvalidOperationException("this connection was already opened");
        _opened = true;
        State = TcpState.SynSent;
        SendSyn(now, withAck: false);
        AfterInput(now);
    }

    /// <summary>
    /// RFC 9293 §3.10.2 SEND: copies as much of <paramref name="data"/> as the send buffer holds and
    /// returns that count (0 when full: wait for <see cref="TcpEvent.Writable"/>). Allowed from
    /// SYN-SENT on (queued until ESTABLISHED) until Shutdown/Close.
    /// </summary>
    public int Send(ReadOnlySpan<byte> data, SimTime now)
    {
        if (!_opened || State == TcpState.Closed) throw new InvalidOperationException("connection does not exist");
        if (_finQueued || State is not (TcpState.SynSent or TcpState.SynReceived or TcpState.Established or TcpState.CloseWait))
            throw new InvalidOperationException("connection closing");
        int n = _sendBuffer.Append(data);
        if (n < data.Length) _writeBlocked = true;
        AfterInput(now);
        return n;
    }

    public int Send(ReadOnlyMemory<byte> data, SimTime now) => Send(data.Span, now);

    /// <summary>
    /// Like <see cref="Send(ReadOnlySpan{byte}, SimTime)"/> without the copy: segments will be slices of
    /// <paramref name="data"/>, so the caller must never change that memory (e.g. a bulk sender's
    /// constant pattern). For senders of many bytes; everyone else should use Send.
    /// </summary>
    public int SendImmutable(ReadOnlyMemory<byte> data, SimTime now)
    {
        if (!_opened || State == TcpState.Closed) throw new InvalidOperationException("connection does not exist");
        if (_finQueued || State is not (TcpState.SynSent or TcpState.SynReceived or TcpState.Established or TcpState.CloseWait))
            throw new InvalidOperationException("connection closing");
        int n = _sendBuffer.AppendImmutable(data);
        if (n < data.Length) _writeBlocked = true;
        AfterInput(now);
        return n;
    }

    /// <summary>
    /// RFC 9293 §3.10.3 RECEIVE: moves up to destination.Length readable bytes; 0 when none (after
    /// <see cref="TcpEvent.RemoteClosed"/> and an empty buffer: end of stream). Frees window: the right edge moves when it
    /// can move by min(buffer/2, MSS) (§3.8.6.2.2); a window update goes out when the window doubles.
    /// </summary>
    public int Receive(Span<byte> destination, SimTime now)
    {
        int n = _receiveBuffer.Read(destination);
        if (n == 0) return 0;
        AfterRead(n, now);
        return n;
    }

    /// <summary>
    /// Like <see cref="Receive"/> without a copy: the next in-order bytes (at most <paramref name="maxBytes"/>, at
    /// most one segment's worth) as the segment's own immutable memory. Empty when nothing is readable.
    /// </summary>
    public ReadOnlyMemory<byte> ReceivePiece(int maxBytes, SimTime now)
    {
        var piece = _receiveBuffer.TakeFirstPiece(maxBytes);
        if (piece.IsEmpty) return piece;
        AfterRead(piece.Length, now);
        return piece;
    }

    private void AfterRead(int n, SimTime now)
    {
        Statistics.BytesDelivered += n;
        if (State is TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2)
        {
            // Window update (RFC 1122 §4.2.3.3) only when the window at least doubles, as Linux does
            // (tcp_cleanup_rbuf): a bulk receiver reading every segment must not send an ACK per read.
            long before = _rcvRightEdge - _rcvNxt;
            UpdateReceiveWindow();
            long after = _rcvRightEdge - _rcvNxt;
            if (after > before && after >= 2 * before) _ackNow = true;
        }
        AfterInput(now);
    }

    /// <summary>Like <see cref="Receive"/>, into a new array of at most <paramref name="maxBytes"/>.</summary>
    public byte[] Read(int maxBytes, SimTime now)
    {
        var buffer = new byte[Math.Min(maxBytes, _receiveBuffer.Count)];
        int n = Receive(buffer, now);
        return n == buffer.Length ? buffer : buffer[..n];
    }

    /// <summary>
    /// Half-close (RFC 9293 §3.10.4 CLOSE for the sending direction): a FIN follows the queued data;
    /// receiving continues. ESTABLISHED → FIN-WAIT-1, CLOSE-WAIT → LAST-ACK; in SYN-SENT the
    /// connection is simply deleted; in SYN-RECEIVED the FIN waits for ESTABLISHED.
    /// </summary>
    public void Shutdown(SimTime now)
    {
        switch (State)
        {
            case TcpState.SynSent:
                EnterClosed();
                return;
            case TcpState.SynReceived:
                _finQueued = true;
                break;
            case TcpState.Established:
                _finQueued = true;
                State = TcpState.FinWait1;
                break;
            case TcpState.CloseWait:
                _finQueued = true;
                State = TcpState.LastAck;
                break;
            default:
                return; // closed or already closing
        }
        AfterInput(now);
    }

    /// <summary>
    /// Full close: <see cref="Shutdown"/>, and the application reads no more. Unread data now, or
    /// data arriving later, resets the connection (RFC 1122 §4.2.2.13: tell the peer data was lost).
    /// </summary>
    public void Close(SimTime now)
    {
        _appClosed = true;
        if (_receiveBuffer.Count > 0 && State is TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2 or TcpState.CloseWait)
        {
            Abort(now);
            return;
        }
        Shutdown(now);
    }

    /// <summary>RFC 9293 §3.10.5 ABORT: RST to the peer in synchronized states, then CLOSED.</summary>
    public void Abort(SimTime now)
    {
        if (State is TcpState.SynReceived or TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2 or TcpState.CloseWait)
            Emit(new TcpSegment(LocalPort, RemotePort, _sndMax, default, TcpFlags.Rst, 0));
        if (State != TcpState.Closed) EnterClosed();
        ReportWindows(now);
    }

    /// <summary>CLOSED: every timer off, Closed reported once; the host may delete the TCB.</summary>
    private void EnterClosed()
    {
        State = TcpState.Closed;
        for (int k = 0; k < _deadlines.Length; k++) Cancel((TcpTimer)k);
        if (_closedNotified) return;
        _closedNotified = true;
        _actions.Notify(TcpEvent.Closed);
    }

    /// <summary>Work every input ends with: send what may be sent, the pending ACK, the window trace.</summary>
    private void AfterInput(SimTime now)
    {
        Output(now);
        if (_ackNow && State is not (TcpState.Closed or TcpState.SynSent)) SendAck();
        _ackNow = false;
        ReportWindows(now);
    }

    private void ReportWindows(SimTime now)
    {
        if (WindowObserver is null) return;
        var s = new TcpWindowSample(now, _congestion.CongestionWindow, _congestion.SlowStartThreshold, _sndWnd, RcvWnd, _sndNxt - _sndUna);
        if (s with { At = _lastSample.At } == _lastSample) return;
        _lastSample = s;
        WindowObserver.OnWindows(s);
    }

    public override string ToString() => $"TCP {LocalPort}->{RemotePort} {State.ToRfcName()} una={_sndUna} nxt={_sndNxt} rcv.nxt={_rcvNxt}";
}
