using System.Security.Cryptography;
using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Sockets;
using ActorNet.Core.Tcp;

namespace ActorNet.Core.Apps;

/// <summary>
/// A TCP sink: listens, reads every accepted connection to its end and closes when the peer has
/// (so both FINs flow). By default it reads whatever arrives at once (auto-read); with a read rate
/// it is a slow reader (S7) that reads rate × interval bytes per connection every interval, so the
/// receive buffer fills and the advertised window closes (RFC 9293 §3.8.6.2).
/// </summary>
public sealed class TcpSinkApp(TcpSinkAppSpec spec) : IApp
{
    private readonly Dictionary<int, Flow> _flows = [];
    private readonly List<int> _order = [];
    private int _listener = -1;

    public string Name => spec.Name;

    private bool SlowReader => spec.ReadRate is not null;

    private int BytesPerRead => spec.ReadRate is { } rate
        ? (int)Math.Max(1, rate.BitsPerSecond / 8 * spec.ReadInterval.Nanoseconds / 1_000_000_000)
        : 0;

    public void Start(IAppContext ctx)
    {
        _listener = ctx.ListenTcp(spec.Port, new TcpSocketOptions { Settings = spec.Tcp.ToSettings(), CongestionControl = spec.Tcp.CongestionControl, AutoRead = !SlowReader });
        if (_listener < 0) throw new InvalidOperationException($"app {spec.Name} on {spec.Node}: TCP port {spec.Port} is already in use");
        if (SlowReader) ctx.SetTimer(ctx.Now + spec.ReadInterval, 0);
    }

    public void OnTimer(IAppContext ctx, long token)
    {
        // The slow reader: one read per open connection per interval.
        foreach (int c in _order)
            if (_flows[c] is { Done: false } f && !f.ReadOut)
            {
                f.ReadOut = true;
                ctx.ReadTcp(c, BytesPerRead);
            }
        ctx.SetTimer(ctx.Now + spec.ReadInterval, token + 1);
    }

    public void OnSocketNotice(IAppContext ctx, int socket, SocketNotice notice)
    {
        switch (notice)
        {
            case TcpAccepted a:
                _flows[a.Connection] = new Flow(a.Remote, a.RemotePort);
                _order.Add(a.Connection);
                break;
            case TcpDataRead r when _flows.TryGetValue(socket, out var f):
                f.ReadOut = false;
                if (r.Data.Length > 0)
                {
                    f.Bytes += r.Data.Length;
                    if (spec.Sha256) f.Sha.AppendData(r.Data.Span);
                    f.First ??= ctx.Now.Nanoseconds;
                    f.Last = ctx.Now.Nanoseconds;
                }
                // A slow reader knows the stream is drained when a read after the FIN comes back short.
                if (SlowReader && f.RemoteClosed && r.Data.Length < BytesPerRead) Close(ctx, socket, f);
                break;
            case TcpStateNotice { Event: TcpEvent.RemoteClosed } when _flows.TryGetValue(socket, out var f):
                f.RemoteClosed = true;
                // Auto-read hands over every byte before it tells of the FIN, so the stream is complete.
                if (!SlowReader) Close(ctx, socket, f);
                break;
            case TcpStateNotice { Event: TcpEvent.Closed } when _flows.TryGetValue(socket, out var f):
                f.Done = true;
                if (f.Outcome == "open") f.Outcome = "closed";
                break;
            case TcpStateNotice { Event: TcpEvent.Reset or TcpEvent.TimedOut } e when _flows.TryGetValue(socket, out var f):
                f.Outcome = e.Event == TcpEvent.Reset ? "reset" : "timed-out";
                break;
        }
    }

    /// <summary>The peer's FIN came and every byte before it was read: close our side (our FIN).</summary>
    private static void Close(IAppContext ctx, int socket, Flow f)
    {
        if (f.CloseSent) return;
        f.CloseSent = true;
        f.Done = true;
        ctx.CloseTcp(socket, TcpCloseKind.Close);
    }

    public AppReport Report() => new TcpSinkReport
    {
        Name = spec.Name,
        Node = spec.Node,
        Port = spec.Port,
        Flows = _order.Select(c => _flows[c]).Select(f => new TcpSinkFlow(f.Remote, f.RemotePort, f.Bytes,
            spec.Sha256 ? Convert.ToHexStringLower(f.Sha.GetCurrentHash()) : "", f.First, f.Last, f.RemoteClosed, f.Outcome)).ToList(),
    };

    private sealed class Flow(IpAddress remote, ushort remotePort)
    {
        public IpAddress Remote { get; } = remote;
        public ushort RemotePort { get; } = remotePort;
        public IncrementalHash Sha { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        public long Bytes { get; set; }
        public long? First { get; set; }
        public long? Last { get; set; }
        public bool RemoteClosed { get; set; }
        public bool CloseSent { get; set; }
        public bool ReadOut { get; set; }
        public bool Done { get; set; }
        public string Outcome { get; set; } = "open";
    }
}
