using ActorNet.Core.Packets;
using ActorNet.Core.Tcp;
using ActorNet.Core.Tcp.Congestion;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp.Harness;

/// <summary>
/// One end of a test connection playing host and application: it owns the TcpConnection, turns
/// its actions into loop events (timers, wire transmissions), answers for a closed port, and runs
/// a simple app (send a byte array, read what arrives, shut down). App reactions run as separate
/// events at the same time, never inside the connection's call.
/// </summary>
internal sealed class Endpoint(SimLoop loop, string name) : ITcpActions
{
    public string Name { get; } = name;
    public TcpConnection? Conn { get; set; }
    public Wire? Out { get; set; }
    public Endpoint? Peer { get; set; }

    /// <summary>Set to accept a SYN when <see cref="Conn"/> is null (a listening socket).</summary>
    public Func<TcpSegment, TcpConnection>? Listener { get; set; }

    public List<(SimTime At, TcpEvent Event)> Events { get; } = [];
    public List<(SimTime At, TcpTimer Timer, SimTime? Deadline)> TimerLog { get; } = [];
    public List<byte> Received { get; } = [];
    /// <summary>Every state the connection was seen in after a call this endpoint made, in order.</summary>
    public List<TcpState> States { get; } = [];

    /// <summary>Called after every call this endpoint makes into its connection (segment, timer, app), with the connection.</summary>
    public Action<TcpConnection>? AfterEachCall { get; set; }

    private void Track()
    {
        if (Conn is not { } c) return;
        if (States.Count == 0 || States[^1] != c.State) States.Add(c.State);
        AfterEachCall?.Invoke(c);
    }

    // The app.
    public byte[] ToSend { get; set; } = [];
    public int SentOffset { get; private set; }
    public bool ShutdownWhenSent { get; set; }
    public bool CloseOnRemoteClosed { get; set; } = true;
    public bool AutoRead { get; set; } = true;
    /// <summary>Largest number of bytes buffered unread at any time (the receive buffer's bound).</summary>
    public int PeakReadable { get; private set; }

    /// <summary>A slow reader (S7): from now on, read at most <paramref name="bytes"/> every <paramref name="period"/>.</summary>
    public void ReadPeriodically(int bytes, SimTime period)
    {
        AutoRead = false;
        void Tick()
        {
            if (Conn is { } c && c.State != TcpState.Closed)
            {
                var chunk = c.Read(bytes, loop.Now);
                Received.AddRange(chunk);
                if (c.State == TcpState.CloseWait && c.BytesReadable == 0 && CloseOnRemoteClosed) c.Close(loop.Now);
                Track();
            }
            if (Conn is null || Conn.State != TcpState.Closed) loop.At(loop.Now + period, Tick);
        }
        loop.At(loop.Now + period, Tick);
    }

    public bool Has(TcpEvent e) => Events.Any(x => x.Event == e);
    public SimTime? FirstTime(TcpEvent e) => Events.Where(x => x.Event == e).Select(x => (SimTime?)x.At).FirstOrDefault();

    public void Deliver(TcpSegment seg)
    {
        if (Conn is null || Conn.State == TcpState.Closed && Has(TcpEvent.Closed))
        {
            if (Conn is null && Listener is not null && seg.Has(TcpFlags.Syn) && !seg.Has(TcpFlags.Ack) && !seg.Has(TcpFlags.Rst))
            {
                Conn = Listener(seg);
                Track();
                return;
            }
            // No connection: the host answers as a closed port (RFC 9293 §3.10.7.1).
            if (TcpReset.ForClosedPort(seg) is { } rst) Send(rst);
            return;
        }
        Conn.OnSegment(seg, loop.Now);
        PeakReadable = Math.Max(PeakReadable, Conn.BytesReadable);
        Track();
    }

    public void Send(TcpSegment segment)
    {
        var peer = Peer ?? throw new InvalidOperationException("no peer");
        (Out ?? throw new InvalidOperationException("no wire")).Transmit(segment, peer.Deliver);
    }

    public void SetTimer(TcpTimer timer, SimTime deadline)
    {
        TimerLog.Add((loop.Now, timer, deadline));
        loop.At(deadline, () =>
        {
            Conn?.OnTimer(timer, loop.Now);
            Track();
        });
    }

    public void CancelTimer(TcpTimer timer) => TimerLog.Add((loop.Now, timer, null));

    public void Notify(TcpEvent e)
    {
        Events.Add((loop.Now, e));
        loop.At(loop.Now, () => React(e));
    }

    private void React(TcpEvent e)
    {
        var c = Conn!;
        switch (e)
        {
            case TcpEvent.Connected or TcpEvent.Writable:
                Push();
                break;
            case TcpEvent.DataAvailable when AutoRead:
                ReadAll();
                break;
            case TcpEvent.RemoteClosed:
                if (AutoRead) ReadAll();
                if (c.BytesReadable > 0) break; // a slow reader closes after its last read
                if (CloseOnRemoteClosed && c.State == TcpState.CloseWait && (SentOffset == ToSend.Length || !ShutdownWhenSent)) c.Close(loop.Now);
                break;
        }
        Track();
    }

    public void ReadAll()
    {
        var c = Conn!;
        Span<byte> buffer = stackalloc byte[4096];
        int n;
        while ((n = c.Receive(buffer, loop.Now)) > 0) Received.AddRange(buffer[..n].ToArray());
    }

    /// <summary>Hand the app's bytes to the connection as the buffer allows; shut down after the last.</summary>
    public void Push()
    {
        var c = Conn!;
        if (c.State is not (TcpState.Established or TcpState.CloseWait)) return;
        while (SentOffset < ToSend.Length)
        {
            int n = c.Send(ToSend.AsSpan(SentOffset), loop.Now);
            if (n == 0) return;
            SentOffset += n;
        }
        if (ShutdownWhenSent) c.Shutdown(loop.Now);
    }

    public static Func<TcpSegment, TcpConnection> ListenerFor(Endpoint server, SimLoop loop, TcpSettings settings, uint iss, Func<ICongestionControl> cc) =>
        syn => TcpConnection.Accept(settings, syn, new SequenceNumber(iss), cc(), server, loop.Now);
}
