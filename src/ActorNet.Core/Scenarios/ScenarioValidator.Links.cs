using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios.Hocon;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Scenarios;

internal sealed partial class ScenarioValidator
{
    private static readonly string[] LinkKeys =
    [
        "between", "subnet", "addresses", "rate", "delay", "mtu", "queue", "queue-a", "queue-b",
        "loss", "loss-a", "loss-b", "duplicate", "jitter", "down", "name",
    ];
    private static readonly string[] GilbertElliottKeys = ["model", "good-to-bad", "bad-to-good", "loss-good", "loss-bad"];
    private static readonly string[] DownKeys = ["from", "until"];

    /// <summary>A link as far as it could be read; null members were missing or wrong (and reported).</summary>
    private sealed class LinkDraft
    {
        public required SourceSpan At { get; init; }
        public string Label { get; set; } = "";
        public string Name { get; set; } = "";
        /// <summary>Both ends are declared nodes (else null).</summary>
        public string? A { get; set; }
        public string? B { get; set; }
        /// <summary>The ends as written, even when one is unknown or both are the same node.</summary>
        public (string A, string B)? Written { get; set; }
        public IpPrefix? Subnet { get; set; }
        /// <summary>Set only when valid and inside the subnet.</summary>
        public IpAddress? AddressA { get; set; }
        public IpAddress? AddressB { get; set; }
        public DataRate? Rate { get; set; }
        public SimTime? Delay { get; set; }
        public int Mtu { get; set; } = 1500;
        public QueueLimit QueueA { get; set; } = QueueLimit.Default;
        public QueueLimit QueueB { get; set; } = QueueLimit.Default;
        public LossModelSpec Loss { get; set; } = NoLoss.Instance;
        public LossModelSpec? LossA { get; set; }
        public LossModelSpec? LossB { get; set; }
        public double Duplicate { get; set; }
        public SimTime Jitter { get; set; }
        public List<DownInterval> Down { get; } = [];

        public IpAddress? AddressOf(string node) => node == A ? AddressA : node == B ? AddressB : null;
        public string? Peer(string node) => node == A ? B : node == B ? A : null;

        /// <summary>A generated link, already valid.</summary>
        public static LinkDraft From(LinkSpec s) => new()
        {
            At = s.At,
            Label = $"link {s.Name}",
            Name = s.Name,
            A = s.NodeA,
            B = s.NodeB,
            Written = (s.NodeA, s.NodeB),
            Subnet = s.Subnet,
            AddressA = s.AddressA,
            AddressB = s.AddressB,
            Rate = s.Rate,
            Delay = s.Delay,
            Mtu = s.Mtu,
            QueueA = s.QueueA,
            QueueB = s.QueueB,
            Loss = s.Loss,
            LossA = s.LossA,
            LossB = s.LossB,
            Duplicate = s.Duplicate,
            Jitter = s.Jitter,
        };

        public LinkSpec Build() => new()
        {
            Name = Name,
            NodeA = A!,
            NodeB = B!,
            Subnet = Subnet!.Value,
            AddressA = AddressA!.Value,
            AddressB = AddressB!.Value,
            Rate = Rate!.Value,
            Delay = Delay!.Value,
            Mtu = Mtu,
            QueueA = QueueA,
            QueueB = QueueB,
            Loss = Loss,
            LossA = LossA,
            LossB = LossB,
            Duplicate = Duplicate,
            Jitter = Jitter,
            Down = Down.ToList(),
            At = At,
        };
    }

    private List<LinkDraft> ReadLinks(HoconObject root)
    {
        var links = new List<LinkDraft>();
        var names = new Dictionary<string, LinkDraft>(StringComparer.Ordinal);
        var owners = new Dictionary<IpAddress, (LinkDraft Link, SourceSpan At)>();
        // Generated links come first, so they take the first interface numbers of their nodes.
        if (_generated is not null)
        {
            foreach (var spec in _generated.Topology.Links)
            {
                var draft = LinkDraft.From(spec);
                links.Add(draft);
                names[draft.Name] = draft;
                owners[spec.AddressA] = (draft, spec.At);
                owners[spec.AddressB] = (draft, spec.At);
            }
        }
        var field = root.Get("links");
        if (field is null) return links;
        if (field.Value is not HoconArray array)
        {
            ErrorUnlessInvalid(field.Value, $"links must be an array of link objects, not {Describe(field.Value)}",
                "write links = [ { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 5ms } ]");
            return links;
        }
        for (int i = 0; i < array.Items.Count; i++)
        {
            if (array.Items[i] is not HoconObject obj)
            {
                ErrorUnlessInvalid(array.Items[i], $"link #{i + 1} must be an object {{ ... }}, not {Describe(array.Items[i])}",
                    "write { between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 5ms }");
                continue;
            }
            var link = ReadLink(obj, i + 1, owners);
            if (names.TryGetValue(link.Name, out var first))
            {
                var nameAt = obj.Get("name")?.Value.At ?? obj.At;
                Error(nameAt, $"duplicate link name {link.Name}",
                    obj.Get("name") is null
                        ? $"two links between the same nodes need names: add name = \"{link.Name}-2\" (the first is at line {first.At.Line})"
                        : $"choose another name (the first {link.Name} is at line {first.At.Line})");
            }
            else names[link.Name] = link;
            links.Add(link);
        }
        return links;
    }

    private LinkDraft ReadLink(HoconObject obj, int index, Dictionary<IpAddress, (LinkDraft Link, SourceSpan At)> owners)
    {
        var link = new LinkDraft { At = obj.At };

        // Ends first: they name the link in every later message.
        string? a = null, b = null;
        var between = obj.Get("between");
        if (between is null)
        {
            Error(obj.At, $"link #{index} has no 'between'", "add between = [a, b] with the two node names");
        }
        else if (between.Value is HoconArray { Items.Count: 2 } ends
                 && ends.Items.All(e => e is HoconScalar { Kind: HoconScalarKind.String or HoconScalarKind.Number }))
        {
            a = ((HoconScalar)ends.Items[0]).Text;
            b = ((HoconScalar)ends.Items[1]).Text;
        }
        else if (between.Value is not HoconScalar { Kind: HoconScalarKind.Invalid })
        {
            Error(between.Value.At, $"between of link #{index} must list exactly two node names",
                "write between = [a, b], e.g. between = [h1, r1]");
        }
        var nameField = obj.Get("name");
        string? explicitName = null;
        if (nameField is not null && TryText(nameField, $"the name of link #{index}", out var nm))
        {
            if (ScenarioNames.EntityNameProblem(nm) is { } why)
                Error(nameField.Value.At, $"bad link name '{ScenarioNames.Shown(nm)}': {why}", $"use {ScenarioNames.EntityRule}, e.g. name = \"r1-r2\"");
            else explicitName = nm;
        }
        link.Name = explicitName ?? (a is not null && b is not null ? $"{a}-{b}" : $"#{index}");
        link.Label = $"link {link.Name}";
        string where = link.Label;
        CheckKeys(obj, where, LinkKeys);

        if (a is not null && b is not null && between is not null)
        {
            var ends = (HoconArray)between.Value;
            link.Written = (a, b);
            bool okA = IsKnownNode(a, ends.Items[0].At, $"between of {where}");
            bool okB = IsKnownNode(b, ends.Items[1].At, $"between of {where}");
            if (a == b)
                Error(ends.Items[1].At, $"{where} connects {a} to itself", "a link joins two different nodes: change one end");
            else if (okA && okB)
                (link.A, link.B) = (a, b);
        }

        // Subnet and addresses.
        var subnetField = obj.Get("subnet");
        if (subnetField is null)
            Error(obj.At, $"{where} has no subnet", "add e.g. subnet = 10.0.1.0/24");
        else if (TryPrefix(subnetField.Value, $"subnet of {where}", out var subnet)
                 && !OverlapsGeneratedPool(subnet, subnetField.Value.At, where)
                 && !OverlapsEarlierLink(subnet, subnetField.Value.At, where))
            link.Subnet = subnet;
        ReadAddresses(obj, link, where, owners);

        // Rate and delay are required: they decide every packet time.
        var rate = obj.Get("rate");
        if (rate is null) Error(obj.At, $"{where} has no rate", "add e.g. rate = 10Mbit/s");
        else if (TryRate(rate, $"rate of {where}", "rate = 10Mbit/s", out var r)) link.Rate = r;

        var delay = obj.Get("delay");
        if (delay is null) Error(obj.At, $"{where} has no delay", "add e.g. delay = 5ms");
        else if (TryDuration(delay, $"delay of {where}", "delay = 1ms", out var d))
        {
            // The delay is the parallel engine's lookahead (DESIGN §3), so it must be positive.
            if (d <= SimTime.Zero)
                Error(delay.Value.At, $"{where} has delay {d}; links need delay > 0", "set a delay, e.g. delay = 1ms");
            else link.Delay = d;
        }

        if (obj.Get("mtu") is { } mtuField)
        {
            int min = link.Subnet?.Family == IpFamily.V6 ? 1280 : 68;
            string rule = link.Subnet?.Family == IpFamily.V6 ? "IPv6 needs at least 1280 (RFC 8200 §5)" : "IPv4 needs at least 68 (RFC 791)";
            if (TryInt(mtuField, $"mtu of {where}", long.MinValue, long.MaxValue, "mtu = 1500", out long mtu, range: $"from {min} to 65535"))
            {
                if (mtu < min || mtu > 65535)
                    Error(mtuField.Value.At, $"{where} has mtu {mtu}; {rule} and at most 65535", $"write e.g. mtu = {Math.Max(1500, min)}");
                else link.Mtu = (int)mtu;
            }
        }

        if (obj.Get("queue") is { } q && TryQueue(q, $"queue of {where}", out var ql)) link.QueueA = link.QueueB = ql;
        if (obj.Get("queue-a") is { } qa && TryQueue(qa, $"queue-a of {where}", out var qla)) link.QueueA = qla;
        if (obj.Get("queue-b") is { } qb && TryQueue(qb, $"queue-b of {where}", out var qlb)) link.QueueB = qlb;

        if (obj.Get("loss") is { } loss) ReadLoss(loss, where, m => link.Loss = m);
        if (obj.Get("loss-a") is { } lossA) ReadLoss(lossA, $"{where} (direction a→b)", m => link.LossA = m);
        if (obj.Get("loss-b") is { } lossB) ReadLoss(lossB, $"{where} (direction b→a)", m => link.LossB = m);
        if (obj.Get("duplicate") is { } dup && TryProbability(dup, $"duplicate of {where}", "duplicate = 0.1%", out double p))
            link.Duplicate = p;
        if (obj.Get("jitter") is { } jit && TryNonNegativeDuration(jit, $"jitter of {where}", "jitter = 1ms", out var j))
            link.Jitter = j;
        if (obj.Get("down") is { } down) ReadDown(down, link, where);
        return link;
    }

    private void ReadAddresses(HoconObject obj, LinkDraft link, string where,
        Dictionary<IpAddress, (LinkDraft Link, SourceSpan At)> owners)
    {
        var field = obj.Get("addresses");
        IpAddress? addrA = null, addrB = null;
        SourceSpan atA = obj.At, atB = obj.At;
        if (field is not null)
        {
            if (field.Value is HoconArray { Items.Count: 2 } arr)
            {
                atA = arr.Items[0].At;
                atB = arr.Items[1].At;
                if (TryAddress(arr.Items[0], $"address of {where}", out var x)) addrA = x;
                if (TryAddress(arr.Items[1], $"address of {where}", out var y)) addrB = y;
            }
            else
            {
                ErrorUnlessInvalid(field.Value, $"addresses of {where} must list exactly two addresses (side a, side b)",
                    "write addresses = [10.0.1.1, 10.0.1.2], or remove it to use the first two of the subnet");
                return;
            }
        }
        else if (link.Subnet is { } s)
        {
            // Default: the first two host addresses. On /31 and /127 both addresses are hosts
            // (RFC 3021, RFC 6164); smaller subnets cannot hold two.
            int maxLen = s.Family == IpFamily.V4 ? 32 : 128;
            if (s.Length >= maxLen)
            {
                Error(obj.Get("subnet")!.Value.At, $"subnet {s} of {where} has room for only one address",
                    $"use a prefix of at most /{maxLen - 1} (e.g. /{(s.Family == IpFamily.V4 ? 30 : 64)})");
                return;
            }
            bool pointToPoint = s.Length == maxLen - 1;
            addrA = Offset(s.Network, pointToPoint ? 0u : 1u);
            addrB = Offset(s.Network, pointToPoint ? 1u : 2u);
            atA = atB = obj.Get("subnet")!.Value.At;
        }
        else return;

        if (link.Subnet is { } subnet)
        {
            addrA = CheckInSubnet(addrA, subnet, atA, where);
            addrB = CheckInSubnet(addrB, subnet, atB, where);
        }
        else
        {
            addrA = addrB = null; // cannot check them; the subnet error is reported
        }
        if (addrA is not null && addrA == addrB)
        {
            Error(atB, $"both ends of {where} have address {addrA}", "give each end its own address in the subnet");
            addrB = null;
        }
        link.AddressA = addrA;
        link.AddressB = addrB;
        foreach (var (addr, at) in new[] { (addrA, atA), (addrB, atB) })
        {
            if (addr is not { } ad) continue;
            if (owners.TryGetValue(ad, out var other))
            {
                Error(at, $"duplicate address {ad}: {where} reuses the address of {other.Link.Label}",
                    $"every interface needs its own address; pick another address (the first use is at line {other.At.Line})");
                if (ad == link.AddressA) link.AddressA = null; else link.AddressB = null;
            }
            else owners[ad] = (link, at);
        }
    }

    private static IpAddress Offset(IpAddress network, uint k) =>
        network.IsV4 ? new Ipv4Address(network.V4.Value + k) : new Ipv6Address(network.V6.Value + k);

    /// <summary>The address if it may be an interface of the subnet, else null (reported).</summary>
    private IpAddress? CheckInSubnet(IpAddress? address, IpPrefix subnet, SourceSpan at, string where)
    {
        if (address is not { } a) return null;
        if (a.Family != subnet.Family)
        {
            Error(at, $"{where} has {FamilyName(a.Family)} address {a} on {FamilyName(subnet.Family)} subnet {subnet}",
                $"use {FamilyName(subnet.Family)} addresses in {subnet}, or change the subnet");
            return null;
        }
        var example = Offset(subnet.Network, subnet.Length >= (subnet.Family == IpFamily.V4 ? 31 : 127) ? 0u : 1u);
        if (!subnet.Contains(a))
        {
            Error(at, $"address {a} is not in subnet {subnet} of {where}",
                $"use an address inside {subnet} (e.g. {example}), or change the subnet");
            return null;
        }
        int maxLen = subnet.Family == IpFamily.V4 ? 32 : 128;
        bool pointToPoint = subnet.Length >= maxLen - 1;
        if (!pointToPoint && a == subnet.Network)
        {
            Error(at, $"address {a} is the network address of {subnet} ({where})",
                $"use a host address, e.g. {example}");
            return null;
        }
        if (!pointToPoint && a.IsV4 && a.V4.Value == (subnet.Network.V4.Value | ~Ipv4Prefix.Mask(subnet.Length)))
        {
            Error(at, $"address {a} is the broadcast address of {subnet} ({where})",
                $"use a host address, e.g. {example}");
            return null;
        }
        return a;
    }

    private void ReadLoss(HoconField field, string where, Action<LossModelSpec> set)
    {
        if (field.Value is HoconObject obj)
        {
            string lwhere = $"the loss model of {where}";
            CheckKeys(obj, lwhere, GilbertElliottKeys);
            var model = obj.Get("model");
            if (model is null)
            {
                Error(obj.At, $"{lwhere} has no model", "add model = gilbert-elliott (or write loss = 1% for independent loss)");
                return;
            }
            if (!TryText(model, $"model of {where}", out var m)) return;
            if (m != "gilbert-elliott")
            {
                Error(model.Value.At, $"unknown loss model '{m}' in {where}",
                    Suggest.Closest(m, ["gilbert-elliott"]) is not null
                        ? "did you mean 'gilbert-elliott'?"
                        : "use model = gilbert-elliott, or loss = 1% for independent (Bernoulli) loss");
                return;
            }
            double? g2b = null, b2g = null;
            double lg = 0, lb = 1;
            bool ok = true;
            var f = obj.Get("good-to-bad");
            if (f is null) { Error(obj.At, $"{lwhere} has no good-to-bad", "add e.g. good-to-bad = 1%"); ok = false; }
            else if (TryProbability(f, $"good-to-bad of {where}", "good-to-bad = 1%", out var v)) g2b = v; else ok = false;
            f = obj.Get("bad-to-good");
            if (f is null) { Error(obj.At, $"{lwhere} has no bad-to-good", "add e.g. bad-to-good = 30%"); ok = false; }
            else if (TryProbability(f, $"bad-to-good of {where}", "bad-to-good = 30%", out var v)) b2g = v; else ok = false;
            f = obj.Get("loss-good");
            if (f is not null) { if (TryProbability(f, $"loss-good of {where}", "loss-good = 0%", out var v)) lg = v; else ok = false; }
            f = obj.Get("loss-bad");
            if (f is not null) { if (TryProbability(f, $"loss-bad of {where}", "loss-bad = 50%", out var v)) lb = v; else ok = false; }
            if (ok) set(new GilbertElliottLoss(g2b!.Value, b2g!.Value, lg, lb));
            return;
        }
        if (TryProbability(field, $"loss of {where}", "loss = 1%", out double p))
            set(p == 0 ? NoLoss.Instance : new BernoulliLoss(p));
    }

    private void ReadDown(HoconField field, LinkDraft link, string where)
    {
        if (field.Value is not HoconArray arr)
        {
            ErrorUnlessInvalid(field.Value, $"down of {where} must be an array of intervals, not {Describe(field.Value)}",
                "write down = [ { from = 10s, until = 12s } ]");
            return;
        }
        foreach (var item in arr.Items)
        {
            if (item is not HoconObject obj)
            {
                ErrorUnlessInvalid(item, $"each down interval of {where} must be an object, not {Describe(item)}",
                    "write { from = 10s, until = 12s }");
                continue;
            }
            string dwhere = $"a down interval of {where}";
            CheckKeys(obj, dwhere, DownKeys);
            SimTime? from = null, until = null;
            var f = obj.Get("from");
            if (f is null) Error(obj.At, $"{dwhere} has no from", "add from = <time the link goes down>, e.g. from = 10s");
            else if (TryNonNegativeDuration(f, $"from of {dwhere}", "from = 10s", out var v)) from = v;
            var u = obj.Get("until");
            if (u is null) Error(obj.At, $"{dwhere} has no until", "add until = <time the link comes back>, e.g. until = 12s");
            else if (TryDuration(u, $"until of {dwhere}", "until = 12s", out var v)) until = v;
            if (from is not null && until is not null)
            {
                if (until <= from)
                    Error(u!.Value.At, $"{dwhere} ends ({until}) before it starts ({from})", $"make until later than from, e.g. until = {from.Value + SimTime.FromSeconds(1)}");
                else link.Down.Add(new DownInterval(from.Value, until.Value));
            }
        }
    }
}
