using ActorNet.Core.Scenarios;
using ActorNet.Core.Sockets;
using ActorNet.Core.Tcp;

namespace ActorNet.Core.Apps;

/// <summary>
/// The HTTP/1.1 server: for each accepted connection, reads the request head (<see cref="HttpRequest"/>), answers
/// <c>HTTP/1.1 200 OK</c> with a Content-Length and a body of the bytes asked for (a seeded pattern, handed over
/// without copies), and closes (<c>Connection: close</c>). A request it cannot read is answered with a RST.
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
                _open[a.Connection] = new Exchange();
                break;
            case TcpDataRead r when _open.TryGetValue(socket, out var x) && x.Sender is null:
                try
                {
                    // Bytes after the head are ignored: the request has no body, and it asked for Connection: close.
                    x.Request.Feed(r.Data.Span);
                    if (x.Request.Head is not { } head) break;
                    long asked = HttpRequest.Parse(head);
                    var responseHead = HttpResponse.Head(asked);
                    x.Sender = new PatternSender(_pattern, responseHead);
                    x.ResponseBytes = responseHead.Length + asked;
                }
                catch (FormatException)
                {
                    _badRequests++;
                    _open.Remove(socket);
                    ctx.CloseTcp(socket, TcpCloseKind.Abort);
                    break;
                }
                SendMore(ctx, socket, x);
                break;
            case TcpSendAccepted s when _open.TryGetValue(socket, out var x) && x.Sender is { } sender:
                long before = sender.PatternGiven;
                bool all = sender.Accepted(s);
                _bytesServed += sender.PatternGiven - before;
                if (all) SendMore(ctx, socket, x);
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
        if (x.Sender is not { } sender || sender.RequestOut || x.Done) return;
        long left = x.ResponseBytes - sender.Given;
        if (left <= 0)
        {
            x.Done = true;
            _served++;
            ctx.CloseTcp(socket, TcpCloseKind.Close);
            return;
        }
        sender.Offer(ctx, socket, left);
    }

    public AppReport Report() => new HttpServerReport { Name = spec.Name, Node = spec.Node, Port = spec.Port, Served = _served, BytesServed = _bytesServed, BadRequests = _badRequests };

    private sealed class Exchange
    {
        public HttpHeadReader Request { get; } = new();
        /// <summary>The response (head, then body) once the request is read.</summary>
        public PatternSender? Sender { get; set; }
        public long ResponseBytes { get; set; }
        public bool Done { get; set; }
    }
}
