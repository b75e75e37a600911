using System.Globalization;
using ActorNet.Core.Apps;
using ActorNet.Results;
using Spectre.Console;

namespace ActorNet.Cli.Output;

/// <summary>The human summary: run line, one table per app kind (ping, traceroute, UDP, TCP, HTTP), and the ports that carried traffic.</summary>
internal static class SummaryTable
{
    public static void Write(RunSummary s, TextWriter stdout)
    {
        var console = PlainConsole.For(stdout);
        var r = s.Run;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario {r.Scenario} (seed {r.Seed}, engine {r.Engine}): {r.Status}, virtual time {new ActorNet.Core.Time.SimTime(r.SimTimeNs)}, {r.Events:N0} events in {r.WallSeconds:0.000} s ({Rate(r.EventsPerSecond)})"));

        foreach (var p in s.Apps.OfType<PingReport>())
        {
            console.WriteLine();
            console.WriteLine($"ping {p.Name}: {p.Node} → {p.Target}");
            var t = new Table();
            t.AddColumns("seq", "rtt (ms)", "ttl");
            foreach (var reply in p.Replies) t.AddRow(Num(reply.Sequence), Ms(reply.RttNs), Num(reply.Ttl));
            var rtts = p.Replies.Select(x => x.RttNs).ToList();
            console.Write(t);
            console.WriteLine(rtts.Count > 0
                ? $"  {p.Sent} sent, {p.Received} received, {Pct(p.Lost, p.Sent)} loss; rtt min/avg/max = {Ms(rtts.Min())}/{Ms((long)rtts.Average())}/{Ms(rtts.Max())} ms"
                : $"  {p.Sent} sent, 0 received, 100% loss");
        }
        foreach (var tr in s.Apps.OfType<TracerouteReport>())
        {
            console.WriteLine();
            console.WriteLine($"traceroute {tr.Name}: {tr.Node} → {tr.Target}");
            var t = new Table();
            t.AddColumns("hop", "address", "rtt (ms)");
            foreach (var h in tr.Hops)
            {
                var from = h.Probes.FirstOrDefault(p => p is not null)?.From.ToString() ?? "*";
                t.AddRow(Num(h.Ttl), from, string.Join("  ", h.Probes.Select(p => p is null ? "*" : Ms(p.RttNs))));
            }
            console.Write(t);
            console.WriteLine(tr.Reached ? "  destination reached" : "  destination not reached");
        }
        var udp = s.Apps.Where(a => a is UdpSenderReport or UdpSinkReport).ToList();
        if (udp.Count > 0)
        {
            console.WriteLine();
            console.WriteLine("UDP");
            var t = new Table();
            // lost = dropped somewhere; in flight = still on its way when the run ended (neither received nor lost).
            t.AddColumns("app", "node", "type", "sent", "received", "lost", "in flight", "goodput (Mbit/s)");
            foreach (var a in udp)
            {
                if (a is UdpSenderReport snd)
                    t.AddRow(snd.Name, snd.Node, snd.Type, Num(snd.Sent), snd.Received is { } rc ? Num(rc) : "-", snd.Lost is { } l ? $"{Num(l)} ({Pct(l, snd.Sent)})" : "-",
                        snd.InFlightAtEnd is { } f ? Num(f) : "-", "");
                else if (a is UdpSinkReport k)
                    t.AddRow(k.Name, k.Node, k.Type, "", Num(k.Received), "", "", (k.GoodputBitsPerSecond / 1e6).ToString("0.000", CultureInfo.InvariantCulture));
            }
            console.Write(t);
        }

        if (s.TcpFlows.Count > 0)
        {
            console.WriteLine();
            console.WriteLine("TCP");
            var t = new Table();
            t.AddColumns("flow", "cc", "bytes", "goodput (Mbit/s)", "retransmits (fast/timeout)", "RTOs", "rtt min/mean/max (ms)", "state (client/server)");
            foreach (var f in s.TcpFlows)
                t.AddRow(f.Flow, f.CongestionControl, Num(Math.Max(f.ClientToServerBytes, f.ServerToClientBytes)),
                    (f.GoodputBps / 1e6).ToString("0.000", CultureInfo.InvariantCulture),
                    $"{Num(f.FastRetransmissions)}/{Num(f.TimeoutRetransmissions)}", Num(f.RetransmissionTimeouts),
                    f.RttSamples > 0 ? $"{Ms(f.RttMinNs!.Value)}/{Ms(f.RttMeanNs!.Value)}/{Ms(f.RttMaxNs!.Value)}" : "-",
                    $"{f.ClientState}/{f.ServerState ?? "-"}");
            console.Write(t);
            foreach (var b in s.Apps.OfType<TcpBulkReport>())
                console.WriteLine($"  {b.Name}: {Num(b.BytesGiven)} bytes given to TCP, outcome {b.Outcome}");
            foreach (var k in s.Apps.OfType<TcpSinkReport>())
                foreach (var f in k.Flows)
                    console.WriteLine($"  {k.Name}: {Num(f.Bytes)} bytes read from {f.Remote}:{f.RemotePort}, {(f.Sha256.Length > 0 ? "sha256 " + f.Sha256[..16] + "…, " : "")}outcome {f.Outcome}");
        }

        var http = s.Apps.Where(a => a is HttpClientReport or HttpServerReport).ToList();
        if (http.Count > 0)
        {
            console.WriteLine();
            console.WriteLine("HTTP");
            var t = new Table();
            t.AddColumns("app", "node", "type", "peer", "requests", "completion min/mean/max (ms)", "failure");
            foreach (var a in http)
            {
                if (a is HttpClientReport c)
                {
                    // Completion: from the connect call to the last response byte (the server's FIN).
                    var done = c.Exchanges.Select(x => x.CompletionNs).ToList();
                    t.AddRow(c.Name, c.Node, c.Type, $"{c.Target}:{c.Port}", $"{Num(done.Count)} of {Num(c.Asked)}",
                        done.Count > 0 ? $"{Ms(done.Min())}/{Ms((long)done.Average())}/{Ms(done.Max())}" : "-", c.Failure ?? "-");
                }
                else if (a is HttpServerReport v)
                {
                    t.AddRow(v.Name, v.Node, v.Type, $"port {v.Port}",
                        $"{Num(v.Served)} served" + (v.BadRequests > 0 ? $", {Num(v.BadRequests)} bad" : ""), "", "-");
                }
            }
            console.Write(t);
        }

        var busy = s.Ports.Where(p => p.Transmitted > 0 || p.DroppedQueueFull > 0).ToList();
        if (busy.Count > 0)
        {
            console.WriteLine();
            console.WriteLine("ports (output side of each link)");
            var t = new Table();
            t.AddColumns("node", "iface", "→ peer", "forwarded", "dropped (queue)", "lost (link)", "peak queue", "utilization");
            foreach (var p in busy)
                t.AddRow(p.Node, p.Interface, p.Peer, Num(p.Transmitted), Num(p.DroppedQueueFull), Num(p.LostOnLink + p.LostLinkDown),
                    Num(p.PeakQueuePackets), p.Utilization.ToString("P1", CultureInfo.InvariantCulture));
            console.Write(t);
        }
    }

    private static string Rate(double perSecond) => perSecond >= 1e6
        ? (perSecond / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M events/s"
        : (perSecond / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " k events/s";

    private static string Ms(long ns) => (ns / 1e6).ToString("0.######", CultureInfo.InvariantCulture);
    private static string Num(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
    private static string Pct(long part, long whole) => whole == 0 ? "0%" : ((double)part / whole).ToString("0.#%", CultureInfo.InvariantCulture);
}
