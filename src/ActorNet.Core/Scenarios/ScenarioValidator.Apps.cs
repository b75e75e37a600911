using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios.Hocon;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Scenarios;

internal sealed partial class ScenarioValidator
{
    private static readonly string[] AppTypes = ["ping", "traceroute", "udp-cbr", "udp-onoff", "udp-sink", "tcp-bulk", "tcp-sink", "http-client", "http-server"];
    private static readonly string[] CommonAppKeys = ["type", "name", "node", "start"];

    private static string[] AppKeys(string type) => type switch
    {
        "ping" => [.. CommonAppKeys, "target", "count", "interval", "size", "ttl", "timeout"],
        "traceroute" => [.. CommonAppKeys, "target", "max-hops", "probes", "packet-size", "port", "timeout"],
        "udp-cbr" => [.. CommonAppKeys, "target", "port", "rate", "packet-size", "stop"],
        "udp-onoff" => [.. CommonAppKeys, "target", "port", "rate", "packet-size", "on", "off", "stop"],
        "tcp-bulk" => [.. CommonAppKeys, "target", "port", "bytes", "sha256", "tcp"],
        "tcp-sink" => [.. CommonAppKeys, "port", "read-rate", "read-interval", "sha256", "tcp"],
        "http-client" => [.. CommonAppKeys, "target", "port", "response-size", "requests", "think-time", "tcp"],
        "http-server" => [.. CommonAppKeys, "port", "tcp"],
        _ => [.. CommonAppKeys, "port"],
    };

    private const int Ipv4HeaderBytes = 20;   // RFC 791, no options
    private const int Ipv6HeaderBytes = 40;   // RFC 8200
    private const int UdpHeaderBytes = 8;     // RFC 768
    private const int IcmpEchoHeaderBytes = 8; // RFC 792 / RFC 4443

    /// <summary>What every app has, read before its type-specific keys.</summary>
    private sealed class AppContext
    {
        public required HoconObject Obj { get; init; }
        public required string Type { get; init; }
        public required string Name { get; init; }
        public required string Where { get; init; }
        /// <summary>A declared host (else null).</summary>
        public string? Node { get; set; }
        public SimTime Start { get; set; }
        public bool Ok { get; set; } = true;
        /// <summary>Resolved target, its owner and the source family's first link on the app node.</summary>
        public IpAddress? Target { get; set; }
        public string? TargetNode { get; set; }
        public LinkDraft? FirstLink { get; set; }
    }

    private List<AppSpec> ReadApps(HoconObject root, List<LinkDraft> links, RoutingSpec routing, List<RouteDraft> routes,
        bool checkReachability)
    {
        var apps = new List<AppSpec>();
        var names = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        // Keyed by protocol too: a host may bind UDP 5001 and TCP 5001 at once.
        var sinkPorts = new Dictionary<(string Protocol, string Node, ushort Port), (string App, SourceSpan At)>();
        // Generated apps come first; hand-written ones must not reuse their names or sink ports.
        if (_generated is not null)
        {
            foreach (var app in _generated.Apps)
            {
                apps.Add(app);
                names[app.Name] = app.At;
                if (app is UdpSinkAppSpec s) sinkPorts[("UDP", s.Node, s.Port)] = (s.Name, s.At);
            }
        }
        var field = root.Get("apps");
        if (field is null) return apps;
        if (field.Value is not HoconArray arr)
        {
            ErrorUnlessInvalid(field.Value, $"apps must be an array of app objects, not {Describe(field.Value)}",
                "write apps = [ { type = ping, node = h1, target = h2 } ]");
            return apps;
        }
        var perType = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < arr.Items.Count; i++)
        {
            if (arr.Items[i] is not HoconObject obj)
            {
                ErrorUnlessInvalid(arr.Items[i], $"app #{i + 1} must be an object, not {Describe(arr.Items[i])}",
                    "write { type = ping, node = h1, target = h2 }");
                continue;
            }
            var typeField = obj.Get("type");
            if (typeField is null)
            {
                Error(obj.At, $"app #{i + 1} has no type", $"add type = <{string.Join(" | ", AppTypes)}>");
                continue;
            }
            if (!TryText(typeField, $"type of app #{i + 1}", out var type)) continue;
            if (!AppTypes.Contains(type))
            {
                Error(typeField.Value.At, $"unknown app type '{type}'", Suggest.Fix(type, AppTypes, "app type"));
                continue;
            }
            int n = perType[type] = perType.GetValueOrDefault(type) + 1;
            string name = $"{type}-{n}";
            var nameField = obj.Get("name");
            if (nameField is not null && TryText(nameField, $"name of app #{i + 1}", out var given))
            {
                if (ScenarioNames.EntityNameProblem(given) is { } why)
                    Error(nameField.Value.At, $"bad app name '{ScenarioNames.Shown(given)}': {why}", $"use {ScenarioNames.EntityRule}, e.g. name = \"ping-h1\"");
                else name = given;
            }
            var ctx = new AppContext { Obj = obj, Type = type, Name = name, Where = $"app {name}" };
            if (names.TryGetValue(name, out var firstAt))
            {
                Error(nameField?.Value.At ?? obj.At, $"duplicate app name {name}",
                    $"choose another name (the first {name} is at line {firstAt.Line})");
                ctx.Ok = false;
            }
            else names[name] = obj.At;

            CheckKeys(obj, ctx.Where, AppKeys(type));
            ReadAppNode(ctx);
            AppSpec? spec = type switch
            {
                "ping" => ReadPing(ctx, links),
                "traceroute" => ReadTraceroute(ctx, links),
                "udp-cbr" => ReadUdpCbr(ctx, links),
                "udp-onoff" => ReadUdpOnOff(ctx, links),
                "tcp-bulk" => ReadTcpBulk(ctx, links),
                "tcp-sink" => ReadTcpSink(ctx),
                "http-client" => ReadHttpClient(ctx, links),
                "http-server" => ReadHttpServer(ctx),
                _ => ReadUdpSink(ctx),
            };
            if (checkReachability && ctx.Node is not null && ctx.Target is { } t && ctx.TargetNode is not null)
            {
                var why = WhyUnreachable(ctx.Node, t, ctx.TargetNode, links, routing, routes);
                var targetAt = obj.Get("target")!.Value.At;
                if (why is not null)
                {
                    Error(targetAt, $"{ctx.Where}: target {t} ({ctx.TargetNode}) is unreachable from {ctx.Node}: {why}",
                        routing.Mode == RouteMode.Static
                            ? "add static routes (routes = [ { node, prefix, via } ]) along the path, or use routing { mode = computed }"
                            : $"add links that join {ctx.Node} to {ctx.TargetNode}");
                    ctx.Ok = false;
                }
                // Ping's replies and TCP's SYN-ACK and ACKs (and HTTP's response) need the way back as well.
                else if (type is "ping" or "tcp-bulk" or "http-client" && routing.Mode == RouteMode.Static
                         && SourceAddress(ctx.Node, t.Family, links) is { } src
                         && WhyUnreachable(ctx.TargetNode, src, ctx.Node, links, routing, routes) is { } back)
                {
                    Error(targetAt, $"{ctx.Where}: replies from {ctx.TargetNode} cannot reach {src} ({ctx.Node}): {back}",
                        "add static routes for the way back");
                    ctx.Ok = false;
                }
            }
            // A host binds a port of a protocol once; a second sink or server on it would fail the run at start.
            if (SinkPort(spec) is { } bound && ctx.Ok)
            {
                // An http-server may leave its port to the default (80): then the app's '{' is the place.
                var portAt = obj.Get("port")?.Value.At ?? obj.At;
                if (sinkPorts.TryGetValue(bound, out var first))
                {
                    string who = bound.Protocol == "TCP" ? "listener (tcp-sink, http-server)" : "sink";
                    Error(portAt, $"{ctx.Where} binds {bound.Protocol} port {bound.Port} on {bound.Node}, already bound by app {first.App}",
                        $"give each {who} on {bound.Node} its own port (app {first.App} is at line {first.At.Line})");
                    ctx.Ok = false;
                }
                else sinkPorts[bound] = (spec!.Name, portAt);
            }
            if (spec is not null && ctx.Ok) apps.Add(spec);
        }
        return apps;
    }

    private static (string Protocol, string Node, ushort Port)? SinkPort(AppSpec? spec) => spec switch
    {
        UdpSinkAppSpec u => ("UDP", u.Node, u.Port),
        TcpSinkAppSpec t => ("TCP", t.Node, t.Port),
        HttpServerAppSpec h => ("TCP", h.Node, h.Port),
        _ => null,
    };

    private void ReadAppNode(AppContext ctx)
    {
        var nf = ctx.Obj.Get("node");
        if (nf is null)
        {
            Error(ctx.Obj.At, $"{ctx.Where} has no node", "add node = <the host it runs on>");
            ctx.Ok = false;
        }
        else if (!TryText(nf, $"node of {ctx.Where}", out var node) || !IsKnownNode(node, nf.Value.At, ctx.Where))
        {
            ctx.Ok = false;
        }
        else if (_nodes[node].Kind != NodeKind.Host)
        {
            Error(nf.Value.At, $"{ctx.Where} runs on router {node}; apps run on hosts",
                $"put the app on a host, or declare {node} = host");
            ctx.Ok = false;
        }
        else ctx.Node = node;

        if (ctx.Obj.Get("start") is { } sf)
        {
            if (TryNonNegativeDuration(sf, $"start of {ctx.Where}", "start = 1s", out var start))
            {
                ctx.Start = start;
                if (_stopAt is { } stopAt && start >= stopAt)
                {
                    Error(sf.Value.At, $"{ctx.Where} starts at {start}, after the run ends (stop-at = {stopAt})",
                        $"start it before {stopAt}, or raise stop-at");
                    ctx.Ok = false;
                }
            }
            else ctx.Ok = false;
        }
    }

    /// <summary>The node's first address (links in file order) of the family, or null.</summary>
    private static IpAddress? SourceAddress(string node, IpFamily family, List<LinkDraft> links)
    {
        foreach (var l in links)
            if (l.AddressOf(node) is { } a && a.Family == family) return a;
        return null;
    }

    private static IpFamily? FirstFamily(string node, List<LinkDraft> links)
    {
        foreach (var l in links)
            if (l.Peer(node) is not null && l.Subnet is { } s) return s.Family;
        return null;
    }

    /// <summary>
    /// Resolves <c>target</c>: a node name gives that node's address on its first link of the app
    /// node's family (the family of the app node's first link); a literal address must belong to
    /// some interface and the app node needs an address of the same family.
    /// </summary>
    private void ReadTarget(AppContext ctx, List<LinkDraft> links)
    {
        var tf = ctx.Obj.Get("target");
        if (tf is null)
        {
            Error(ctx.Obj.At, $"{ctx.Where} has no target", "add target = <node name or address>, e.g. target = h2");
            ctx.Ok = false;
            return;
        }
        if (!TryScalar(tf, $"target of {ctx.Where}", out var s, "target = h2")) { ctx.Ok = false; return; }
        string text = s.Text;
        if (IpAddress.TryParse(text, out var addr))
        {
            string? owner = null;
            foreach (var l in links)
            {
                if (l.AddressA == addr) owner = l.A;
                else if (l.AddressB == addr) owner = l.B;
                if (owner is not null) break;
            }
            if (owner is null)
            {
                Error(s.At, $"target address {addr} of {ctx.Where} belongs to no interface",
                    "use an address given to a link end, or the node's name (e.g. target = h2)");
                ctx.Ok = false;
                return;
            }
            if (ctx.Node is not null)
            {
                var fam = FirstFamily(ctx.Node, links);
                var src = SourceAddress(ctx.Node, addr.Family, links);
                if (src is null && fam is not null)
                {
                    Error(s.At, $"{ctx.Where} mixes families: target {addr} is {FamilyName(addr.Family)} but {ctx.Node} has no {FamilyName(addr.Family)} address",
                        $"target a {FamilyName(fam.Value)} address, or give {ctx.Node} a link with a {FamilyName(addr.Family)} subnet");
                    ctx.Ok = false;
                    return;
                }
                ctx.FirstLink = links.FirstOrDefault(l => l.Peer(ctx.Node) is not null && l.Subnet?.Family == addr.Family);
            }
            ctx.Target = addr;
            ctx.TargetNode = owner;
            return;
        }
        if (text.Length > 0 && (text.Contains(':') || text.All(c => char.IsAsciiDigit(c) || c == '.') || text.Contains('/')))
        {
            Error(s.At, $"bad target of {ctx.Where}: '{text}' is not an address",
                text.Contains('/') ? "target one address, not a prefix" : "write a node name or an address such as 10.0.1.2 or \"2001:db8::2\"");
            ctx.Ok = false;
            return;
        }
        if (!IsKnownNode(text, s.At, $"target of {ctx.Where}")) { ctx.Ok = false; return; }
        if (ctx.Node is null) { ctx.Ok = false; return; }
        var family = FirstFamily(ctx.Node, links);
        if (family is null) { ctx.Ok = false; return; } // "host has no link" or its links' errors are reported
        var targetAddr = SourceAddress(text, family.Value, links);
        if (targetAddr is null)
        {
            // It has such a link (or one whose subnet could not be read) but its address was wrong: reported there.
            if (links.Any(l => l.Peer(text) is not null && (l.Subnet is null || l.Subnet.Value.Family == family)))
            {
                ctx.Ok = false;
                return;
            }
            Error(s.At, $"target {text} of {ctx.Where} has no {FamilyName(family.Value)} address ({ctx.Node} uses {FamilyName(family.Value)})",
                $"give {text} a link with a {FamilyName(family.Value)} subnet, or target an address");
            ctx.Ok = false;
            return;
        }
        ctx.FirstLink = links.FirstOrDefault(l => l.Peer(ctx.Node) is not null && l.Subnet?.Family == family);
        ctx.Target = targetAddr;
        ctx.TargetNode = text;
    }

    private int HeaderBytes(AppContext ctx, int transport) =>
        (ctx.Target?.Family == IpFamily.V6 ? Ipv6HeaderBytes : Ipv4HeaderBytes) + transport;

    /// <summary>packet-size: IP bytes, room for IP + UDP headers, at most the MTU of the first link.</summary>
    private int ReadPacketSize(AppContext ctx, int defaultBytes)
    {
        var f = ctx.Obj.Get("packet-size");
        if (f is null)
        {
            if (!CheckFitsMtu(ctx, defaultBytes, ctx.Obj.At, "packet-size")) ctx.Ok = false;
            return defaultBytes;
        }
        if (!TryInt(f, $"packet-size of {ctx.Where}", long.MinValue, long.MaxValue, $"packet-size = {defaultBytes}", out long size,
                range: "at most 65535 (an IP packet), and at most the link MTU"))
        {
            ctx.Ok = false;
            return defaultBytes;
        }
        int header = HeaderBytes(ctx, UdpHeaderBytes);
        if (size < header)
        {
            Error(f.Value.At, $"{ctx.Where} has packet-size {size} B, too small for the IP + UDP headers ({header} B)",
                $"packet-size counts the whole IP packet: use at least {header}");
            ctx.Ok = false;
            return defaultBytes;
        }
        if (size > 65535)
        {
            Error(f.Value.At, $"{ctx.Where} has packet-size {size} B; an IP packet holds at most 65535 B", "use at most the link MTU, e.g. 1500");
            ctx.Ok = false;
            return defaultBytes;
        }
        if (!CheckFitsMtu(ctx, (int)size, f.Value.At, "packet-size")) ctx.Ok = false;
        return (int)size;
    }

    private bool CheckFitsMtu(AppContext ctx, int ipBytes, SourceSpan at, string key)
    {
        if (ctx.FirstLink is not { } l || ipBytes <= l.Mtu) return true;
        Error(at, $"{ctx.Where} sends {ipBytes} B packets, larger than the MTU {l.Mtu} of {ctx.Node}'s first link ({l.Name}); fragmentation is not simulated",
            $"make {key} smaller (at most {l.Mtu} B of IP packet), or raise the link's mtu");
        return false;
    }

    private ushort ReadPort(AppContext ctx, string key, bool required, ushort defaultPort)
    {
        var f = ctx.Obj.Get(key);
        if (f is null)
        {
            if (!required) return defaultPort;
            Error(ctx.Obj.At, $"{ctx.Where} has no {key}", $"add e.g. {key} = 9000");
            ctx.Ok = false;
            return 0;
        }
        if (!TryInt(f, $"{key} of {ctx.Where}", long.MinValue, long.MaxValue, $"{key} = 9000", out long port, range: "from 1 to 65535"))
        {
            ctx.Ok = false;
            return 0;
        }
        if (port is < 1 or > 65535)
        {
            string protocol = ctx.Type.StartsWith("tcp-", StringComparison.Ordinal) || ctx.Type.StartsWith("http-", StringComparison.Ordinal)
                ? "TCP" : "UDP";
            Error(f.Value.At, $"{ctx.Where} has {key} {port}; {protocol} ports run from 1 to 65535", $"write e.g. {key} = 9000");
            ctx.Ok = false;
            return 0;
        }
        return (ushort)port;
    }

    private int ReadCount(AppContext ctx, string key, int defaultValue, long min, long max)
    {
        var f = ctx.Obj.Get(key);
        if (f is null) return defaultValue;
        if (TryInt(f, $"{key} of {ctx.Where}", min, max, $"{key} = {defaultValue}", out long v)) return (int)v;
        ctx.Ok = false;
        return defaultValue;
    }

    private SimTime ReadPositiveTime(AppContext ctx, string key, SimTime? defaultValue, string example)
    {
        var f = ctx.Obj.Get(key);
        if (f is null)
        {
            if (defaultValue is { } d) return d;
            Error(ctx.Obj.At, $"{ctx.Where} has no {key}", $"add e.g. {example}");
            ctx.Ok = false;
            return SimTime.Zero;
        }
        if (TryPositiveDuration(f, $"{key} of {ctx.Where}", example, out var t)) return t;
        ctx.Ok = false;
        return SimTime.Zero;
    }

    private DataRate ReadAppRate(AppContext ctx)
    {
        var f = ctx.Obj.Get("rate");
        if (f is null)
        {
            Error(ctx.Obj.At, $"{ctx.Where} has no rate", "add e.g. rate = 1Mbit/s");
            ctx.Ok = false;
            return default;
        }
        if (TryRate(f, $"rate of {ctx.Where}", "rate = 1Mbit/s", out var r)) return r;
        ctx.Ok = false;
        return default;
    }

    private SimTime ReadStop(AppContext ctx)
    {
        var stop = ReadPositiveTime(ctx, "stop", null, "stop = 10s");
        if (ctx.Ok && stop <= ctx.Start)
        {
            Error(ctx.Obj.Get("stop")!.Value.At, $"{ctx.Where} stops at {stop}, not after its start ({ctx.Start})",
                $"make stop later than start, e.g. stop = {ctx.Start + SimTime.FromSeconds(1)}");
            ctx.Ok = false;
        }
        return stop;
    }

    private PingAppSpec? ReadPing(AppContext ctx, List<LinkDraft> links)
    {
        ReadTarget(ctx, links);
        int count = ReadCount(ctx, "count", 4, 1, int.MaxValue);
        var interval = ReadPositiveTime(ctx, "interval", SimTime.FromSeconds(1), "interval = 1s");
        int size = 56;
        if (ctx.Obj.Get("size") is { } sf)
        {
            if (TryInt(sf, $"size of {ctx.Where}", long.MinValue, long.MaxValue, "size = 56", out long s,
                    range: "from 0 to 65507 (an IP packet less its headers), and fit the link MTU"))
            {
                int header = HeaderBytes(ctx, IcmpEchoHeaderBytes);
                if (s < 0)
                {
                    Error(sf.Value.At, $"{ctx.Where} has size {s}; the number of data bytes cannot be negative", "write e.g. size = 56 (like ping -s)");
                    ctx.Ok = false;
                }
                else if (s + header > 65535)
                {
                    Error(sf.Value.At, $"{ctx.Where} has size {s}; with {header} B of headers that exceeds the 65535 B IP limit", "write e.g. size = 56");
                    ctx.Ok = false;
                }
                else if (!CheckFitsMtu(ctx, (int)s + header, sf.Value.At, "size")) ctx.Ok = false;
                else size = (int)s;
            }
            else ctx.Ok = false;
        }
        else if (!CheckFitsMtu(ctx, size + HeaderBytes(ctx, IcmpEchoHeaderBytes), ctx.Obj.At, "size")) ctx.Ok = false;
        int ttl = ReadCount(ctx, "ttl", 64, 1, 255);
        var timeout = ReadPositiveTime(ctx, "timeout", SimTime.FromSeconds(2), "timeout = 2s");
        if (!ctx.Ok || ctx.Node is null || ctx.Target is null) return null;
        return new PingAppSpec
        {
            Name = ctx.Name, Node = ctx.Node, Start = ctx.Start, At = ctx.Obj.At, Target = ctx.Target.Value,
            Count = count, Interval = interval, DataBytes = size, Ttl = (byte)ttl, Timeout = timeout,
        };
    }

    private TracerouteAppSpec? ReadTraceroute(AppContext ctx, List<LinkDraft> links)
    {
        ReadTarget(ctx, links);
        int maxHops = ReadCount(ctx, "max-hops", 30, 1, 255);
        int probes = ReadCount(ctx, "probes", 3, 1, 10);
        int size = ReadPacketSize(ctx, 60);
        ushort port = ReadPort(ctx, "port", required: false, 33434);
        var timeout = ReadPositiveTime(ctx, "timeout", SimTime.FromSeconds(1), "timeout = 1s");
        // Probe k (1-based) goes to port + k, as in classic traceroute (TracerouteApp.ProbePort);
        // the last must still be a port.
        if (ctx.Ok && port + maxHops * probes > 65535)
        {
            Error(ctx.Obj.Get("port")?.Value.At ?? ctx.Obj.At,
                $"{ctx.Where} would use ports {port + 1}..{port + maxHops * probes}, past 65535 ({maxHops} hops × {probes} probes)",
                $"use a lower port, e.g. port = 33434");
            ctx.Ok = false;
        }
        if (!ctx.Ok || ctx.Node is null || ctx.Target is null) return null;
        return new TracerouteAppSpec
        {
            Name = ctx.Name, Node = ctx.Node, Start = ctx.Start, At = ctx.Obj.At, Target = ctx.Target.Value,
            MaxHops = maxHops, ProbesPerHop = probes, PacketBytes = size, BasePort = port, Timeout = timeout,
        };
    }

    private UdpCbrAppSpec? ReadUdpCbr(AppContext ctx, List<LinkDraft> links)
    {
        ReadTarget(ctx, links);
        ushort port = ReadPort(ctx, "port", required: true, 0);
        var rate = ReadAppRate(ctx);
        int size = ReadPacketSize(ctx, 1000);
        var stop = ReadStop(ctx);
        if (!ctx.Ok || ctx.Node is null || ctx.Target is null) return null;
        return new UdpCbrAppSpec
        {
            Name = ctx.Name, Node = ctx.Node, Start = ctx.Start, At = ctx.Obj.At, Target = ctx.Target.Value,
            Port = port, Rate = rate, PacketBytes = size, Stop = stop,
        };
    }

    private UdpOnOffAppSpec? ReadUdpOnOff(AppContext ctx, List<LinkDraft> links)
    {
        ReadTarget(ctx, links);
        ushort port = ReadPort(ctx, "port", required: true, 0);
        var rate = ReadAppRate(ctx);
        int size = ReadPacketSize(ctx, 1000);
        var on = ReadPositiveTime(ctx, "on", null, "on = 1s");
        var off = ReadPositiveTime(ctx, "off", null, "off = 1s");
        var stop = ReadStop(ctx);
        if (!ctx.Ok || ctx.Node is null || ctx.Target is null) return null;
        return new UdpOnOffAppSpec
        {
            Name = ctx.Name, Node = ctx.Node, Start = ctx.Start, At = ctx.Obj.At, Target = ctx.Target.Value,
            Port = port, Rate = rate, PacketBytes = size, OnTime = on, OffTime = off, Stop = stop,
        };
    }

    private UdpSinkAppSpec? ReadUdpSink(AppContext ctx)
    {
        ushort port = ReadPort(ctx, "port", required: true, 0);
        if (!ctx.Ok || ctx.Node is null) return null;
        return new UdpSinkAppSpec { Name = ctx.Name, Node = ctx.Node, Start = ctx.Start, At = ctx.Obj.At, Port = port };
    }
}
