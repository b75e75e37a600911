using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Tcp;
using ActorNet.Core.Tcp.Congestion;
using ActorNet.Core.Time;

namespace ActorNet.Core.Sockets;

/// <summary>
/// One TCP connection as a socket (DESIGN §1: a connection actor in the actor engine). It owns a
/// <see cref="TcpConnection"/> (RFC 9293) and turns the connection's actions into socket actions:
/// segments go to IP with the peer's address, timers become host timers, events become app notices.
/// With <see cref="TcpSocketOptions.AutoRead"/>, readable bytes are handed to the app in the same
/// turn (a sink that always reads); otherwise the app asks with a read request (a slow reader, S7).
/// </summary>
public sealed class TcpSocket : ISocket, ITcpActions
{
    private readonly TcpSocketOptions _options;
    private readonly SequenceNumber _iss;
    private TcpConnection? _connection;
    private ISocketActions? _turn;
    private readonly List<TcpEvent> _events = [];

    /// <param name="passive">True: made by a listener for a SYN (the first input is that SYN); false: an active open.</param>
    public TcpSocket(IpAddress local, ushort localPort, IpAddress remote, ushort remotePort, bool passive, SequenceNumber iss, TcpSocketOptions options)
    {
        (Local, LocalPort, Remote, RemotePort, Passive, _iss, _options) = (local, localPort, remote, remotePort, passive, iss, options);
    }

    public IpAddress Local { get; }
    public ushort LocalPort { get; }
    public IpAddress Remote { get; }
    public ushort RemotePort { get; }
    public bool Passive { get; }
    public string CongestionControlName => _options.CongestionControl;
    public string Name => $"tcp:{LocalPort}->{Remote}:{RemotePort}";

    /// <summary>How reports and traces name this connection end: "host:local-port->remote:remote-port".</summary>
    public string FlowName(string host) => $"{host}:{LocalPort}->{Remote}:{RemotePort}";

    /// <summary>The connection (null until the first turn); read it for statistics after a run.</summary>
    public TcpConnection? Connection => _connection;

    /// <summary>When the socket took its first turn (SYN sent or received), reached ESTABLISHED, and CLOSED.</summary>
    public SimTime? OpenedAt { get; private set; }
    public SimTime? EstablishedAt { get; private set; }
    public SimTime? ClosedAt { get; private set; }
    /// <summary>When the app was first and last handed data (the receiving side's goodput interval).</summary>
    public SimTime? FirstDataAt { get; private set; }
    public SimTime? LastDataAt { get; private set; }
    /// <summary>Bytes handed to the app.</summary>
    public long BytesRead { get; private set; }

    /// <summary>cwnd, ssthresh and the windows over time (with <see cref="TcpSocketOptions.RecordWindows"/>).</summary>
    public WindowSampleLog WindowSamples { get; } = new();

    public void Handle(SocketInput input, SimTime now, ISocketActions actions)
    {
        _turn = actions;
        OpenedAt ??= now;
        try
        {
            _events.Clear();
            Take(input, now);
            // The app hears "connected" first, then (auto-read) the bytes, then the other events, so a sink
            // has every byte before it hears of the peer's FIN. Reading happens here, after the input, never
            // from inside the connection's own action calls.
            if (_events.Remove(TcpEvent.Connected))
            {
                EstablishedAt = now;
                actions.Notify(new TcpStateNotice(TcpEvent.Connected));
            }
            // Segment by segment, without copying (segment data is immutable, so the app may keep it).
            while (_options.AutoRead && _connection is { BytesReadable: > 0 } c)
                actions.Notify(Delivered(c.ReceivePiece(int.MaxValue, now), now));
            foreach (var e in _events)
            {
                if (e == TcpEvent.Closed) ClosedAt = now;
                actions.Notify(new TcpStateNotice(e));
            }
        }
        finally
        {
            _turn = null;
        }
    }

    private void Take(SocketInput input, SimTime now)
    {
        switch (input)
        {
            case TcpConnectRequested when _connection is null && !Passive:
                _connection = New();
                _connection.Connect(now);
                break;
            case PacketArrived { Packet.Payload: TcpSegment syn } when _connection is null && Passive:
                _connection = TcpConnection.Accept(_options.Settings, syn, _iss, CongestionControlFactory.Create(_options.CongestionControl), this, now);
                Observe(_connection);
                break;
            case PacketArrived { Packet.Payload: TcpSegment seg } when _connection is not null:
                _connection.OnSegment(seg, now);
                break;
            case SocketTimerFired t when _connection is not null:
                _connection.OnTimer((TcpTimer)t.Timer, now);
                break;
            case TcpSendRequested s when _connection is not null:
                int accepted = s.Immutable ? _connection.SendImmutable(s.Data, now) : _connection.Send(s.Data, now);
                _turn!.Notify(new TcpSendAccepted(accepted, s.Data.Length));
                break;
            case TcpReadRequested r when _connection is not null:
                _turn!.Notify(Delivered(_connection.Read(r.MaxBytes, now), now));
                break;
            case TcpCloseRequested c when _connection is not null:
                switch (c.Kind)
                {
                    case TcpCloseKind.Shutdown: _connection.Shutdown(now); break;
                    case TcpCloseKind.Close: _connection.Close(now); break;
                    case TcpCloseKind.Abort: _connection.Abort(now); break;
                }
                break;
            default:
                throw new InvalidOperationException($"{Name}: cannot take {input} {(_connection is null ? "before it is opened" : "in " + _connection.State)}");
        }
    }

    private TcpDataRead Delivered(ReadOnlyMemory<byte> data, SimTime now)
    {
        if (data.Length > 0)
        {
            FirstDataAt ??= now;
            LastDataAt = now;
            BytesRead += data.Length;
        }
        return new TcpDataRead(data);
    }

    private TcpConnection New()
    {
        var c = new TcpConnection(_options.Settings, LocalPort, RemotePort, _iss, CongestionControlFactory.Create(_options.CongestionControl), this);
        Observe(c);
        return c;
    }

    private void Observe(TcpConnection c)
    {
        if (_options.RecordWindows) c.WindowObserver = WindowSamples;
    }

    void ITcpActions.Send(TcpSegment segment) => Turn.Send(Remote, Packet.DefaultTtl, segment);
    void ITcpActions.SetTimer(TcpTimer timer, SimTime deadline) => Turn.SetTimer((int)timer, deadline);
    void ITcpActions.CancelTimer(TcpTimer timer) => Turn.CancelTimer((int)timer);

    void ITcpActions.Notify(TcpEvent e)
    {
        _ = Turn;
        // With auto-read the bytes themselves follow in this turn; "data available" would only be noise.
        if (e == TcpEvent.DataAvailable && _options.AutoRead) return;
        _events.Add(e);
    }

    private ISocketActions Turn => _turn ?? throw new InvalidOperationException($"{Name}: the connection acted outside a turn");
}

/// <summary>How an app wants its TCP socket: settings (RFC knobs), the congestion-control algorithm, auto-read, window recording.</summary>
public sealed record TcpSocketOptions
{
    public static readonly TcpSocketOptions Default = new();

    public TcpSettings Settings { get; init; } = TcpSettings.Default;
    /// <summary>A name <see cref="CongestionControlFactory"/> knows: reno, newreno (default), cubic.</summary>
    public string CongestionControl { get; init; } = "newreno";
    /// <summary>Hand readable bytes to the app as they arrive (a sink); false: the app reads when it wants (a slow reader).</summary>
    public bool AutoRead { get; init; } = true;
    /// <summary>Keep every cwnd/ssthresh/window change (for the CSV and plots).</summary>
    public bool RecordWindows { get; init; } = true;
}
