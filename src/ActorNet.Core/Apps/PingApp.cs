using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;
using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Apps;

/// <summary>
/// ping: ICMP echo requests (RFC 792) with sequence numbers from 1, one per interval; the RTT of a
/// reply is its arrival time minus its request's send time. A reply after the timeout is lost.
/// </summary>
public sealed class PingApp(PingAppSpec spec) : IApp
{
    private readonly Dictionary<int, long> _sentAt = [];
    private readonly List<PingReply> _replies = [];
    private ushort _identifier;
    private int _sent;

    public string Name => spec.Name;

    public void Start(IAppContext ctx)
    {
        _identifier = ctx.AllocateEchoIdentifier();
        SendNext(ctx);
    }

    public void OnTimer(IAppContext ctx, long token) => SendNext(ctx);

    private void SendNext(IAppContext ctx)
    {
        int seq = ++_sent;
        _sentAt[seq] = ctx.Now.Nanoseconds;
        ctx.SendEchoRequest(spec.Target, _identifier, (ushort)seq, spec.DataBytes, spec.Ttl);
        if (_sent < spec.Count) ctx.SetTimer(ctx.Now + spec.Interval, _sent);
    }

    public void OnIcmp(IAppContext ctx, Packet packet, IcmpMessage message)
    {
        if (message.Kind != IcmpKind.EchoReply) return; // errors about our requests: the request is lost
        if (!_sentAt.Remove(message.Sequence, out long sentAt)) return; // a duplicate reply counts once
        long rtt = ctx.Now.Nanoseconds - sentAt;
        if (rtt > spec.Timeout.Nanoseconds) return;
        _replies.Add(new PingReply(message.Sequence, rtt, packet.Ttl));
    }

    public AppReport Report() => new PingReport { Name = spec.Name, Node = spec.Node, Target = spec.Target, Sent = _sent, Replies = _replies.ToList() };
}
