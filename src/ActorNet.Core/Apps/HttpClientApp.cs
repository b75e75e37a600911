using ActorNet.Core.Scenarios;
using ActorNet.Core.Sockets;
using ActorNet.Core.Tcp;

namespace ActorNet.Core.Apps;

/// <summary>
/// The HTTP-like client (request/response): one connection per GET, the response read to the
/// server's close, then think time and the next. Each request's completion time runs from the
/// connect call to the last response byte (what a page-load timer shows).
/// </summary>
public sealed class HttpClientApp(HttpClientAppSpec spec) : IApp
{
    private readonly List<HttpExchange> _done = [];
    private int _socket = -1, _issued;
    private long _startedAt, _received;
    private string? _failure;

    public string Name => spec.Name;

    public void Start(IAppContext ctx) => Next(ctx);

    public void OnTimer(IAppContext ctx, long token) => Next(ctx);

    private void Next(IAppContext ctx)
    {
        if (_issued >= spec.Requests) return;
        _issued++;
        _received = 0;
        _startedAt = ctx.Now.Nanoseconds;
        _socket = ctx.ConnectTcp(spec.Target, spec.Port, new TcpSocketOptions { Settings = spec.Tcp.ToSettings(), CongestionControl = spec.Tcp.CongestionControl });
    }

    public void OnSocketNotice(IAppContext ctx, int socket, SocketNotice notice)
    {
        if (socket != _socket) return;
        switch (notice)
        {
            case TcpStateNotice { Event: TcpEvent.Connected }:
                ctx.SendTcp(socket, HttpRequest.For(spec.ResponseBytes), immutable: true);
                break;
            case TcpDataRead r:
                _received += r.Data.Length;
                break;
            case TcpStateNotice { Event: TcpEvent.RemoteClosed }:
                // The server's close ends the response (HTTP/1.0).
                _done.Add(new HttpExchange(_issued, _startedAt, ctx.Now.Nanoseconds - _startedAt, _received));
                ctx.CloseTcp(socket, TcpCloseKind.Close);
                if (_issued < spec.Requests) ctx.SetTimer(ctx.Now + spec.ThinkTime, _issued);
                break;
            case TcpStateNotice { Event: TcpEvent.Reset or TcpEvent.Refused or TcpEvent.TimedOut } e:
                _failure ??= $"request {_issued}: {e.Event}";
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
}
