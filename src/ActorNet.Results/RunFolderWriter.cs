using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ActorNet.Core.Apps;
using ActorNet.Core.Scenarios;

namespace ActorNet.Results;

/// <summary>
/// The run folder: scenario.conf (as given), status.json (running → completed / failed /
/// interrupted), summary.json and CSV metrics. status.json is written first and last, so a folder
/// whose status says "running" was never finished, and a failed run is never shown as complete.
/// Results are written aside, in the hidden <see cref="StagingName"/> folder, and moved into place
/// at the end before the final status: a folder shows all of a run's results or none of them.
/// Every I/O failure is a <see cref="RunFolderException"/> naming the path.
/// </summary>
public sealed class RunFolderWriter(string folder)
{
    public const string StatusFileName = "status.json";
    public const string StagingName = ".staging";

    public string Folder { get; } = folder;

    /// <summary>Where results go until <see cref="Complete"/> moves them into the folder (e.g. the pcap files during the run).</summary>
    public string Staging => Path.Combine(Folder, StagingName);

    public void Begin(Scenario scenario)
    {
        Do(Folder, () => Directory.CreateDirectory(Folder));
        // The status first: whatever else is in the folder, a run folder has a status.json.
        WriteStatus("running", scenario, null);
        Write("scenario.conf", Folder, scenario.SourceText);
        Do(Staging, () =>
        {
            if (Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
            Directory.CreateDirectory(Staging);
        });
    }

    /// <summary>Marks the run failed; results written so far are dropped.</summary>
    public void Fail(string scenario, ulong seed, string engine, string error)
    {
        // Left behind if it cannot go: hidden and never moved into place, and the status says failed.
        Remove(Staging);
        WriteStatus("failed", null, error, engine, scenarioName: scenario, seed: seed);
    }

    /// <summary>Writes the results; with <paramref name="traces"/>, also the time series (CSV) and the plots (PNG).</summary>
    public void Complete(RunSummary summary, RunTraces? traces = null)
    {
        Write("summary.json", Staging, SummaryJson.Serialize(summary));
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
        Publish();
        WriteStatus(summary.Run.Status, null, null, summary.Run.Engine, summary.Run.Digest, summary.Run.Scenario, summary.Run.Seed);
    }

    /// <summary>
    /// Moves every staged result into the folder. Something already in the way (no run puts it
    /// there) is an error, not overwritten; and if any move fails, the ones done are taken back,
    /// so the folder shows no result of a run whose results could not all be placed.
    /// </summary>
    private void Publish()
    {
        var entries = Do(Staging, () => Directory.GetFileSystemEntries(Staging)).Order(StringComparer.Ordinal).ToList();
        foreach (var entry in entries)
        {
            string target = Path.Combine(Folder, Path.GetFileName(entry));
            if (Path.Exists(target)) throw new RunFolderException(target, "something is in the way (this run did not write it; remove it and run again)");
        }
        var moved = new List<string>();
        try
        {
            foreach (var entry in entries)
            {
                string target = Path.Combine(Folder, Path.GetFileName(entry));
                Do(target, () =>
                {
                    if (Directory.Exists(entry)) Directory.Move(entry, target);
                    else File.Move(entry, target, overwrite: false);
                });
                moved.Add(target);
            }
        }
        catch (RunFolderException)
        {
            foreach (var target in moved) Remove(target);
            throw;
        }
        Do(Staging, () => Directory.Delete(Staging));
    }

    /// <summary>Best effort: used only while another error is on its way to the user.</summary>
    private static void Remove(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static string Opt(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private void WriteTraces(RunTraces traces)
    {
        // The plots (ScottPlot) and the CSV files need nothing from each other: drawn on one thread while the CSVs
        // are written on another, they cost the run the longer of the two, not the sum. Both are waited for before
        // any failure is reported, so nothing still writes into the staging folder when a failed run removes it.
        var plots = Task.Run(() => DrawPlots(traces));
        var csv = Task.Run(() => WriteTraceCsvs(traces));
        Task.WhenAll(plots, csv).GetAwaiter().GetResult();
    }

    private void WriteTraceCsvs(RunTraces traces)
    {
        if (traces.Windows.Count > 0) WriteStream("tcp-windows.csv", s => TraceCsv.WriteWindows(s, traces.Windows));
        if (traces.Queues.Count > 0) WriteStream("queues.csv", s => TraceCsv.WriteQueues(s, traces.Queues));
    }

    private void DrawPlots(RunTraces traces)
    {
        if (traces.Windows.Count > 0)
        {
            string cwnd = Path.Combine(Staging, "cwnd.png");
            Do(cwnd, () => Plots.Cwnd(traces, cwnd));
        }
        if (traces.Queues.Count > 0)
        {
            string queues = Path.Combine(Staging, "queues.png");
            Do(queues, () => Plots.Queues(traces, queues));
        }
    }

    private void WriteStream(string name, Action<Stream> write)
    {
        string path = Path.Combine(Staging, name);
        Do(path, () =>
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);
            write(file);
        });
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
        // Through a temporary file and a rename, so a reader never sees it half-written.
        string path = Path.Combine(Folder, StatusFileName);
        Do(path, () =>
        {
            var tmp = path + ".tmp";
            File.WriteAllText(tmp, o.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            File.Move(tmp, path, overwrite: true);
        });
    }

    private void WriteCsv(string name, string header, IEnumerable<string> rows)
    {
        var sb = new StringBuilder(header).Append('\n');
        foreach (var r in rows) sb.Append(r).Append('\n');
        Write(name, Staging, sb.ToString());
    }

    private static void Write(string name, string folder, string text)
    {
        string path = Path.Combine(folder, name);
        Do(path, () => File.WriteAllText(path, text));
    }

    private static void Do(string path, Action action) => Do(path, () =>
    {
        action();
        return 0;
    });

    private static T Do<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not RunFolderException)
        {
            throw new RunFolderException(path, e);
        }
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
