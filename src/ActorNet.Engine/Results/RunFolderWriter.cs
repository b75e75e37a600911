using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ActorNet.Core.Apps;
using ActorNet.Core.Scenarios;

namespace ActorNet.Engine.Results;

/// <summary>
/// The run folder: scenario.conf (as given), status.json (running → completed / failed /
/// interrupted), summary.json and CSV metrics. status.json is written first and last, so a folder
/// whose status says "running" was never finished, and a failed run is never shown as complete.
/// </summary>
public sealed class RunFolderWriter(string folder)
{
    public string Folder { get; } = folder;

    public void Begin(Scenario scenario)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "scenario.conf"), scenario.SourceText);
        WriteStatus("running", scenario, null);
    }

    public void Fail(Scenario scenario, string engine, Exception error)
    {
        WriteStatus("failed", scenario, $"{error.Message}", engine);
    }

    /// <summary>Writes the results; with <paramref name="traces"/>, also the time series (CSV) and the plots (PNG).</summary>
    public void Complete(RunSummary summary, RunTraces? traces = null)
    {
        File.WriteAllText(Path.Combine(Folder, "summary.json"), SummaryJson.Serialize(summary));
        WriteCsv("ports.csv", "node,kind,interface,address,peer,link,transmitted,transmitted_bytes,dropped_queue_full,dropped_mtu,lost_on_link,lost_link_down,duplicated,peak_queue_packets,peak_queue_bytes,queue_at_end,utilization",
            summary.Ports.Select(p => Row(p.Node, p.NodeKind, p.Interface, p.Address, p.Peer, p.Link, p.Transmitted, p.TransmittedBytes, p.DroppedQueueFull,
                p.DroppedMtu, p.LostOnLink, p.LostLinkDown, p.Duplicated, p.PeakQueuePackets, p.PeakQueueBytes, p.QueueAtEnd, p.Utilization)));
        WriteCsv("nodes.csv", "node,kind,received,forwarded,delivered,originated,drops",
            summary.Nodes.Select(n => Row(n.Node, n.Kind, n.Received, n.Forwarded, n.Delivered, n.Originated,
                string.Join(';', n.Drops.Select(d => $"{d.Key}={d.Value}")))));
        var pings = summary.Apps.OfType<PingReport>().ToList();
        if (pings.Count > 0)
            WriteCsv("ping.csv", "app,node,target,sequence,rtt_ns,ttl",
                pings.SelectMany(p => p.Replies.Select(r => Row(p.Name, p.Node, p.Target, r.Sequence, r.RttNs, r.Ttl))));
        var traceroutes = summary.Apps.OfType<TracerouteReport>().ToList();
        if (traceroutes.Count > 0)
            WriteCsv("traceroute.csv", "app,node,target,ttl,probe,from,rtt_ns",
                traceroutes.SelectMany(t => t.Hops.SelectMany(h => h.Probes.Select((p, i) =>
                    Row(t.Name, t.Node, t.Target, h.Ttl, i + 1, p?.From.ToString() ?? "*", p?.RttNs.ToString(CultureInfo.InvariantCulture) ?? "")))));
        var udp = summary.Apps.Where(a => a is UdpSenderReport or UdpSinkReport).ToList();
        if (udp.Count > 0)
            WriteCsv("udp.csv", "app,node,type,sent,received,lost,in_flight,bytes",
                udp.Select(a => a switch
                {
                    UdpSenderReport s => Row(s.Name, s.Node, s.Type, s.Sent, Opt(s.Received), Opt(s.Lost), Opt(s.InFlightAtEnd), s.SentBytes),
                    UdpSinkReport k => Row(k.Name, k.Node, k.Type, "", k.Received, "", "", k.ReceivedBytes),
                    _ => throw new InvalidOperationException(),
                }));
        if (summary.TcpFlows.Count > 0)
            WriteCsv("tcp.csv", "flow,client_node,client,server_node,server,congestion_control,client_state,server_state,opened_at_ns,established_at_ns,client_to_server_bytes,server_to_client_bytes,last_data_at_ns,goodput_bps,segments_sent,bytes_retransmitted,fast_retransmissions,timeout_retransmissions,retransmission_timeouts,fast_recoveries,window_probes,duplicate_segments_discarded,rtt_samples,rtt_min_ns,rtt_mean_ns,rtt_max_ns",
                summary.TcpFlows.Select(f => Row(f.Flow, f.ClientNode, f.Client, f.ServerNode, f.Server, f.CongestionControl, f.ClientState, f.ServerState ?? "",
                    f.OpenedAtNs, Opt(f.EstablishedAtNs), f.ClientToServerBytes, f.ServerToClientBytes, Opt(f.LastDataAtNs), f.GoodputBps.ToString("0", CultureInfo.InvariantCulture),
                    f.SegmentsSent, f.BytesRetransmitted, f.FastRetransmissions, f.TimeoutRetransmissions, f.RetransmissionTimeouts, f.FastRecoveries,
                    f.WindowProbes, f.DuplicateSegmentsDiscarded, f.RttSamples, Opt(f.RttMinNs), Opt(f.RttMeanNs), Opt(f.RttMaxNs))));
        if (traces is not null) WriteTraces(traces);
        WriteStatus(summary.Run.Status, null, null, summary.Run.Engine, summary.Run.Digest, summary.Run.Scenario, summary.Run.Seed);
    }

    private static string Opt(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private void WriteTraces(RunTraces traces)
    {
        if (traces.Windows.Count > 0)
        {
            WriteCsv("tcp-windows.csv", "flow,node,time_ns,cwnd_bytes,ssthresh_bytes,send_window_bytes,receive_window_bytes,bytes_in_flight",
                traces.Windows.SelectMany(w => w.Samples.Select(s => Row(w.Flow, w.Node, s.At.Nanoseconds, s.Cwnd,
                    s.Ssthresh == long.MaxValue ? "" : s.Ssthresh.ToString(CultureInfo.InvariantCulture), s.SndWnd, s.RcvWnd, s.BytesInFlight))));
            Plots.Cwnd(traces, Path.Combine(Folder, "cwnd.png"));
        }
        if (traces.Queues.Count > 0)
        {
            WriteCsv("queues.csv", "node,interface,peer,slice_start_ns,max_queue_packets",
                traces.Queues.SelectMany(q => q.Points.Select(p => Row(q.Node, q.Interface, q.Peer, p.Start.Nanoseconds, p.MaxPackets))));
            Plots.Queues(traces, Path.Combine(Folder, "queues.png"));
        }
    }

    private void WriteStatus(string status, Scenario? scenario, string? error, string? engine = null, string? digest = null,
        string? scenarioName = null, ulong? seed = null)
    {
        var o = new JsonObject { ["status"] = status };
        if ((scenarioName ?? scenario?.Name) is { } name) o["scenario"] = name;
        if ((seed ?? scenario?.Seed) is { } sd) o["seed"] = sd;
        if (engine is not null) o["engine"] = engine;
        if (digest is not null) o["digest"] = digest;
        if (error is not null) o["error"] = error;
        var tmp = Path.Combine(Folder, "status.json.tmp");
        File.WriteAllText(tmp, o.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        File.Move(tmp, Path.Combine(Folder, "status.json"), overwrite: true);
    }

    private void WriteCsv(string name, string header, IEnumerable<string> rows)
    {
        var sb = new StringBuilder(header).Append('\n');
        foreach (var r in rows) sb.Append(r).Append('\n');
        File.WriteAllText(Path.Combine(Folder, name), sb.ToString());
    }

    private static string Row(params object?[] values) => string.Join(',', values.Select(Csv));

    private static string Csv(object? v)
    {
        string s = v switch
        {
            null => "",
            double d => d.ToString("0.######", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        };
        return s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
