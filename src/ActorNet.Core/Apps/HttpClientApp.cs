using ActorNet.Core.Scenarios;
using ActorNet.Core.Sockets;
using ActorNet.Core.Tcp;

namespace ActorNet.Core.Apps;

/// <summary>
/// The HTTP/1.1 client (request/response): one connection per GET (<c>Connection: close</c>). The response is
/// complete when its head (status line and header fields, however TCP split them) and Content-Length body bytes
/// have arrived (RFC 9112 §6.3); the next request starts the think time after that. The server closes the
/// connection after the response (RFC 9112 §9.6), and the client closes its side when that FIN arrives. Each
/// request's completion time runs from the connect call to the last body byte (what a page-load timer shows).
/// </summary>
public sealed class HttpClientApp(HttpClientAppSpec spec) : IApp
{
    private readonly List<HttpExchange> _done = [];
    private int _socket = -1, _issued;
    private long _startedAt;
    private string? _failure;
    private Response _response = new();

    public string Name => spec.Name;

    public void Start(IAppContext ctx) => Next(ctx);

    public void OnTimer(IAppContext ctx, long token) => Next(ctx);

    private void Next(IAppContext ctx)
    {
        if (_issued >= spec.Requests || _failure is not null) return;
        _issued++;
        _response = new Response();
        _startedAt = ctx.Now.Nanoseconds;
        _socket = ctx.ConnectTcp(spec.Target, spec.Port, new TcpSocketOptions { Settings = spec.Tcp.ToSettings(), CongestionControl = spec.Tcp.CongestionControl });
    }

    public void OnSocketNotice(IAppContext ctx, int socket, SocketNotice notice)
    {
        if (notice is TcpStateNotice { Event: TcpEvent.RemoteClosed })
        {
            // The server's close (an earlier request's connection too, when the next one began before its FIN came).
            if (socket == _socket && _failure is null && !_response.Complete)
                // RFC 9112 §8: a close before Content-Length bytes arrived leaves the response incomplete.
                _failure = $"request {_issued}: Truncated ({_response.Progress})";
            ctx.CloseTcp(socket, TcpCloseKind.Close);
            return;
        }
        if (socket != _socket || _failure is not null || _response.Complete) return;
        switch (notice)
        {
            case TcpStateNotice { Event: TcpEvent.Connected }:
                ctx.SendTcp(socket, HttpRequest.For(spec.ResponseBytes, spec.Target, spec.Port), immutable: true);
                break;
            case TcpDataRead r:
                if (_response.Take(r.Data.Span) is { } problem)
                {
                    _failure = $"request {_issued}: {problem}";
                    ctx.CloseTcp(socket, TcpCloseKind.Abort);
                }
                else if (_response.Complete)
                {
                    _done.Add(new HttpExchange(_issued, _startedAt, ctx.Now.Nanoseconds - _startedAt, _response.BodyBytes));
                    if (_issued < spec.Requests) ctx.SetTimer(ctx.Now + spec.ThinkTime, _issued);
                }
                break;
            case TcpStateNotice { Event: TcpEvent.Reset or TcpEvent.Refused or TcpEvent.TimedOut } e:
                _failure = $"request {_issued}: {e.Event}";
                break;
        }
    }

    public AppReport Report() => new HttpClientReport
    {
        Name = spec.Name,
        Node = spec.Node,
        Target = spec.Target,
        Port = spec.Port,
        Asked = spec.Requests,
        Exchanges = _done.ToList(),
        Failure = _failure,
    };

    /// <summary>One response being read: the head, then Content-Length body bytes.</summary>
    private sealed class Response
    {
        private readonly HttpHeadReader _head = new();
        public long? ContentLength { get; private set; }
        public long BodyBytes { get; private set; }
        public bool Complete => ContentLength is { } n && BodyBytes >= n;
        public string Progress => ContentLength is { } n
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{BodyBytes} of {n} body bytes")
            : "no complete response head";

        /// <summary>Takes a piece of the stream; returns a problem ("BadResponse: …") or null.</summary>
        public string? Take(ReadOnlySpan<byte> piece)
        {
            try
            {
                if (ContentLength is null)
                {
                    piece = piece[_head.Feed(piece)..];
                    if (_head.Head is not { } head) return null;
                    var (status, length) = HttpResponse.Parse(head);
                    if (status != 200) return $"BadResponse: status {status}";
                    ContentLength = length;
                }
                // Bytes past Content-Length would be a protocol error of the server; they are not counted.
                BodyBytes += Math.Min(piece.Length, ContentLength.Value - BodyBytes);
                return null;
            }
            catch (FormatException e)
            {
                return "BadResponse: " + e.Message;
            }
        }
    }
}
