using ActorNet.Core.Scenarios;
using ActorNet.Core.Sockets;
using ActorNet.Core.Tcp;

namespace ActorNet.Core.Apps;

/// <summary>
/// The HTTP-like server: for each accepted connection, reads the GET, sends the bytes it asks for
/// (a seeded pattern, handed over without copies) and closes (HTTP/1.0: the close ends the response).
/// </summary>
public sealed class HttpServerApp(HttpServerAppSpec spec) : IApp
{
    private readonly Dictionary<int, Exchange> _open = [];
    private byte[] _pattern = [];
    private long _served, _bytesServed, _badRequests;

    public string Name => spec.Name;

    public void Start(IAppContext ctx)
    {
        _pattern = PatternBytes.For(ctx.Random);
        // Like most web servers, TCP_NODELAY unless the scenario asks for Nagle: with Nagle, the response's last
        // partial segment waits for the client's delayed ACK (up to 200 ms) before it and the FIN go out.
        var settings = spec.Tcp.ToSettings() with { Nagle = spec.Tcp.Nagle ?? false };
        if (ctx.ListenTcp(spec.Port, new TcpSocketOptions { Settings = settings, CongestionControl = spec.Tcp.CongestionControl }) < 0)
            throw new InvalidOperationException($"app {spec.Name} on {spec.Node}: TCP port {spec.Port} is already in use");
    }

    public void OnTimer(IAppContext ctx, long token) { }

    public void OnSocketNotice(IAppContext ctx, int socket, SocketNotice notice)
    {
        switch (notice)
        {
            case TcpAccepted a:
                _open[a.Connection] = new Exchange(new PatternSender(_pattern));
                break;
            case TcpDataRead r when _open.TryGetValue(socket, out var x) && x.Asked is null:
                x.Request.AddRange(r.Data.Span);
                long? asked;
                try
                {
                    asked = HttpRequest.TryParse(x.Request.ToArray());
                }
                catch (FormatException)
                {
                    _badRequests++;
                    ctx.CloseTcp(socket, TcpCloseKind.Abort);
                    break;
                }
                if (asked is { } n)
                {
                    x.Asked = n;
                    SendMore(ctx, socket, x);
                }
                break;
            case TcpSendAccepted s when _open.TryGetValue(socket, out var x):
                _bytesServed += s.Bytes;
                if (x.Sender.Accepted(s)) SendMore(ctx, socket, x);
                break;
            case TcpStateNotice { Event: TcpEvent.Writable } when _open.TryGetValue(socket, out var x):
                SendMore(ctx, socket, x);
                break;
            case TcpStateNotice { Event: TcpEvent.Closed or TcpEvent.Reset or TcpEvent.TimedOut }:
                _open.Remove(socket);
                break;
        }
    }

    private void SendMore(IAppContext ctx, int socket, Exchange x)
    {
        if (x.Sender.RequestOut || x.Done || x.Asked is not { } asked) return;
        long left = asked - x.Sender.Given;
        if (left <= 0)
        {
            x.Done = true;
            _served++;
            ctx.CloseTcp(socket, TcpCloseKind.Close);
            return;
        }
        x.Sender.Offer(ctx, socket, left);
    }

    public AppReport Report() => new HttpServerReport { Name = spec.Name, Node = spec.Node, Port = spec.Port, Served = _served, BytesServed = _bytesServed, BadRequests = _badRequests };

    private sealed class Exchange(PatternSender sender)
    {
        public List<byte> Request { get; } = [];
        public long? Asked { get; set; }
        public PatternSender Sender { get; } = sender;
        public bool Done { get; set; }
    }
}
