using System.Globalization;
using System.Text;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Inspection;

/// <summary>
/// <see cref="NodeState"/> as plain text for a reader at a terminal: one heading per section, tables with
/// aligned columns, at most <see cref="MaxPacketsShown"/> waiting packets per port ("... and N more"),
/// times as <see cref="SimTime"/> prints them (5ms, 2.0451s), sequence numbers raw and relative to the
/// ISS/IRS as Wireshark shows them. Invariant culture throughout, "\n" line ends.
/// </summary>
public static class NodeStateText
{
    public const int MaxPacketsShown = 20;

    /// <summary>Section headings, in the order they appear.</summary>
    public const string InterfacesHeading = "Interfaces";
    public const string RoutingHeading = "Routing table";
    public const string PortsHeading = "Output ports";
    public const string SocketsHeading = "Sockets";
    public const string TcpHeading = "TCP connections";
    public const string AppsHeading = "Apps";
    public const string CountersHeading = "Counters";

    public static string Render(NodeState s, int maxPacketsShown = MaxPacketsShown)
    {
        ArgumentNullException.ThrowIfNull(s);
        var w = new StringBuilder();
        w.Append(Inv($"Node {s.Name} ({s.Kind}) at {Time(s.AtNs)}\n"));
        Interfaces(w, s);
        Routing(w, s.Routing);
        Ports(w, s, maxPacketsShown);
        Sockets(w, s);
        Tcp(w, s.Sockets.TcpConnections);
        Apps(w, s.Apps);
        Counters(w, s.Counters);
        return w.ToString();
    }

    private static void Heading(StringBuilder w, string heading) => w.Append('\n').Append(heading).Append('\n');

    private static void Interfaces(StringBuilder w, NodeState s)
    {
        Heading(w, InterfacesHeading);
        if (s.Interfaces.Count == 0) { w.Append("  (none)\n"); return; }
        var t = new Table("#", "name", "address", "subnet", "mtu", "link", "peer", "rate", "delay");
        foreach (var i in s.Interfaces)
            t.Row(Num(i.Index), i.Name, i.Address, i.Subnet, Num(i.Mtu), i.Link, i.Peer + " " + i.PeerAddress, Rate(i.RateBitsPerSecond), Time(i.DelayNs));
        t.WriteTo(w);
    }

    private static void Routing(StringBuilder w, RoutingState r)
    {
        Heading(w, RoutingHeading);
        w.Append("  own routes (connected, static, default):\n");
        RouteTable(w, r.Routes);
        if (!r.ConsultsComputedRoutes)
        {
            w.Append("  shared computed routes: not consulted (this node has only its own routes)\n");
            return;
        }
        w.Append("  shared computed routes (consulted too: the longer prefix wins, the own route on a tie):\n");
        RouteTable(w, r.Computed);
    }

    private static void RouteTable(StringBuilder w, IReadOnlyList<RouteState> routes)
    {
        if (routes.Count == 0) { w.Append("    (none)\n"); return; }
        var t = new Table("prefix", "next hop", "interface", "origin") { Indent = "    " };
        foreach (var r in routes) t.Row(r.Prefix, r.NextHop ?? "on-link", r.InterfaceName, r.Origin);
        t.WriteTo(w);
    }

    private static void Ports(StringBuilder w, NodeState s, int maxShown)
    {
        Heading(w, PortsHeading);
        if (s.Ports.Count == 0) { w.Append("  (none)\n"); return; }
        foreach (var p in s.Ports)
        {
            string peer = s.Interfaces.FirstOrDefault(i => i.Index == p.Interface)?.Peer ?? "?";
            w.Append(Inv($"  {p.InterfaceName} -> {peer} (link {p.Link}, {Rate(p.RateBitsPerSecond)})\n"));
            w.Append(Inv($"    queue        {p.QueuedPackets} packets, {p.QueuedBytes} B waiting; limit {Limit(p.LimitPackets, p.LimitBytes)}\n"));
            w.Append(p.Transmitting
                ? Inv($"    transmitter  busy until {Time(p.TransmittingUntilNs ?? 0)}, sending {Brief(p.OnWire)}\n")
                : "    transmitter  idle\n");
            w.Append(Inv($"    counters     enqueued {p.Enqueued}, dropped (queue full) {p.DroppedQueueFull}, dropped (MTU) {p.DroppedMtu}, "))
             .Append(Inv($"transmitted {p.Transmitted} ({p.TransmittedBytes} B), peak {p.PeakPackets} packets / {p.PeakBytes} B\n"));
            if (p.Waiting.Count == 0) continue;
            w.Append("    waiting, head first:\n");
            var t = new Table("id", "source -> destination", "proto", "size", "seq", "ack", "flags", "len", "detail") { Indent = "      " };
            foreach (var q in p.Waiting.Take(maxShown))
            {
                if (q.Tcp is { } h)
                    t.Row(Num(q.Id), $"{q.Source}:{Num(h.SourcePort)} -> {q.Destination}:{Num(h.DestinationPort)}", q.Protocol, Num(q.SizeBytes),
                        Num(h.Seq), Num(h.Ack), h.Flags, Num(h.Length), h.SackBlocks > 0 ? Inv($"{h.SackBlocks} SACK blocks") : "");
                else
                    t.Row(Num(q.Id), $"{q.Source} -> {q.Destination}", q.Protocol, Num(q.SizeBytes), "", "", "", "", q.Detail);
            }
            t.WriteTo(w);
            if (p.Waiting.Count > maxShown) w.Append(Inv($"      ... and {p.Waiting.Count - maxShown} more\n"));
        }
    }

    private static string Brief(PacketState? p) => p is null ? "?" : Inv($"#{p.Id} {p.Source} -> {p.Destination} {p.Detail} ({p.SizeBytes} B)");

    private static string Limit(int packets, long bytes) =>
        packets > 0 && bytes > 0 ? Inv($"{packets} packets and {bytes} B")
        : packets > 0 ? Inv($"{packets} packets")
        : bytes > 0 ? Inv($"{bytes} B")
        : "none";

    private static void Sockets(StringBuilder w, NodeState s)
    {
        Heading(w, SocketsHeading);
        var k = s.Sockets;
        if (k.Udp.Count + k.IcmpEcho.Count + k.TcpListeners.Count + k.TcpConnections.Count == 0)
        {
            w.Append(s.Kind == "router" ? "  (none: a router has no sockets)\n" : "  (none)\n");
            return;
        }
        var t = new Table("socket", "kind", "app", "local", "remote", "state / counters");
        foreach (var u in k.Udp)
            t.Row(Num(u.Socket), "udp", u.App, Inv($"port {u.LocalPort}"), "", Inv($"sent {u.DatagramsSent}, received {u.DatagramsReceived} datagrams"));
        foreach (var e in k.IcmpEcho)
            t.Row(Num(e.Socket), "icmp-echo", e.App, Inv($"id {e.Identifier}"), "", "");
        foreach (var l in k.TcpListeners)
            t.Row(Num(l.Socket), "tcp-listen", l.App, Inv($"port {l.LocalPort}"), "", Inv($"LISTEN, {l.SynsAccepted} SYNs accepted (no backlog is modelled)"));
        foreach (var c in k.TcpConnections)
            t.Row(Num(c.Socket), "tcp", c.App, c.Local, c.Remote, c.State);
        t.WriteTo(w);
    }

    private static void Tcp(StringBuilder w, IReadOnlyList<TcpConnectionState> connections)
    {
        Heading(w, TcpHeading);
        if (connections.Count == 0) { w.Append("  (none)\n"); return; }
        foreach (var c in connections)
        {
            w.Append(Inv($"  socket {c.Socket} ({c.App}): {c.Local} -> {c.Remote}, {c.State}, {c.CongestionControl}, {(c.Passive ? "passive" : "active")} open"));
            if (c.EstablishedAtNs is { } est) w.Append(Inv($", established at {Time(est)}"));
            w.Append('\n');
            if (c.Tcb is not { } b) { w.Append("    (not opened yet)\n"); continue; }
            var t = new Table("", "") { Indent = "    ", Header = false };
            t.Row("ISS / IRS", Inv($"{b.Iss} / {b.Irs}"));
            t.Row("SND.UNA", Seq(b.SndUna, b.Iss, "ISS"));
            t.Row("SND.NXT", Seq(b.SndNxt, b.Iss, "ISS") + (b.SndMax != b.SndNxt ? "   SND.MAX " + Seq(b.SndMax, b.Iss, "ISS") : ""));
            t.Row("SND.WND", Inv($"{b.SndWnd} B (scale shift {b.SendWindowShift})"));
            t.Row("RCV.NXT", Seq(b.RcvNxt, b.Irs, "IRS"));
            t.Row("RCV.WND", Inv($"{b.RcvWnd} B (scale shift {b.ReceiveWindowShift})"));
            t.Row("MSS", Num(b.Mss));
            t.Row("cwnd", Inv($"{b.Cwnd} B ({Segments(b.Cwnd, b.Mss)} MSS)"));
            t.Row("ssthresh", b.Ssthresh is { } ss ? Inv($"{ss} B ({Segments(ss, b.Mss)} MSS)") : "not set (no loss yet)");
            t.Row("phase", b.InRecovery ? (b.SackScoreboardRanges is null ? "fast recovery" : "SACK loss recovery (RFC 6675)")
                : b.InSlowStart ? "slow start" : "congestion avoidance");
            t.Row("outstanding", Inv($"{b.Outstanding} B (SND.MAX - SND.UNA)"));
            t.Row("SRTT / RTTVAR", b.SrttNs is { } srtt ? Inv($"{Time(srtt)} / {Time(b.RttvarNs)}") : "no RTT sample yet");
            t.Row("RTO", Inv($"{Time(b.RtoNs)} (backoffs {b.Backoffs}, consecutive timeouts {b.ConsecutiveTimeouts})"));
            t.Row("send buffer", Inv($"{b.SendBufferBytes} B unacknowledged, {b.SendBufferFree} B free"));
            t.Row("receive buffer", Inv($"{b.ReceiveBufferBytes} B unread, {b.OutOfOrderBytes} B out of order"));
            t.Row("duplicate ACKs", Inv($"{b.DuplicateAcks} now, {b.DuplicateAcksReceived} in all"));
            t.Row("retransmissions", Inv($"{b.FastRetransmissions} fast, {b.TimeoutRetransmissions} after timeout ({b.RetransmissionTimeouts} timeouts), {b.BytesRetransmitted} B; fast recoveries {b.FastRecoveries}"));
            t.Row("SACK", !b.SackPermitted ? "not negotiated"
                : Inv($"permitted, scoreboard {b.SackScoreboardRanges ?? 0} ranges ({b.SackedBytes ?? 0} B SACKed)"));
            t.Row("segments", Inv($"{b.SegmentsSent} sent, {b.SegmentsReceived} received"));
            t.Row("data bytes", Inv($"{b.BytesSent} sent, {b.BytesAcked} acknowledged, {b.BytesReceived} received"));
            t.Row("timers", b.Timers.Count == 0 ? "none armed" : string.Join(", ", b.Timers.Select(x => x.Timer + " at " + Time(x.DeadlineNs))));
            t.WriteTo(w);
        }
    }

    private static void Apps(StringBuilder w, IReadOnlyList<AppState> apps)
    {
        Heading(w, AppsHeading);
        if (apps.Count == 0) { w.Append("  (none)\n"); return; }
        var t = new Table("#", "name", "type", "counters");
        foreach (var a in apps) t.Row(Num(a.Index), a.Name, a.Type, string.Join(", ", a.Counters.Select(c => c.Name + " " + c.Value)));
        t.WriteTo(w);
    }

    private static void Counters(StringBuilder w, NodeCounters c)
    {
        Heading(w, CountersHeading);
        w.Append(Inv($"  events handled {c.EventsHandled}, received {c.Received}, forwarded {c.Forwarded}, delivered {c.Delivered}, originated {c.Originated}\n"));
        var dropped = c.Drops.Where(d => d.Packets > 0).ToList();
        w.Append("  drops: ")
         .Append(dropped.Count == 0 ? "none" : string.Join(", ", dropped.Select(d => Inv($"{d.Reason} {d.Packets}"))))
         .Append('\n');
    }

    private static string Seq(uint value, uint zero, string zeroName) => Inv($"{value} ({zeroName}+{unchecked(value - zero)})");

    private static string Segments(long bytes, int mss) => mss <= 0 ? "?" : (bytes / (double)mss).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Time(long ns) => new SimTime(ns).ToString();

    private static string Rate(long bitsPerSecond) => new DataRate(bitsPerSecond).ToString();

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Left-aligned columns, two spaces apart, trailing spaces trimmed.</summary>
    private sealed class Table(params string[] header)
    {
        private readonly List<string[]> _rows = [];
        public string Indent { get; init; } = "  ";
        public bool Header { get; init; } = true;

        public void Row(params string[] cells) => _rows.Add(cells);

        public void WriteTo(StringBuilder w)
        {
            var all = Header ? _rows.Prepend(header).ToList() : _rows;
            var width = new int[header.Length];
            foreach (var r in all)
                for (int i = 0; i < r.Length; i++) width[i] = Math.Max(width[i], r[i].Length);
            foreach (var r in all)
            {
                var line = new StringBuilder(Indent);
                for (int i = 0; i < r.Length; i++)
                {
                    line.Append(r[i]);
                    if (i < r.Length - 1) line.Append(' ', width[i] - r[i].Length + 2);
                }
                w.Append(line.ToString().TrimEnd()).Append('\n');
            }
        }
    }
}
