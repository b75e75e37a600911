using System.Globalization;
using System.Text.Json.Nodes;
using ActorNet.Core.Time;
using ActorNet.Persistence.Journal;

namespace ActorNet.Persistence.Replay;

/// <summary>Where one entity of two runs first parts (null: never, in the intervals both journals hold).</summary>
public sealed record EntityParting(string Entity, long? Interval, SimTime? From);

/// <summary>How two journaled runs differ: settings, where they first part, entity by entity, and their results.</summary>
public sealed record RunDifference(
    IReadOnlyList<string> Settings,
    Divergence? First,
    IReadOnlyList<EntityParting> Entities,
    IReadOnlyList<string> OnlyInA,
    IReadOnlyList<string> OnlyInB,
    IReadOnlyList<(string Field, string A, string B)> Results,
    int ResultsDiffering)
{
    public bool Identical => First is null && Settings.Count == 0 && OnlyInA.Count == 0 && OnlyInB.Count == 0 && ResultsDiffering == 0;
}

/// <summary>
/// Compares two journaled runs without re-running either (<c>actornet diff</c>): entities are matched by name; the
/// committed intervals' running record counts and fingerprints say where each entity first parts; the chunks of
/// the first parting say how; the two summaries say how the results differ.
/// </summary>
public static class RunComparison
{
    public const int MaxResultLines = 25;
    // Fields of summary.json that differ between any two runs (how long it took, on what, and where the scenario file
    // was: the settings compare its text).
    private static readonly HashSet<string> Volatile = ["run.wall_seconds", "run.events_per_second", "run.engine", "run.threads", "run.scenario_file"];

    public static RunDifference Compare(RunArchive archive, RunRecord a, RunRecord b)
    {
        var settings = Settings(a.Started, b.Started);
        var namesA = Names(a.Started);
        var namesB = Names(b.Started);
        var onlyA = namesA.Keys.Where(n => !namesB.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        var onlyB = namesB.Keys.Where(n => !namesA.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        var shared = namesA.Keys.Where(namesB.ContainsKey).ToList();

        // Each shared entity's state per interval, by name.
        var stateA = States(a, namesA);
        var stateB = States(b, namesB);
        long lastA = LastIndex(a), lastB = LastIndex(b);
        long common = Math.Min(lastA, lastB);
        var parting = new Dictionary<string, long>();
        foreach (long index in stateA.Keys.Union(stateB.Keys).Where(i => i <= common).Order())
        {
            var sa = stateA.GetValueOrDefault(index) ?? [];
            var sb = stateB.GetValueOrDefault(index) ?? [];
            foreach (var name in shared)
            {
                if (parting.ContainsKey(name)) continue;
                bool inA = sa.TryGetValue(name, out var va), inB = sb.TryGetValue(name, out var vb);
                if (inA != inB || (inA && va != vb)) parting[name] = index;
            }
        }
        long interval = a.Started.IntervalNs;
        var entities = shared
            .Select(n => new EntityParting(a.Started.EntityName(namesA[n]), parting.TryGetValue(n, out long i) ? i : null,
                parting.TryGetValue(n, out long j) ? new SimTime(j * interval) : null))
            .OrderBy(e => e.Interval ?? long.MaxValue).ThenBy(e => namesA[e.Entity]).ToList();

        Divergence? first = null;
        if (a.Started.IntervalNs != b.Started.IntervalNs)
            first = new Divergence(0, SimTime.Zero, SimTime.Zero, "the journals",
                $"their intervals differ ({new SimTime(a.Started.IntervalNs)} and {new SimTime(b.Started.IntervalNs)}): only the results can be compared", []);
        else if (parting.Count > 0)
        {
            long index = parting.Values.Min();
            string name = shared.Where(n => parting.GetValueOrDefault(n, -1) == index).OrderBy(n => namesA[n]).First();
            var ca = archive.Chunk(a, namesA[name], index);
            var cb = archive.Chunk(b, namesB[name], index);
            first = new Divergence(index, new SimTime(index * interval), new SimTime((index + 1) * interval), a.Started.EntityName(namesA[name]),
                ca is null ? "only run B recorded something here" : cb is null ? "only run A recorded something here" : "their records differ",
                SideBySide.Compare(ca?.Bytes, cb?.Bytes));
        }
        var (results, differing) = Results(a.Ended, b.Ended);
        return new RunDifference(settings, first, entities, onlyA, onlyB, results, differing);
    }

    private static List<string> Settings(RunStarted a, RunStarted b)
    {
        var s = new List<string>();
        void Check(string what, string x, string y)
        {
            if (x != y) s.Add($"{what}: {x} | {y}");
        }
        Check("scenario", a.Scenario, b.Scenario);
        Check("seed", a.Seed.ToString(CultureInfo.InvariantCulture), b.Seed.ToString(CultureInfo.InvariantCulture));
        Check("stop at", new SimTime(a.StopAtNs).ToString(), new SimTime(b.StopAtNs).ToString());
        Check("engine", $"{a.Engine} ({a.Threads} threads, sockets {a.Sockets})", $"{b.Engine} ({b.Threads} threads, sockets {b.Sockets})");
        Check("ActorNet", $"{a.Version} {a.Commit}", $"{b.Version} {b.Commit}");
        Check("journal interval", new SimTime(a.IntervalNs).ToString(), new SimTime(b.IntervalNs).ToString());
        if (a.ScenarioText != b.ScenarioText)
        {
            var la = a.ScenarioText.Split('\n');
            var lb = b.ScenarioText.Split('\n');
            int i = 0;
            while (i < la.Length && i < lb.Length && la[i] == lb[i]) i++;
            s.Add($"scenario text, first at line {i + 1}: {(i < la.Length ? la[i].Trim() : "(end)")} | {(i < lb.Length ? lb[i].Trim() : "(end)")}");
        }
        return s;
    }

    private static (List<(string, string, string)>, int) Results(RunEnded? a, RunEnded? b)
    {
        var list = new List<(string, string, string)>();
        if (a?.SummaryJson is null || b?.SummaryJson is null)
        {
            if (a?.Status != b?.Status) list.Add(("status", a?.Status ?? "(never ended)", b?.Status ?? "(never ended)"));
            return (list, list.Count);
        }
        var fa = Flatten(JsonNode.Parse(a.SummaryJson));
        var fb = Flatten(JsonNode.Parse(b.SummaryJson));
        int differing = 0;
        foreach (var key in fa.Keys.Union(fb.Keys).Where(k => !Volatile.Contains(k)).Order(StringComparer.Ordinal))
        {
            string x = fa.GetValueOrDefault(key, "(none)"), y = fb.GetValueOrDefault(key, "(none)");
            if (x == y) continue;
            differing++;
            if (list.Count < MaxResultLines) list.Add((key, x, y));
        }
        return (list, differing);
    }

    // summary.json as path → value, arrays of objects keyed by their name-like field when they have one.
    private static Dictionary<string, string> Flatten(JsonNode? node)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonNode? n, string path)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (k, v) in o) Walk(v, path.Length == 0 ? k : path + "." + k);
                    break;
                case JsonArray arr:
                    for (int i = 0; i < arr.Count; i++) Walk(arr[i], $"{path}[{Key(arr[i], i)}]");
                    break;
                case null:
                    d[path] = "null";
                    break;
                default:
                    d[path] = n.ToJsonString();
                    break;
            }
        }
        Walk(node, "");
        return d;
    }

    private static string Key(JsonNode? item, int index)
    {
        if (item is JsonObject o)
        {
            string? Pick(string f) => o[f] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            var parts = new[] { Pick("flow") ?? Pick("name") ?? Pick("app"), Pick("node"), Pick("interface") }.Where(p => p is not null).ToList();
            if (parts.Count > 0) return string.Join("/", parts);
        }
        return index.ToString(CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, int> Names(RunStarted s)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int e = 0; e < s.EntityCount; e++) d[s.EntityName(e)] = e;
        return d;
    }

    private static Dictionary<long, Dictionary<string, (long, ulong, ulong)>> States(RunRecord r, Dictionary<string, int> names)
    {
        var byEntity = names.ToDictionary(kv => kv.Value, kv => kv.Key);
        var d = new Dictionary<long, Dictionary<string, (long, ulong, ulong)>>();
        foreach (var i in r.Intervals)
        {
            var m = new Dictionary<string, (long, ulong, ulong)>(StringComparer.Ordinal);
            for (int k = 0; k < i.Entities.Length; k++) m[byEntity[i.Entities[k]]] = (i.Records[k], i.Fingerprints[k], i.Hashes[k]);
            d[i.Index] = m;
        }
        return d;
    }

    private static long LastIndex(RunRecord r) => r.Intervals.Count == 0 ? -1 : r.Intervals[^1].Index;
}
