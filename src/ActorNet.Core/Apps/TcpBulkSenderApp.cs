using System.Security.Cryptography;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Sockets;
using ActorNet.Core.Tcp;

namespace ActorNet.Core.Apps;

/// <summary>
/// A bulk TCP sender (iperf-like): connects, keeps the send buffer full with seeded random bytes,
/// and shuts its side down (FIN) after <see cref="TcpBulkAppSpec.Bytes"/>. One send request is
/// outstanding at a time; what the buffer does not take is offered again when it says writable.
/// </summary>
public sealed class TcpBulkSenderApp(TcpBulkAppSpec spec) : IApp
{
    /// <summary>Bytes offered per send request.</summary>
    public const int ChunkBytes = 64 * 1024;

    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private PatternSender _sender = new([]);
    private int _socket = -1;
    private bool _shutdown;
    private long? _connectedAt, _closedAt;
    private string _outcome = "open";
    private ushort _sourcePort;

    public string Name => spec.Name;

    public void Start(IAppContext ctx)
    {
        _sender = new PatternSender(PatternBytes.For(ctx.Random));
        _socket = ctx.ConnectTcp(spec.Target, spec.Port, new TcpSocketOptions { Settings = spec.Tcp.ToSettings(), CongestionControl = spec.Tcp.CongestionControl });
        _sourcePort = ctx.TcpLocalPort(_socket);
    }

    public void OnTimer(IAppContext ctx, long token) { }

    public void OnSocketNotice(IAppContext ctx, int socket, SocketNotice notice)
    {
        switch (notice)
        {
            case TcpStateNotice { Event: TcpEvent.Connected }:
                _connectedAt = ctx.Now.Nanoseconds;
                SendMore(ctx);
                break;
            case TcpSendAccepted a:
                if (_sender.Accepted(a, spec.Sha256 ? part => _sha.AppendData(part.Span) : null)) SendMore(ctx);   // else wait for Writable
                break;
            case TcpStateNotice { Event: TcpEvent.Writable }:
                SendMore(ctx);
                break;
            case TcpStateNotice { Event: TcpEvent.RemoteClosed }:
                break;   // the sink closes after our FIN; nothing more to read from it
            case TcpStateNotice { Event: TcpEvent.Closed }:
                _closedAt = ctx.Now.Nanoseconds;
                if (_outcome == "open") _outcome = "closed";
                break;
            case TcpStateNotice { Event: TcpEvent.Reset or TcpEvent.Refused or TcpEvent.TimedOut } e:
                _outcome = e.Event switch { TcpEvent.Reset => "reset", TcpEvent.Refused => "refused", _ => "timed-out" };
                break;
        }
    }

    private void SendMore(IAppContext ctx)
    {
        if (_sender.RequestOut || _shutdown || _outcome != "open") return;
        long left = spec.Bytes is { } total ? total - _sender.Given : long.MaxValue;
        if (left <= 0)
        {
            _shutdown = true;
            ctx.CloseTcp(_socket, TcpCloseKind.Close);
            return;
        }
        _sender.Offer(ctx, _socket, left);
    }

    public AppReport Report() => new TcpBulkReport
    {
        Name = spec.Name,
        Node = spec.Node,
        Target = spec.Target,
        Port = spec.Port,
        SourcePort = _sourcePort,
        CongestionControl = spec.Tcp.CongestionControl,
        BytesGiven = _sender.Given,
        BytesAsked = spec.Bytes,
        Sha256 = spec.Sha256 ? Convert.ToHexStringLower(_sha.GetCurrentHash()) : "",
        ConnectedAtNs = _connectedAt,
        ClosedAtNs = _closedAt,
        Outcome = _outcome,
    };
}
