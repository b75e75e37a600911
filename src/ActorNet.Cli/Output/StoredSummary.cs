using System.Globalization;
using System.Text.Json.Nodes;
using ActorNet.Core.Time;
using Spectre.Console;

namespace ActorNet.Cli.Output;

/// <summary>
/// A journaled run's summary.json as tables, without re-running: TCP flows, apps, the ports that carried traffic,
/// and the nodes. Read from the JSON, so it shows what the run wrote, whatever ActorNet reads it.
/// </summary>
internal static class StoredSummary
{
    public static void Write(string summaryJson, IAnsiConsole console)
    {
        var root = JsonNode.Parse(summaryJson) as JsonObject ?? throw new InvalidDataException("summary.json is not an object");
        if (root["tcp_flows"] is JsonArray { Count: > 0 } flows)
        {
            console.WriteLine();
            console.WriteLine("TCP flows");
            var t = new Table();
            t.AddColumns("flow", "client → server", "cc", "state", "bytes →", "goodput (Mbit/s)", "retransmitted (B)", "fast rtx", "timeouts", "RTT mean (ms)");
            foreach (var f in flows.OfType<JsonObject>())
                t.AddRow(S(f, "flow"), S(f, "client") + " → " + S(f, "server"), S(f, "congestion_control"), S(f, "client_state"),
                    N(f, "client_to_server_bytes"), Mbit(f, "goodput_bps"), N(f, "bytes_retransmitted"), N(f, "fast_retransmissions"),
                    N(f, "retransmission_timeouts"), Ms(f, "rtt_mean_ns"));
            console.Write(t);
        }
        if (root["apps"] is JsonArray { Count: > 0 } apps)
        {
            console.WriteLine();
            console.WriteLine("apps");
            var t = new Table();
            t.AddColumns("app", "type", "node", "results");
            foreach (var a in apps.OfType<JsonObject>())
            {
                var scalars = a.Where(kv => kv.Key is not ("name" or "type" or "node") && kv.Value is JsonValue)
                    .Select(kv => $"{kv.Key}={Text(kv.Value!)}");
                var lists = a.Where(kv => kv.Value is JsonArray).Select(kv => $"{kv.Key}: {((JsonArray)kv.Value!).Count}");
                t.AddRow(S(a, "name"), S(a, "type"), S(a, "node"), Markup.Escape(string.Join(", ", scalars.Concat(lists))));
            }
            console.Write(t);
        }
        if (root["ports"] is JsonArray ports && ports.OfType<JsonObject>().Any(p => Long(p, "transmitted") > 0))
        {
            console.WriteLine();
            console.WriteLine("ports that carried traffic");
            var t = new Table();
            t.AddColumns("node", "interface", "peer", "transmitted", "dropped (queue full)", "lost on link", "peak queue (packets)", "utilization");
            foreach (var p in ports.OfType<JsonObject>().Where(p => Long(p, "transmitted") > 0))
                t.AddRow(S(p, "node"), S(p, "interface"), S(p, "peer"), N(p, "transmitted"), N(p, "dropped_queue_full"), N(p, "lost_on_link"),
                    N(p, "peak_queue_packets"), (p["utilization"]?.GetValue<double>() ?? 0).ToString("0.0 %", CultureInfo.InvariantCulture));
            console.Write(t);
        }
        if (root["nodes"] is JsonArray { Count: > 0 } nodes)
        {
            console.WriteLine();
            console.WriteLine("nodes");
            var t = new Table();
            t.AddColumns("node", "kind", "received", "forwarded", "delivered", "originated", "drops");
            foreach (var n in nodes.OfType<JsonObject>())
                t.AddRow(S(n, "node"), S(n, "kind"), N(n, "received"), N(n, "forwarded"), N(n, "delivered"), N(n, "originated"),
                    Markup.Escape(n["drops"] is JsonObject d ? string.Join(", ", d.Select(kv => $"{kv.Key}={kv.Value}")) : ""));
            console.Write(t);
        }
    }

    private static string S(JsonObject o, string key) => Markup.Escape(o[key] is JsonValue v ? Text(v) : "");

    private static string Text(JsonNode v) => v is JsonValue j && j.TryGetValue<string>(out var s) ? s : v.ToJsonString();

    private static long Long(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<long>(out long x) ? x : 0;

    private static string N(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<long>(out long x) ? x.ToString("N0", CultureInfo.InvariantCulture) : "";

    private static string Mbit(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<double>(out double x) ? (x / 1e6).ToString("0.000", CultureInfo.InvariantCulture) : "";

    private static string Ms(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<long>(out long x) ? new SimTime(x).TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) : "";
}
