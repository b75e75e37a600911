using System.Globalization;
using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios.Hocon;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Scenarios;

/// <summary>
/// Turns a parsed HOCON tree into a <see cref="Scenario"/>, collecting every problem on the way.
/// One pass per section (top level, nodes, links, routing and routes, apps), then the checks that
/// need the whole topology (hosts without links, reachability). A value that is wrong is reported
/// once, where it was written; later checks skip what could not be read rather than pile up
/// follow-on errors.
/// </summary>
internal sealed partial class ScenarioValidator
{
    private static readonly string[] TopKeys = ["name", "seed", "stop-at", "nodes", "links", "routing", "routes", "apps", "generate", "tcp"];

    private readonly string _file;
    private readonly ScenarioErrorList _errors;
    private readonly Dictionary<string, NodeSpec> _nodes = new(StringComparer.Ordinal);
    private SimTime? _stopAt;

    private ScenarioValidator(string file, ScenarioErrorList errors) => (_file, _errors) = (file, errors);

    /// <summary>Adds the problems to <paramref name="errors"/>; returns the scenario only if it added none.</summary>
    public static Scenario? Validate(HoconObject root, string file, string text, ScenarioErrorList errors, ulong? seedOverride = null)
    {
        var v = new ScenarioValidator(file, errors);
        int before = errors.Count;
        var scenario = v.Run(root, text, seedOverride);
        return errors.Count == before ? scenario : null;
    }

    private Scenario? Run(HoconObject root, string text, ulong? seedOverride)
    {
        CheckKeys(root, "the scenario", TopKeys);

        string name = ScenarioNames.FromFileName(_file);
        if (root.Get("name") is { } nameField && TryText(nameField, "the scenario name", out var n))
        {
            // The name becomes part of the default run folder's path (runs/<name>-seed<N>-<time>).
            if (n.Length == 0) Error(nameField.Value.At, "the scenario name is empty", "write a name, e.g. name = \"ping\", or remove the key to use the file name");
            else if (ScenarioNames.ScenarioNameProblem(n) is { } why)
                Error(nameField.Value.At, $"bad scenario name '{ScenarioNames.Shown(n)}': {why}",
                    $"use {ScenarioNames.ScenarioRule}, e.g. name = \"ping-v2\"");
            else name = n;
        }

        ulong seed = 1;
        if (root.Get("seed") is { } seedField) ReadSeed(seedField, ref seed);
        // Replaced before generate reads it: the generators take their default seed from it.
        if (seedOverride is { } overridden) seed = overridden;

        if (root.Get("stop-at") is { } stopField)
        {
            if (TryDuration(stopField, "stop-at", "stop-at = 10s", out var stop))
            {
                if (stop <= SimTime.Zero)
                    Error(stopField.Value.At, $"stop-at is {stop}; the run must last longer than 0", "set the run length, e.g. stop-at = 10s");
                else _stopAt = stop;
            }
        }
        else
        {
            Error(root.At, "missing stop-at: the run length in virtual time is required", "add a line such as stop-at = 10s");
        }

        int topologyErrors = _errors.Count;
        ReadGenerate(root, seed);
        ReadNodes(root);
        var links = ReadLinks(root);
        var routing = ReadRouting(root);
        CheckGeneratedTrafficRouting(routing);
        var routes = ReadRoutes(root, links);
        CheckHostsHaveLinks(links);
        bool topologyOk = _errors.Count == topologyErrors;

        ReadTcpDefaults(root);
        var apps = ReadApps(root, links, routing, routes, checkReachability: topologyOk);

        if (_errors.Count > 0 || _stopAt is null) return null;
        return new Scenario
        {
            Name = name,
            SourceFile = _file,
            SourceText = text,
            Seed = seed,
            StopAt = _stopAt.Value,
            Nodes = _nodes.Values.OrderBy(x => x.Name, StringComparer.Ordinal).ToList(),
            Links = links.Select(l => l.Build()).ToList(),
            Routing = routing,
            Routes = routes.Select(r => r.Spec).ToList(),
            Apps = apps,
        };
    }

    private void ReadSeed(HoconField f, ref ulong seed)
    {
        if (f.Value is HoconScalar { Kind: HoconScalarKind.Invalid }) return;
        if (f.Value is HoconScalar { Kind: HoconScalarKind.Number } s
            && ulong.TryParse(s.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            seed = v;
            return;
        }
        if (f.Value is HoconScalar { Kind: HoconScalarKind.Number } big && !big.Text.StartsWith('-') && IsWholeNumberText(big.Text))
        {
            Error(f.Value.At, $"seed is {big.Text}, too large; it must be at most {ulong.MaxValue}", "write a smaller whole number, e.g. seed = 1");
            return;
        }
        Error(f.Value.At, $"seed must be a non-negative integer, not {Describe(f.Value)}",
            $"write a whole number from 0 to {ulong.MaxValue}, e.g. seed = 1");
    }

    // ---- nodes ----

    private void ReadNodes(HoconObject root)
    {
        if (_generated is not null)
            foreach (var n in _generated.Topology.Nodes) _nodes[n.Name] = n;
        var field = root.Get("nodes");
        // With generate, nodes are optional: the generator may make all of them.
        if (field is null && (_generated is not null || _generateFailed)) return;
        if (field is null)
        {
            Error(root.At, "missing nodes: a scenario needs at least one node", "add nodes { h1 = host, r1 = router, h2 = host }");
            return;
        }
        if (field.Value is not HoconObject obj)
        {
            ErrorUnlessInvalid(field.Value, $"nodes must be an object of name = host | router, not {Describe(field.Value)}",
                "write nodes { h1 = host, r1 = router }");
            return;
        }
        if (obj.Fields.Count == 0 && _generated is null && !_generateFailed)
            Error(obj.At, "nodes is empty: a scenario needs at least one node", "add nodes such as h1 = host");
        foreach (var d in obj.Duplicates)
            Error(d.LaterAt, $"duplicate node name {d.Key}",
                $"rename one of them: {d.Key} is already defined at line {d.FirstAt.Line}, column {d.FirstAt.Column}");
        // A repeated name is reported once; the first definition is the one checked further,
        // so a later "h1 = router" does not also make apps on h1 fail.
        var firstDefinition = new Dictionary<string, HoconField>(StringComparer.Ordinal);
        foreach (var d in obj.Duplicates)
            if (d.Replaced is not null && !firstDefinition.ContainsKey(d.Key))
                firstDefinition[d.Key] = new HoconField(d.Key, d.FirstAt, d.Replaced);
        foreach (var field0 in obj.Fields)
        {
            var f = firstDefinition.GetValueOrDefault(field0.Key, field0);
            if (ScenarioNames.EntityNameProblem(f.Key) is { } why)
            {
                Error(f.KeyAt, $"bad node name '{ScenarioNames.Shown(f.Key)}': {why}", $"use {ScenarioNames.EntityRule}, e.g. h1 or core-r1");
                continue;
            }
            if (_generated is { } g && g.NodeNames.Contains(f.Key))
            {
                Error(f.KeyAt, $"node {f.Key} clashes with a node that generate makes (line {g.At.Line})",
                    $"rename it: generate makes the nodes {g.NamePatterns}");
                continue;
            }
            HoconField? typeField = f;
            if (f.Value is HoconObject nodeObj)
            {
                CheckKeys(nodeObj, $"node {f.Key}", ["type"]);
                typeField = nodeObj.Get("type");
                if (typeField is null)
                {
                    Error(nodeObj.At, $"node {f.Key} has no type", $"write {f.Key} {{ type = host }} or {f.Key} = router");
                    continue;
                }
            }
            if (!TryText(typeField, $"the type of node {f.Key}", out var type)) continue;
            NodeKind? kind = type switch { "host" => NodeKind.Host, "router" => NodeKind.Router, _ => null };
            if (kind is null)
            {
                var close = Suggest.Closest(type, ["host", "router"]);
                Error(typeField.Value.At, $"node {f.Key} has unknown type '{type}'",
                    close is null ? $"write {f.Key} = host or {f.Key} = router" : $"did you mean '{close}'?");
                continue;
            }
            _nodes[f.Key] = new NodeSpec(f.Key, kind.Value, f.KeyAt);
        }
    }

    /// <summary>Checks that <paramref name="name"/> (written at <paramref name="at"/>) is a node; reports it with a suggestion if not.</summary>
    private bool IsKnownNode(string name, SourceSpan at, string where)
    {
        if (_nodes.ContainsKey(name)) return true;
        // The generate section had errors (reported there): the node may be one it would have made.
        if (_generateFailed) return false;
        var known = _nodes.Keys.Order(StringComparer.Ordinal).ToList();
        Error(at, $"unknown node '{name}' in {where}",
            Suggest.AllClosest(name, known).Count > 0 ? Suggest.Fix(name, known, "node")
                : $"declare it under nodes (e.g. {name} = host){(known.Count is > 0 and <= 20 ? $" or use one of: {string.Join(", ", known)}" : "")}");
        return false;
    }

    // ---- reporting and reading values ----

    private void Error(SourceSpan at, string problem, string fix) =>
        _errors.Add(new ScenarioError(at.File, at.Line, at.Column, problem, fix));

    private void ErrorUnlessInvalid(HoconValue v, string problem, string fix)
    {
        if (v is HoconScalar { Kind: HoconScalarKind.Invalid }) return;
        Error(v.At, problem, fix);
    }

    private static string Describe(HoconValue v) => v switch
    {
        HoconObject => "an object { }",
        HoconArray => "an array [ ]",
        HoconScalar { Kind: HoconScalarKind.Null } => "null",
        HoconScalar s => $"'{s.Text}'",
        _ => "this value",
    };

    /// <summary>Reports every key of <paramref name="obj"/> not in <paramref name="known"/>, with the closest known key.</summary>
    private void CheckKeys(HoconObject obj, string where, IReadOnlyCollection<string> known)
    {
        foreach (var f in obj.Fields)
        {
            if (known.Contains(f.Key)) continue;
            Error(f.KeyAt, $"unknown key '{f.Key}' in {where}", Suggest.Fix(f.Key, known, "key"));
        }
    }

    private bool TryScalar(HoconField f, string what, out HoconScalar scalar, string example)
    {
        scalar = null!;
        switch (f.Value)
        {
            case HoconScalar { Kind: HoconScalarKind.Invalid }:
                return false;
            case HoconScalar { Kind: HoconScalarKind.Null }:
                Error(f.Value.At, $"{what} is null", $"write a value, e.g. {example}, or remove the key to use the default");
                return false;
            case HoconScalar s:
                scalar = s;
                return true;
            default:
                Error(f.Value.At, $"{what} must be a single value, not {Describe(f.Value)}", $"write e.g. {example}");
                return false;
        }
    }

    private bool TryText(HoconField f, string what, out string text)
    {
        text = "";
        if (!TryScalar(f, what, out var s, $"{f.Key} = <text>")) return false;
        text = s.Text;
        return true;
    }

    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/>. Callers that check the
    /// range themselves (with their own words) pass the whole of long and give <paramref name="range"/>,
    /// the real range, for a number too large even for 64 bits.
    /// </summary>
    private bool TryInt(HoconField f, string what, long min, long max, string example, out long value, string? range = null)
    {
        value = 0;
        if (!TryScalar(f, what, out var s, example)) return false;
        range ??= max == long.MaxValue ? $"at least {min}" : $"from {min} to {max}";
        if (s.Kind == HoconScalarKind.Number && IsWholeNumberText(s.Text)
            && !long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            // Whole, just beyond 64 bits: "not a whole number" would send the reader the wrong way.
            Error(s.At, $"{what} is {s.Text}, too {(s.Text[0] == '-' ? "small" : "large")}; it must be {range}", $"write e.g. {example}");
            return false;
        }
        if (s.Kind != HoconScalarKind.Number
            || !long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            Error(s.At, $"{what} must be a whole number, not '{s.Text}'", $"write e.g. {example}");
            return false;
        }
        if (value < min || value > max)
        {
            Error(s.At, $"{what} is {value}; it must be {range}", $"write e.g. {example}");
            return false;
        }
        return true;
    }

    /// <summary>An optional '-' and digits only.</summary>
    private static bool IsWholeNumberText(string text)
    {
        var digits = text.AsSpan(text.StartsWith('-') ? 1 : 0);
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private bool TryDuration(HoconField f, string what, string example, out SimTime value)
    {
        value = default;
        if (!TryScalar(f, what, out var s, example)) return false;
        if (UnitParser.TryParseDuration(s.Text, out value, out var err)) return true;
        Error(s.At, $"bad {what}: {err}", $"write e.g. {example}");
        return false;
    }

    private bool TryPositiveDuration(HoconField f, string what, string example, out SimTime value)
    {
        if (!TryDuration(f, what, example, out value)) return false;
        if (value > SimTime.Zero) return true;
        Error(f.Value.At, $"{what} is {value}; it must be more than 0", $"write e.g. {example}");
        return false;
    }

    private bool TryNonNegativeDuration(HoconField f, string what, string example, out SimTime value)
    {
        if (!TryDuration(f, what, example, out value)) return false;
        if (value >= SimTime.Zero) return true;
        Error(f.Value.At, $"{what} is {value}; it cannot be negative", $"write e.g. {example}");
        return false;
    }

    private bool TryRate(HoconField f, string what, string example, out DataRate value)
    {
        value = default;
        if (!TryScalar(f, what, out var s, example)) return false;
        if (!UnitParser.TryParseRate(s.Text, out value, out var err))
        {
            Error(s.At, $"bad {what}: {err}", $"write e.g. {example}");
            return false;
        }
        if (value.BitsPerSecond == 0)
        {
            Error(s.At, $"{what} is 0; nothing could be sent", $"write a positive rate, e.g. {example}");
            return false;
        }
        if (value.BitsPerSecond > ScenarioLimits.MaxRate.BitsPerSecond)
        {
            Error(s.At, $"{what} is more than {ScenarioLimits.MaxRateText} ('{s.Text}'), the highest rate a scenario may give",
                $"write at most {ScenarioLimits.MaxRateText}, e.g. {example}");
            return false;
        }
        return true;
    }

    /// <summary>
    /// A byte count: "64KiB", "1MiB", "65535B" or a bare "65535", from <paramref name="min"/> to
    /// <paramref name="max"/>.
    /// </summary>
    private bool TryByteSize(HoconField f, string what, long min, long max, string example, out long value)
    {
        value = 0;
        if (!TryScalar(f, what, out var s, example)) return false;
        if (!UnitParser.TryParseByteSize(s.Text, out value, out var err))
        {
            Error(s.At, $"bad {what}: {err}", $"write e.g. {example}");
            return false;
        }
        if (value < min || value > max)
        {
            string range = max == long.MaxValue ? $"at least {min} B" : max == ScenarioLimits.MaxBytes ? $"from {min} to {max} B (1 PiB)" : $"from {min} to {max} B";
            Error(s.At, $"{what} is {value} B; it must be {range}", $"write e.g. {example}");
            return false;
        }
        return true;
    }

    // HOCON's booleans as Lightbend Config's getBoolean reads them: true/yes/on and false/no/off.
    private static readonly string[] TrueWords = ["on", "true", "yes"];
    private static readonly string[] FalseWords = ["off", "false", "no"];

    /// <summary>A switch: on/off, true/false or yes/no (lower case).</summary>
    private bool TryBool(HoconField f, string what, out bool value)
    {
        value = false;
        string example = $"{f.Key} = on";
        if (!TryScalar(f, what, out var s, example)) return false;
        if (TrueWords.Contains(s.Text)) { value = true; return true; }
        if (FalseWords.Contains(s.Text)) return true;
        string[] words = [.. TrueWords, .. FalseWords];
        Error(s.At, $"{what} must be on or off, not '{s.Text}'",
            Suggest.AllClosest(s.Text, words).Count > 0 ? Suggest.Fix(s.Text, words, "value")
                : $"write {f.Key} = on or {f.Key} = off (true/false and yes/no work too)");
        return false;
    }

    private bool TryProbability(HoconField f, string what, string example, out double value)
    {
        value = 0;
        if (!TryScalar(f, what, out var s, example)) return false;
        if (UnitParser.TryParsePercentOrProbability(s.Text, out value, out var err)) return true;
        Error(s.At, $"bad {what}: {err}", $"write e.g. {example}");
        return false;
    }

    private bool TryQueue(HoconField f, string what, out QueueLimit value)
    {
        value = default;
        if (!TryScalar(f, what, out var s, $"{f.Key} = 100p")) return false;
        if (!UnitParser.TryParseQueueLimit(s.Text, out value, out var err))
        {
            Error(s.At, $"bad {what}: {err}", $"write e.g. {f.Key} = 100p or {f.Key} = 64KiB");
            return false;
        }
        if (value.Bytes > ScenarioLimits.MaxBytes)
        {
            Error(s.At, $"{what} holds {value.Bytes} B; at most {ScenarioLimits.MaxBytes} B (1 PiB)", $"write e.g. {f.Key} = 64KiB");
            return false;
        }
        return true;
    }

    private bool TryAddress(HoconValue v, string what, out IpAddress address)
    {
        address = default;
        if (v is HoconScalar { Kind: HoconScalarKind.Invalid }) return false;
        if (v is HoconScalar s && s.Kind is HoconScalarKind.String or HoconScalarKind.Number)
        {
            if (IpAddress.TryParse(s.Text, out address)) return true;
            Error(v.At, $"bad {what}: '{s.Text}' is not an IPv4 or IPv6 address",
                s.Text.Contains('/') ? "write an address without a prefix length, e.g. 10.0.1.1" : "write e.g. 10.0.1.1 or \"2001:db8::1\" (IPv6 in quotes)");
            return false;
        }
        Error(v.At, $"bad {what}: expected an address, not {Describe(v)}", "write e.g. 10.0.1.1 or \"2001:db8::1\" (IPv6 in quotes)");
        return false;
    }

    /// <summary>A prefix with its host bits zero; "10.0.1.1/24" is refused with the network it probably meant.</summary>
    private bool TryPrefix(HoconValue v, string what, out IpPrefix prefix)
    {
        prefix = default;
        if (v is HoconScalar { Kind: HoconScalarKind.Invalid }) return false;
        if (v is not HoconScalar { Kind: HoconScalarKind.String } s)
        {
            Error(v.At, $"bad {what}: expected a prefix, not {Describe(v)}", "write e.g. 10.0.1.0/24 or \"2001:db8:1::/64\" (IPv6 in quotes)");
            return false;
        }
        if (IpPrefix.TryParse(s.Text, out prefix)) return true;
        int slash = s.Text.IndexOf('/');
        if (slash > 0 && IpAddress.TryParse(s.Text.AsSpan(0, slash), out var addr)
            && int.TryParse(s.Text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int len)
            && len <= (addr.IsV4 ? 32 : 128))
        {
            var network = IpPrefix.Of(addr, len);
            Error(v.At, $"bad {what}: {s.Text} has host bits set",
                $"write the network address: {(network.Family == IpFamily.V6 ? $"\"{network}\"" : network.ToString())}");
            return false;
        }
        Error(v.At, $"bad {what}: '{s.Text}' is not a prefix (address/length)",
            "write e.g. 10.0.1.0/24 or \"2001:db8:1::/64\" (IPv6 in quotes)");
        return false;
    }

    private static string FamilyName(IpFamily f) => f == IpFamily.V4 ? "IPv4" : "IPv6";
}
