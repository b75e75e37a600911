using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios.Generators;
using ActorNet.Core.Scenarios.Hocon;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Scenarios;

/// <summary>
/// The <c>generate { ... }</c> section (docs/SCENARIOS.md, "Generated topologies"): checked here
/// key by key, then expanded by <see cref="TopologyGenerator"/> and <see cref="TrafficGenerator"/>
/// into ordinary nodes, links and apps, which the rest of the validator treats like hand-written
/// ones (they come first in link and app order). Generated entities are correct by construction
/// (connected, addresses from the pool, ports distinct), so the costly per-app checks are skipped
/// for them; what is checked is how they meet the hand-written part: names, addresses, ports.
/// </summary>
internal sealed partial class ScenarioValidator
{
    private static readonly string[] TopologyNames = ["fat-tree", "random", "chain", "ring"];
    private static readonly string[] GenerateCommonKeys = ["topology", "rate", "delay", "host-rate", "host-delay", "queue", "address-pool", "traffic"];
    private static readonly string[] TrafficTypes = ["udp-pairs", "ping-all"];

    /// <summary>Largest fat-tree: k = 48 has 27,648 hosts and 82,944 links.</summary>
    private const int MaxFatTreeK = 48;
    private const int MaxGeneratedRouters = 100_000;
    private const int MaxGeneratedNodes = 1_000_000;
    private const int MaxHostsPerRouter = 64;
    /// <summary>ping-all makes one app per ordered pair of hosts; past this, use udp-pairs.</summary>
    private const int MaxPingAllApps = 20_000;
    /// <summary>Generated sink ports stay below the ephemeral range (Host.EphemeralFirst = 49152) that senders draw from.</summary>
    private const int MaxGeneratedPort = 49151;
    /// <summary>Generated links have the default MTU.</summary>
    private const int GeneratedMtu = 1500;

    private static string[] GenerateKeys(GeneratedTopologyKind kind) => kind switch
    {
        GeneratedTopologyKind.FatTree => [.. GenerateCommonKeys, "k"],
        GeneratedTopologyKind.Random => [.. GenerateCommonKeys, "routers", "degree", "seed", "min-delay", "max-delay", "hosts-per-router"],
        _ => [.. GenerateCommonKeys, "routers", "hosts-per-router"],
    };

    private static readonly string[] AllGenerateKeys =
        [.. GenerateCommonKeys, "k", "routers", "degree", "seed", "min-delay", "max-delay", "hosts-per-router"];

    private static string TopologyName(GeneratedTopologyKind kind) => TopologyNames[(int)kind];

    /// <summary>What the generate section made, and what the hand-written part must not clash with.</summary>
    private sealed class GeneratedPart
    {
        public required GeneratedTopology Topology { get; init; }
        public required List<AppSpec> Apps { get; init; }
        public required HashSet<string> NodeNames { get; init; }
        /// <summary>How the generated nodes are named, for fixes ("core-*, agg-*, edge-*, host-*").</summary>
        public required string NamePatterns { get; init; }
        public required SourceSpan At { get; init; }
        public required Ipv4Prefix Pool { get; init; }
        /// <summary>[First, End) of the pool's addresses the links use.</summary>
        public required ulong UsedFirst { get; init; }
        public required ulong UsedEnd { get; init; }
        /// <summary>Where <c>traffic</c> is written, if anywhere (for the routing check).</summary>
        public SourceSpan? TrafficAt { get; init; }
    }

    private GeneratedPart? _generated;
    /// <summary>generate was written but had errors: names it would have made are unknown, and not reported again.</summary>
    private bool _generateFailed;

    private void ReadGenerate(HoconObject root, ulong runSeed)
    {
        var field = root.Get("generate");
        if (field is null) return;
        int before = _errors.Count;
        _generateFailed = true;   // until it succeeds
        if (field.Value is not HoconObject obj)
        {
            ErrorUnlessInvalid(field.Value, $"generate must be an object, not {Describe(field.Value)}",
                "write generate { topology = fat-tree, k = 4, rate = 1Gbit/s, delay = 10us }");
            return;
        }

        GeneratedTopologyKind? kind = null;
        var tf = obj.Get("topology");
        if (tf is null)
            Error(obj.At, "generate has no topology", $"add topology = <{string.Join(" | ", TopologyNames)}>");
        else if (TryText(tf, "topology of generate", out var t))
        {
            int i = Array.IndexOf(TopologyNames, t);
            if (i >= 0) kind = (GeneratedTopologyKind)i;
            else Error(tf.Value.At, $"unknown topology '{t}' in generate", Suggest.Fix(t, TopologyNames, "topology"));
        }
        CheckGenerateKeys(obj, kind);

        var p = kind is { } k ? ReadTopologyParameters(obj, k, runSeed) : null;
        int? hosts = p is null ? null : HostCount(p);
        var traffic = ReadTraffic(obj, hosts, runSeed);

        if (p is null || kind is null || _errors.Count != before) return;
        long links = TopologyGenerator.LinkCount(p);
        long capacity = TopologyGenerator.PoolCapacity(p.AddressPool);
        if (links > capacity)
        {
            int bits = 0;
            while ((1L << bits) < links) bits++;
            var at = obj.Get("address-pool")?.Value.At ?? tf!.Value.At;
            string what = kind == GeneratedTopologyKind.FatTree ? $"this fat-tree (k = {p.K})" : $"this {TopologyName(kind.Value)} topology";
            Error(at, $"address pool {p.AddressPool} holds {capacity} /30 link subnets; {what} needs {links} links",
                30 - bits >= 0
                    ? $"use a larger pool, e.g. address-pool = {Ipv4Prefix.Of(p.AddressPool.Network, 30 - bits)}"
                    : "use fewer routers or hosts: no IPv4 pool is that large");
            return;
        }

        var topology = TopologyGenerator.Build(p, tf!.KeyAt);
        var apps = new List<AppSpec>();
        var sinks = new Dictionary<(string Node, ushort Port), string>();
        foreach (var (spec, at, portAt) in traffic)
        {
            foreach (var app in TrafficGenerator.Build(spec, topology.Hosts, at))
            {
                if (app is UdpSinkAppSpec sink && !sinks.TryAdd((sink.Node, sink.Port), spec.Name))
                {
                    Error(portAt, $"traffic {spec.Name} binds UDP port {sink.Port} on {sink.Node}, already bound by traffic {sinks[(sink.Node, sink.Port)]}",
                        "give each udp-pairs entry its own port range: raise port, or leave it out to continue after the previous entry");
                    return;
                }
                apps.Add(app);
            }
        }
        ulong first = p.AddressPool.Network.Value;
        _generated = new GeneratedPart
        {
            Topology = topology,
            Apps = apps,
            NodeNames = topology.Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal),
            NamePatterns = kind == GeneratedTopologyKind.FatTree ? "core-*, agg-*, edge-* and host-*" : "r<n> and h<n>",
            At = tf.KeyAt,
            Pool = p.AddressPool,
            UsedFirst = first,
            UsedEnd = first + 4UL * (ulong)links,
            TrafficAt = obj.Get("traffic")?.KeyAt,
        };
        _generateFailed = false;
    }

    private void CheckGenerateKeys(HoconObject obj, GeneratedTopologyKind? kind)
    {
        var known = kind is { } k ? GenerateKeys(k) : AllGenerateKeys;
        foreach (var f in obj.Fields)
        {
            if (known.Contains(f.Key)) continue;
            if (kind is { } kk && AllGenerateKeys.Contains(f.Key))
            {
                var users = TopologyNames.Where((_, i) => GenerateKeys((GeneratedTopologyKind)i).Contains(f.Key));
                Error(f.KeyAt, $"key '{f.Key}' does not apply to topology = {TopologyName(kk)}",
                    $"remove it ({f.Key} is for {string.Join(" and ", users)})");
                continue;
            }
            Error(f.KeyAt, $"unknown key '{f.Key}' in generate", Suggest.Fix(f.Key, known, "key"));
        }
    }

    private static int HostCount(TopologyParameters p) =>
        p.Kind == GeneratedTopologyKind.FatTree ? p.K * p.K * p.K / 4 : p.Routers * p.HostsPerRouter;

    /// <summary>The topology's parameters, or null if any is wrong (each reported at its key or value).</summary>
    private TopologyParameters? ReadTopologyParameters(HoconObject obj, GeneratedTopologyKind kind, ulong runSeed)
    {
        int before = _errors.Count;
        string name = TopologyName(kind);
        int k = 0, routers = 0, degree = 4, hostsPerRouter = 1;
        int topologySeed = FoldSeed(runSeed);

        if (kind == GeneratedTopologyKind.FatTree)
        {
            var kf = obj.Get("k");
            if (kf is null) Error(obj.At, "generate (fat-tree) has no k", "add k = 4 (an even number from 2 to 48)");
            else if (TryInt(kf, "k of the fat-tree", long.MinValue, long.MaxValue, "k = 4", out long kv, range: $"even, from 2 to {MaxFatTreeK}"))
            {
                if (kv % 2 != 0)
                    Error(kf.Value.At, $"fat-tree k = {kv} is odd; a fat-tree needs an even k (k/2 ports up, k/2 down)",
                        kv < 2 ? "use k = 2 or more" : $"use k = {Math.Min(kv - 1, MaxFatTreeK)} or k = {Math.Min(kv + 1, MaxFatTreeK)}");
                else if (kv < 2 || kv > MaxFatTreeK)
                    Error(kf.Value.At, $"fat-tree k = {kv} is out of range; k runs from 2 to {MaxFatTreeK}",
                        $"use an even k from 2 to {MaxFatTreeK}, e.g. k = 8 (80 switches, 128 hosts)");
                else k = (int)kv;
            }
        }
        else
        {
            int min = kind == GeneratedTopologyKind.Ring ? 3 : 2;
            var rf = obj.Get("routers");
            if (rf is null) Error(obj.At, $"generate ({name}) has no routers", "add e.g. routers = 10");
            else if (TryInt(rf, $"routers of the {name}", long.MinValue, long.MaxValue, "routers = 10", out long rv, range: $"from {min} to {MaxGeneratedRouters}"))
            {
                if (rv < min)
                    Error(rf.Value.At, $"routers = {rv}; a {name} needs at least {min} routers", $"use routers = {min} or more");
                else if (rv > MaxGeneratedRouters)
                    Error(rf.Value.At, $"routers = {rv} is more than the {MaxGeneratedRouters} a generated topology may have", $"use at most routers = {MaxGeneratedRouters}");
                else routers = (int)rv;
            }
            if (obj.Get("hosts-per-router") is { } hf
                && TryInt(hf, "hosts-per-router", 0, MaxHostsPerRouter, "hosts-per-router = 1", out long hv))
            {
                hostsPerRouter = (int)hv;
                if (routers > 0 && (long)routers * (1 + hostsPerRouter) > MaxGeneratedNodes)
                    Error(hf.Value.At, $"{routers} routers with {hostsPerRouter} hosts each make {(long)routers * (1 + hostsPerRouter)} nodes, more than {MaxGeneratedNodes}",
                        "use fewer routers or fewer hosts per router");
            }
        }

        if (kind == GeneratedTopologyKind.Random)
        {
            if (obj.Get("degree") is { } df)
            {
                if (TryInt(df, "degree of the random topology", 1, long.MaxValue, "degree = 4", out long dv))
                {
                    if (routers > 0 && dv > routers - 1)
                        Error(df.Value.At, $"degree = {dv} is too high for {routers} routers: a router has at most {routers - 1} neighbours",
                            $"use degree = {routers - 1} or less, or more routers");
                    else degree = (int)Math.Min(dv, int.MaxValue);
                }
            }
            else if (routers > 0) degree = Math.Min(4, routers - 1);
            if (obj.Get("seed") is { } sf)
            {
                ulong s = 0;
                int errs = _errors.Count;
                ReadSeed(sf, ref s);
                if (_errors.Count == errs) topologySeed = FoldSeed(s);
            }
        }

        // Delays: one delay, or (random only) a range.
        SimTime? delay = null, minDelay = null, maxDelay = null;
        var delayField = obj.Get("delay");
        var minField = kind == GeneratedTopologyKind.Random ? obj.Get("min-delay") : null;
        var maxField = kind == GeneratedTopologyKind.Random ? obj.Get("max-delay") : null;
        if (delayField is not null && TryPositiveDuration(delayField, "delay of generate", "delay = 10us", out var d)) delay = d;
        if (minField is not null && TryPositiveDuration(minField, "min-delay of generate", "min-delay = 1ms", out var dmin)) minDelay = dmin;
        if (maxField is not null && TryPositiveDuration(maxField, "max-delay of generate", "max-delay = 10ms", out var dmax)) maxDelay = dmax;
        if (delayField is not null && (minField ?? maxField) is { } extra)
            Error(extra.KeyAt, "generate has both delay and a delay range", "give either delay (one delay for all links) or min-delay and max-delay, not both");
        else if (delayField is null && minField is null && maxField is null)
            Error(obj.At, "generate has no delay", kind == GeneratedTopologyKind.Random
                ? "add delay = 1ms, or min-delay = 1ms and max-delay = 10ms for random delays"
                : "add e.g. delay = 10us");
        else if (delayField is null && (minField is null || maxField is null))
            Error(obj.At, $"generate has {(minField is null ? "max-delay but no min-delay" : "min-delay but no max-delay")}",
                minField is null ? "add min-delay, e.g. min-delay = 1ms" : "add max-delay, e.g. max-delay = 10ms");
        else if (minDelay is { } lo && maxDelay is { } hi && hi < lo)
            Error(maxField!.Value.At, $"max-delay {hi} is less than min-delay {lo}", $"make max-delay at least {lo}");
        delay ??= minDelay;
        maxDelay ??= delay;

        DataRate? rate = null;
        var rateField = obj.Get("rate");
        if (rateField is null) Error(obj.At, "generate has no rate", "add e.g. rate = 1Gbit/s (the rate of every generated link)");
        else if (TryRate(rateField, "rate of generate", "rate = 1Gbit/s", out var r)) rate = r;
        DataRate? hostRate = rate;
        if (obj.Get("host-rate") is { } hrf)
            hostRate = TryRate(hrf, "host-rate of generate", "host-rate = 1Gbit/s", out var hr) ? hr : null;
        SimTime? hostDelay = delay;
        if (obj.Get("host-delay") is { } hdf)
            hostDelay = TryPositiveDuration(hdf, "host-delay of generate", "host-delay = 10us", out var hd) ? hd : null;

        var queue = QueueLimit.Default;
        if (obj.Get("queue") is { } qf && TryQueue(qf, "queue of generate", out var q)) queue = q;

        var pool = new Ipv4Prefix(new Ipv4Address(10, 0, 0, 0), 8);
        if (obj.Get("address-pool") is { } pf && TryPrefix(pf.Value, "address-pool of generate", out var prefix))
        {
            if (prefix.Family != IpFamily.V4)
                Error(pf.Value.At, $"address-pool {prefix} is IPv6; generated links get IPv4 /30 subnets", "write an IPv4 pool, e.g. address-pool = 10.0.0.0/8");
            else if (prefix.Length > 30)
                Error(pf.Value.At, $"address-pool {prefix} is smaller than one /30 link subnet", "use a pool of /30 or larger, e.g. address-pool = 10.0.0.0/16");
            else pool = prefix.V4;
        }

        if (_errors.Count != before || rate is null || delay is null || maxDelay is null || hostRate is null || hostDelay is null)
            return null;
        return new TopologyParameters
        {
            Kind = kind,
            K = k,
            Routers = routers,
            Degree = degree,
            TopologySeed = topologySeed,
            HostsPerRouter = hostsPerRouter,
            Rate = rate.Value,
            MinDelay = delay.Value,
            MaxDelay = maxDelay.Value,
            HostRate = hostRate.Value,
            HostDelay = hostDelay.Value,
            Queue = queue,
            AddressPool = pool,
        };
    }

    /// <summary>System.Random takes an int seed: fold the 64 bits into 31 so every bit counts.</summary>
    private static int FoldSeed(ulong seed) => (int)((seed ^ (seed >> 32)) & int.MaxValue);

    private static string[] TrafficKeys(string type) => type switch
    {
        "udp-pairs" => ["type", "name", "flows", "rate", "packet-size", "start", "stop", "seed", "port"],
        _ => ["type", "name", "count", "interval", "size", "timeout", "start"],
    };

    /// <summary>The traffic entries that are right, with where each was written and where its ports are; wrong ones are reported.</summary>
    private List<(TrafficParameters Spec, SourceSpan At, SourceSpan PortAt)> ReadTraffic(HoconObject gen, int? hosts, ulong runSeed)
    {
        var result = new List<(TrafficParameters, SourceSpan, SourceSpan)>();
        var field = gen.Get("traffic");
        if (field is null) return result;
        if (field.Value is not HoconArray arr)
        {
            ErrorUnlessInvalid(field.Value, $"traffic must be an array of traffic objects, not {Describe(field.Value)}",
                "write traffic = [ { type = udp-pairs, flows = 10, rate = 100Mbit/s } ]");
            return result;
        }
        var perType = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        int nextPort = 5000;
        for (int i = 0; i < arr.Items.Count; i++)
        {
            if (arr.Items[i] is not HoconObject obj)
            {
                ErrorUnlessInvalid(arr.Items[i], $"traffic #{i + 1} must be an object, not {Describe(arr.Items[i])}",
                    "write { type = udp-pairs, flows = 10, rate = 100Mbit/s }");
                continue;
            }
            var typeField = obj.Get("type");
            if (typeField is null)
            {
                Error(obj.At, $"traffic #{i + 1} has no type", $"add type = <{string.Join(" | ", TrafficTypes)}>");
                continue;
            }
            if (!TryText(typeField, $"type of traffic #{i + 1}", out var type)) continue;
            if (!TrafficTypes.Contains(type))
            {
                Error(typeField.Value.At, $"unknown traffic type '{type}'", Suggest.Fix(type, TrafficTypes, "traffic type"));
                continue;
            }
            int n = perType[type] = perType.GetValueOrDefault(type) + 1;
            string name = $"{type}-{n}";
            bool ok = true;
            if (obj.Get("name") is { } nf && TryText(nf, $"name of traffic #{i + 1}", out var given))
            {
                // The generated apps are named <name>-sink-<i> and the like: leave room for the tail.
                if (ScenarioNames.EntityNameProblem(given, ScenarioNames.MaxTrafficNameLength) is { } why)
                {
                    Error(nf.Value.At, $"bad traffic name '{ScenarioNames.Shown(given)}': {why}",
                        $"use letters, digits, '-' and '_', at most {ScenarioNames.MaxTrafficNameLength} characters (the apps it makes add up to 11), e.g. name = \"bulk\"");
                    ok = false;
                }
                else name = given;
            }
            string where = $"traffic {name}";
            if (!names.TryAdd(name, obj.At))
            {
                Error(obj.Get("name")?.Value.At ?? obj.At, $"duplicate traffic name {name}", $"choose another name (the first {name} is at line {names[name].Line})");
                ok = false;
            }
            CheckKeys(obj, where, TrafficKeys(type));

            SimTime start = SimTime.Zero;
            if (obj.Get("start") is { } stf)
            {
                if (!TryNonNegativeDuration(stf, $"start of {where}", "start = 0s", out start)) ok = false;
                else if (_stopAt is { } stopAt && start >= stopAt)
                {
                    Error(stf.Value.At, $"{where} starts at {start}, after the run ends (stop-at = {stopAt})", $"start it before {stopAt}, or raise stop-at");
                    ok = false;
                }
            }
            if (hosts is { } h && h < 2)
            {
                Error(typeField.Value.At, $"{where} needs at least two hosts; the generated topology has {h}",
                    "generate more hosts (hosts-per-router = 1 or more)");
                ok = false;
            }

            if (type == "udp-pairs")
            {
                long flows = 0;
                var ff = obj.Get("flows");
                if (ff is null) { Error(obj.At, $"{where} has no flows", "add flows = <number of flows>, e.g. flows = 10"); ok = false; }
                else if (!TryInt(ff, $"flows of {where}", 1, 65535, "flows = 10", out flows)) ok = false;
                DataRate rate = default;
                var rf = obj.Get("rate");
                if (rf is null) { Error(obj.At, $"{where} has no rate", "add the rate of each flow, e.g. rate = 100Mbit/s"); ok = false; }
                else if (!TryRate(rf, $"rate of {where}", "rate = 100Mbit/s", out rate)) ok = false;
                long size = 1500;
                if (obj.Get("packet-size") is { } psf
                    && !TryInt(psf, $"packet-size of {where}", Ipv4HeaderBytes + UdpHeaderBytes, GeneratedMtu, "packet-size = 1500", out size))
                    ok = false;
                SimTime stop = _stopAt ?? SimTime.MaxValue;
                if (obj.Get("stop") is { } spf)
                {
                    if (!TryPositiveDuration(spf, $"stop of {where}", "stop = 1s", out stop)) ok = false;
                    else if (stop <= start)
                    {
                        Error(spf.Value.At, $"{where} stops at {stop}, not after its start ({start})", $"make stop later than start, e.g. stop = {start + SimTime.FromSeconds(1)}");
                        ok = false;
                    }
                }
                ulong seed = runSeed;
                if (obj.Get("seed") is { } sdf)
                {
                    int errs = _errors.Count;
                    ReadSeed(sdf, ref seed);
                    if (_errors.Count != errs) ok = false;
                }
                long port = nextPort;
                var pf = obj.Get("port");
                if (pf is not null && !TryInt(pf, $"port of {where}", 1, MaxGeneratedPort, "port = 5000", out port)) ok = false;
                if (ok && port + flows - 1 > MaxGeneratedPort)
                {
                    Error(pf?.Value.At ?? obj.At, $"{where} would use ports {port}..{port + flows - 1}, past {MaxGeneratedPort} (49152 and up are the senders' ephemeral ports)",
                        pf is null ? "set a lower first port, e.g. port = 5000" : $"use port = {MaxGeneratedPort - flows + 1} or lower, or fewer flows");
                    ok = false;
                }
                if (ok)
                {
                    nextPort = (int)(port + flows);
                    result.Add((new UdpPairsParameters
                    {
                        Name = name, Start = start, Flows = (int)flows, Rate = rate, PacketBytes = (int)size,
                        Stop = stop, Seed = seed, FirstPort = (ushort)port,
                    }, obj.At, pf?.Value.At ?? obj.At));
                }
            }
            else
            {
                long count = 1;
                if (obj.Get("count") is { } cf && !TryInt(cf, $"count of {where}", 1, int.MaxValue, "count = 1", out count)) ok = false;
                var interval = SimTime.FromSeconds(1);
                if (obj.Get("interval") is { } inf && !TryPositiveDuration(inf, $"interval of {where}", "interval = 1s", out interval)) ok = false;
                long size = 56;
                if (obj.Get("size") is { } szf
                    && !TryInt(szf, $"size of {where}", 0, GeneratedMtu - Ipv4HeaderBytes - IcmpEchoHeaderBytes, "size = 56", out size))
                    ok = false;
                var timeout = SimTime.FromSeconds(2);
                if (obj.Get("timeout") is { } tof && !TryPositiveDuration(tof, $"timeout of {where}", "timeout = 2s", out timeout)) ok = false;
                if (hosts is { } h2 && (long)h2 * (h2 - 1) > MaxPingAllApps)
                {
                    Error(typeField.Value.At, $"{where} would make {(long)h2 * (h2 - 1)} ping apps ({h2} hosts, every ordered pair); at most {MaxPingAllApps}",
                        "use udp-pairs for large topologies, or fewer hosts");
                    ok = false;
                }
                if (ok)
                    result.Add((new PingAllParameters
                    {
                        Name = name, Start = start, Count = (int)count, Interval = interval, DataBytes = (int)size, Timeout = timeout,
                    }, obj.At, obj.At));
            }
        }
        return result;
    }

    /// <summary>Generated traffic relies on computed routes; a generated topology has no static ones.</summary>
    private void CheckGeneratedTrafficRouting(RoutingSpec routing)
    {
        if (_generated is { Apps.Count: > 0, TrafficAt: { } at } && routing.Mode == RouteMode.Static)
            Error(at, "generated traffic needs computed routes, but routing mode is static",
                "use routing { mode = computed } (the default), or write the apps and routes by hand");
    }

    /// <summary>True (and reported) if a hand-written subnet overlaps the addresses the generated links use.</summary>
    private bool OverlapsGeneratedPool(IpPrefix subnet, SourceSpan at, string where)
    {
        if (_generated is not { } g || subnet.Family != IpFamily.V4) return false;
        ulong first = subnet.Network.V4.Value;
        ulong end = first + (1UL << (32 - subnet.Length));
        if (first >= g.UsedEnd || end <= g.UsedFirst) return false;
        string range = $"{new Ipv4Address((uint)g.UsedFirst)} to {new Ipv4Address((uint)(g.UsedEnd - 1))}";
        Error(at, $"subnet {subnet} of {where} overlaps the generated links' addresses ({range}, from address-pool {g.Pool})",
            $"use a subnet outside {range} (e.g. 192.168.0.0/24), or move address-pool");
        return true;
    }
}
