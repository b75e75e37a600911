using System.Globalization;
using ActorNet.Core.Apps;
using ActorNet.Core.Network;
using ActorNet.Core.Packets;
using ActorNet.Core.Routing;
using ActorNet.Core.Sockets;
using ActorNet.Core.Tcp;
using ActorNet.Core.Time;
using ActorNet.Core.Tracing;

namespace ActorNet.Core.Inspection;

/// <summary>
/// Reads a <see cref="NodeState"/> from a node that is paused between two events (an engine ran it to
/// <c>at</c> and stopped). It only reads: no event, counter, trace record, random draw or timer changes, so
/// a run that goes on after an inspection is the run it would have been (InspectionSideEffectTests).
/// Under the actor engine a host's sockets belong to their actors, so call it only between windows.
/// </summary>
public static class NodeInspector
{
    public static NodeState Inspect(Node node, SimTime at)
    {
        ArgumentNullException.ThrowIfNull(node);
        var host = node as Host;
        var apps = host?.Apps ?? [];
        return new NodeState(
            node.Name,
            Lower(node.Kind.ToString()),
            at.Nanoseconds,
            node.Interfaces.Select(InterfaceOf).ToList(),
            RoutingOf(node),
            node.Interfaces.Select(PortOf).ToList(),
            host is null ? new SocketsState([], [], [], []) : SocketsOf(host, apps),
            apps.Select((a, i) => AppOf(i, a)).ToList(),
            CountersOf(node));
    }

    private static InterfaceState InterfaceOf(NetworkInterface i)
    {
        var link = i.Outgoing.Link;
        bool weAreA = link.AddressA == i.Address;
        return new InterfaceState(i.Index, i.Name, i.Address.ToString(), i.Subnet.ToString(), i.Outgoing.Mtu, link.Name,
            weAreA ? link.NodeB : link.NodeA, (weAreA ? link.AddressB : link.AddressA).ToString(),
            link.Rate.BitsPerSecond, link.Delay.Nanoseconds);
    }

    private static RoutingState RoutingOf(Node node)
    {
        var table = node.Routes;
        var own = table.Entries.Select(e => new RouteState(e.Prefix.ToString(), Lower(e.Origin.ToString()), e.Interface,
            InterfaceName(node, e.Interface), e.NextHop?.ToString())).ToList();
        // A computed route's next hop is the far end of the link it leaves by.
        var computed = table.ComputedRoutesInUse().Select(r => new RouteState(r.Subnet.ToString(), "computed", r.Interface,
            InterfaceName(node, r.Interface), PeerAddress(node, r.Interface))).ToList();
        return new RoutingState(own, table.ConsultsComputedRoutes, computed);
    }

    private static string InterfaceName(Node node, int iface) =>
        iface >= 0 && iface < node.Interfaces.Length ? node.Interfaces[iface].Name : "if" + iface.ToString(CultureInfo.InvariantCulture);

    private static string? PeerAddress(Node node, int iface)
    {
        if (iface < 0 || iface >= node.Interfaces.Length) return null;
        var i = node.Interfaces[iface];
        var link = i.Outgoing.Link;
        return (link.AddressA == i.Address ? link.AddressB : link.AddressA).ToString();
    }

    private static PortState PortOf(NetworkInterface i)
    {
        var port = i.Port;
        var queue = port.Queue;
        var waiting = new List<PacketState>(queue.Count);
        for (int k = 0; k < queue.Count; k++) waiting.Add(PacketOf(queue.PeekAt(k)));
        return new PortState(i.Index, i.Name, i.Outgoing.Link.Name, i.Outgoing.Rate.BitsPerSecond,
            queue.Limit.Packets, queue.Limit.Bytes, queue.Count, queue.Bytes,
            port.IsTransmitting, port.TransmittingUntil?.Nanoseconds, port.OnWire is { } w ? PacketOf(w) : null, waiting,
            queue.Enqueued, port.DroppedQueueFull, port.DroppedMtu, port.Transmitted, port.TransmittedBytes,
            queue.PeakPackets, queue.PeakBytes);
    }

    private static PacketState PacketOf(Packet p)
    {
        TcpHeaderState? tcp = p.Payload is TcpSegment s
            ? new TcpHeaderState(s.SourcePort, s.DestinationPort, s.Sequence.Value, s.Acknowledgment.Value, Flags(s), s.Data.Length,
                s.Window, s.Options.SackBlocks.Count)
            : null;
        return new PacketState(p.Id, p.Source.ToString(), p.Destination.ToString(), Lower(p.Protocol.ToString()), p.TotalLength, p.Ttl,
            p.Payload.ToString() ?? "", tcp);
    }

    /// <summary>tcpdump's letters: S F R P, then "." for ACK (as <see cref="TcpSegment.ToString"/> writes them).</summary>
    private static string Flags(TcpSegment s) => string.Concat(
        s.Has(TcpFlags.Syn) ? "S" : "", s.Has(TcpFlags.Fin) ? "F" : "", s.Has(TcpFlags.Rst) ? "R" : "",
        s.Has(TcpFlags.Psh) ? "P" : "", s.Has(TcpFlags.Ack) ? "." : "");

    private static SocketsState SocketsOf(Host host, IReadOnlyList<IApp> apps)
    {
        var udp = new List<UdpSocketState>();
        var echo = new List<EchoSocketState>();
        var listeners = new List<TcpListenerState>();
        var connections = new List<TcpConnectionState>();
        var sockets = host.Sockets;
        for (int s = 0; s < sockets.Count; s++)
        {
            string app = apps[host.AppOfSocket(s)].Name;
            switch (sockets[s])
            {
                case UdpSocket u: udp.Add(new UdpSocketState(s, app, u.LocalPort, u.DatagramsSent, u.DatagramsReceived)); break;
                case IcmpEchoSocket e: echo.Add(new EchoSocketState(s, app, e.Identifier)); break;
                case TcpListenSocket l: listeners.Add(new TcpListenerState(s, app, l.LocalPort, l.SynsAccepted)); break;
                case TcpSocket t: connections.Add(ConnectionOf(s, app, t)); break;
                default: throw new InvalidOperationException($"host {host.Name}: socket {s} is a {sockets[s].GetType().Name}, which inspection does not know");
            }
        }
        return new SocketsState(udp, echo, listeners, connections);
    }

    private static TcpConnectionState ConnectionOf(int socket, string app, TcpSocket t)
    {
        var c = t.Connection;
        return new TcpConnectionState(socket, app, Endpoint(t.Local.ToString(), t.LocalPort), Endpoint(t.Remote.ToString(), t.RemotePort),
            t.Passive, (c?.State ?? TcpState.Closed).ToRfcName(), c?.CongestionControlName ?? t.CongestionControlName,
            t.OpenedAt?.Nanoseconds, t.EstablishedAt?.Nanoseconds, c is null ? null : TcbOf(c));
    }

    /// <summary>"10.0.1.1:5001", or "[2001:db8::1]:5001" for IPv6 (RFC 5952 §6).</summary>
    private static string Endpoint(string address, ushort port) =>
        (address.Contains(':') ? "[" + address + "]" : address) + ":" + port.ToString(CultureInfo.InvariantCulture);

    private static TcpControlBlockState TcbOf(TcpConnection c)
    {
        var rtt = c.RttEstimator;
        var stats = c.Statistics;
        var board = c.Scoreboard;
        var timers = Enum.GetValues<TcpTimer>()
            .Select(k => (Timer: k, Deadline: c.TimerDeadline(k)))
            .Where(x => x.Deadline is not null)
            .Select(x => new TimerState(Kebab(x.Timer.ToString()), x.Deadline!.Value.Nanoseconds))
            .ToList();
        return new TcpControlBlockState(
            c.Iss.Value, c.Irs.Value, c.SndUna.Value, c.SndNxt.Value, c.SndMax.Value, c.SndWnd, c.RcvNxt.Value, c.RcvWnd,
            c.EffectiveMss, c.SendWindowShift, c.ReceiveWindowShift,
            c.Cwnd, c.Ssthresh == long.MaxValue ? null : c.Ssthresh, c.Cwnd < c.Ssthresh, c.InFastRecovery, c.SndMax - c.SndUna,
            rtt.Srtt?.Nanoseconds, rtt.RttVar.Nanoseconds, c.Rto.Nanoseconds, rtt.Backoffs, c.ConsecutiveTimeouts,
            c.SendBufferUsed, c.SendBufferFree, c.BytesReadable, c.OutOfOrderBytes,
            c.DuplicateAcks, stats.DuplicateAcksReceived,
            c.SackPermitted, board?.SackedRanges.Count, board?.SackedBytes,
            stats.SegmentsSent, stats.SegmentsReceived, stats.BytesSent, stats.BytesAcked, stats.BytesReceived,
            stats.BytesRetransmitted, stats.FastRetransmissions, stats.TimeoutRetransmissions, stats.RetransmissionTimeouts,
            stats.FastRecoveries, timers);
    }

    /// <summary>An app with the counters its report exposes (reports are built from the app's fields, without changing them).</summary>
    private static AppState AppOf(int index, IApp app)
    {
        var report = app.Report();
        var counters = new List<AppCounter>();
        void Add(string name, object? value)
        {
            if (value is not null) counters.Add(new AppCounter(name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
        }
        switch (report)
        {
            case PingReport r:
                Add("target", r.Target); Add("sent", r.Sent); Add("received", r.Received); Add("lost", r.Lost);
                break;
            case TracerouteReport r:
                Add("target", r.Target); Add("hops", r.Hops.Count); Add("reached", r.Reached ? "yes" : "no");
                break;
            case UdpSenderReport r:
                Add("target", r.Target); Add("port", r.Port); Add("source-port", r.SourcePort); Add("sent", r.Sent);
                Add("sent-bytes", r.SentBytes); Add("refused-locally", r.RefusedLocally);
                break;
            case UdpSinkReport r:
                Add("port", r.Port); Add("received", r.Received); Add("received-bytes", r.ReceivedBytes); Add("data-bytes", r.DataBytes);
                Add("flows", r.Flows.Count);
                break;
            case TcpBulkReport r:
                Add("target", r.Target); Add("port", r.Port); Add("source-port", r.SourcePort); Add("congestion-control", r.CongestionControl);
                Add("bytes-given", r.BytesGiven); Add("bytes-asked", r.BytesAsked); Add("outcome", r.Outcome);
                break;
            case TcpSinkReport r:
                Add("port", r.Port); Add("connections", r.Flows.Count); Add("bytes-read", r.Flows.Sum(f => f.Bytes));
                break;
            case HttpClientReport r:
                Add("target", r.Target); Add("port", r.Port); Add("requests", r.Asked); Add("completed", r.Exchanges.Count);
                Add("failure", r.Failure);
                break;
            case HttpServerReport r:
                Add("port", r.Port); Add("served", r.Served); Add("bytes-served", r.BytesServed); Add("bad-requests", r.BadRequests);
                break;
        }
        return new AppState(index, app.Name, report.Type, counters);
    }

    private static NodeCounters CountersOf(Node node) => new(
        node.EventsHandled, node.Received, node.Forwarded, node.Delivered, node.Originated,
        Enum.GetValues<DropReason>().Where(r => r != DropReason.None).Select(r => new DropCount(Kebab(r.ToString()), node.Drops(r))).ToList());

    private static string Lower(string s) => s.ToLowerInvariant();

    /// <summary>"QueueFull" → "queue-full", as summary.json names drop reasons.</summary>
    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}
