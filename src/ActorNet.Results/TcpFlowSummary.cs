using ActorNet.Core.Network;
using ActorNet.Core.Sockets;
using ActorNet.Core.Tcp;

namespace ActorNet.Results;

/// <summary>
/// One TCP connection of a run, from its client (the active opener) and, when it is in the same run,
/// its server. The "sender" is the end that sent more data; its counters give the retransmissions and
/// RTT, the other end's reading gives the goodput: bytes the receiving app read × 8 / (time of its last
/// read − time the client opened the connection).
/// </summary>
public sealed record TcpFlowSummary(
    string Flow,
    string ClientNode,
    string Client,
    string ServerNode,
    string Server,
    string CongestionControl,
    string ClientState,
    string? ServerState,
    long OpenedAtNs,
    long? EstablishedAtNs,
    long ClientToServerBytes,
    long ServerToClientBytes,
    long? LastDataAtNs,
    double GoodputBps,
    long SegmentsSent,
    long BytesRetransmitted,
    long FastRetransmissions,
    long TimeoutRetransmissions,
    long RetransmissionTimeouts,
    long FastRecoveries,
    long WindowProbes,
    long DuplicateSegmentsDiscarded,
    long RttSamples,
    long? RttMinNs,
    long? RttMeanNs,
    long? RttMaxNs)
{
    /// <summary>The flows of a finished run (every client socket that opened), in host then socket order.</summary>
    public static IReadOnlyList<TcpFlowSummary> Collect(NetworkModel network)
    {
        var servers = network.Nodes.OfType<Host>()
            .SelectMany(h => h.Sockets.OfType<TcpSocket>().Where(s => s.Passive).Select(s => (Host: h, Socket: s)))
            .ToLookup(x => (x.Socket.Remote, x.Socket.RemotePort, x.Socket.Local, x.Socket.LocalPort));
        var flows = new List<TcpFlowSummary>();
        foreach (var host in network.Nodes.OfType<Host>())
        {
            foreach (var client in host.Sockets.OfType<TcpSocket>().Where(s => !s.Passive && s.Connection is not null))
            {
                // The last server socket for the four-tuple (a reused tuple after TIME-WAIT is a new connection).
                var server = servers[(client.Local, client.LocalPort, client.Remote, client.RemotePort)].LastOrDefault();
                var c = client.Connection!;
                var s = server.Socket?.Connection;
                long up = server.Socket?.BytesRead ?? 0, down = client.BytesRead;
                bool clientSends = up >= down;
                var sender = clientSends ? c : s ?? c;
                var receiver = clientSends ? server.Socket : client;
                var stats = sender.Statistics;
                long? last = receiver?.LastDataAt?.Nanoseconds;
                long opened = client.OpenedAt?.Nanoseconds ?? 0;
                long read = clientSends ? up : down;
                flows.Add(new TcpFlowSummary(
                    client.FlowName(host.Name),
                    host.Name, $"{client.Local}:{client.LocalPort}",
                    server.Host?.Name ?? "", $"{client.Remote}:{client.RemotePort}",
                    client.CongestionControlName, Kebab(c.State), s is null ? null : Kebab(s.State),
                    opened, client.EstablishedAt?.Nanoseconds, up, down, last,
                    last is { } l && l > opened ? read * 8.0 * 1e9 / (l - opened) : 0,
                    stats.SegmentsSent, stats.BytesRetransmitted, stats.FastRetransmissions, stats.TimeoutRetransmissions,
                    stats.RetransmissionTimeouts, stats.FastRecoveries, stats.WindowProbes,
                    (receiver?.Connection?.Statistics.DuplicateSegments) ?? 0,
                    stats.RttSamples,
                    stats.RttSamples > 0 ? stats.RttMin.Nanoseconds : null,
                    stats.RttSamples > 0 ? stats.RttMean.Nanoseconds : null,
                    stats.RttSamples > 0 ? stats.RttMax.Nanoseconds : null));
            }
        }
        return flows;
    }

    private static string Kebab(TcpState state) => SummaryBuilder.ToKebab(state.ToString());
}
