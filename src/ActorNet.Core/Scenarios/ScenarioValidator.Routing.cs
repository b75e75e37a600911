using ActorNet.Core.Addressing;
using ActorNet.Core.Scenarios.Hocon;

namespace ActorNet.Core.Scenarios;

internal sealed partial class ScenarioValidator
{
    private static readonly string[] RoutingKeys = ["mode", "metric"];
    private static readonly string[] RouteKeys = ["node", "prefix", "via"];

    private sealed record RouteDraft(StaticRouteSpec Spec);

    private RoutingSpec ReadRouting(HoconObject root)
    {
        var field = root.Get("routing");
        if (field is null) return RoutingSpec.Default;
        if (field.Value is not HoconObject obj)
        {
            ErrorUnlessInvalid(field.Value, $"routing must be an object, not {Describe(field.Value)}", "write routing { mode = computed, metric = delay }");
            return RoutingSpec.Default;
        }
        CheckKeys(obj, "routing", RoutingKeys);
        var mode = RouteMode.Computed;
        var metric = RouteMetric.Delay;
        if (obj.Get("mode") is { } m && TryText(m, "routing mode", out var mt))
        {
            if (mt == "computed") mode = RouteMode.Computed;
            else if (mt == "static") mode = RouteMode.Static;
            else Error(m.Value.At, $"unknown routing mode '{mt}'", Suggest.Fix(mt, ["computed", "static"], "mode"));
        }
        if (obj.Get("metric") is { } x && TryText(x, "routing metric", out var xt))
        {
            if (xt == "delay") metric = RouteMetric.Delay;
            else if (xt == "hops") metric = RouteMetric.Hops;
            else Error(x.Value.At, $"unknown routing metric '{xt}'", Suggest.Fix(xt, ["delay", "hops"], "metric"));
        }
        return new RoutingSpec(mode, metric);
    }

    private List<RouteDraft> ReadRoutes(HoconObject root, List<LinkDraft> links)
    {
        var routes = new List<RouteDraft>();
        var field = root.Get("routes");
        if (field is null) return routes;
        if (field.Value is not HoconArray arr)
        {
            ErrorUnlessInvalid(field.Value, $"routes must be an array of routes, not {Describe(field.Value)}",
                "write routes = [ { node = r1, prefix = 0.0.0.0/0, via = 10.0.2.2 } ]");
            return routes;
        }
        for (int i = 0; i < arr.Items.Count; i++)
        {
            if (arr.Items[i] is not HoconObject obj)
            {
                ErrorUnlessInvalid(arr.Items[i], $"route #{i + 1} must be an object, not {Describe(arr.Items[i])}",
                    "write { node = r1, prefix = 0.0.0.0/0, via = 10.0.2.2 }");
                continue;
            }
            string where = $"route #{i + 1}";
            CheckKeys(obj, where, RouteKeys);
            string? node = null;
            IpPrefix? prefix = null;
            IpAddress? via = null;
            var nf = obj.Get("node");
            if (nf is null) Error(obj.At, $"{where} has no node", "add node = <the node that uses this route>");
            else if (TryText(nf, $"node of {where}", out var nn) && IsKnownNode(nn, nf.Value.At, where)) node = nn;
            var pf = obj.Get("prefix");
            if (pf is null) Error(obj.At, $"{where} has no prefix", "add e.g. prefix = 0.0.0.0/0 (a default route)");
            else if (TryPrefix(pf.Value, $"prefix of {where}", out var p)) prefix = p;
            var vf = obj.Get("via");
            if (vf is null) Error(obj.At, $"{where} has no via", "add via = <next-hop address on a subnet of the node>");
            else if (TryAddress(vf.Value, $"via of {where}", out var v)) via = v;

            if (prefix is { } pp && via is { } vv && pp.Family != vv.Family)
            {
                Error(vf!.Value.At, $"{where} sends {FamilyName(pp.Family)} prefix {pp} via {FamilyName(vv.Family)} address {vv}",
                    $"use a {FamilyName(pp.Family)} next hop");
                continue;
            }
            if (node is not null && via is { } hop)
            {
                var onLink = links.FirstOrDefault(l => (l.A == node || l.B == node) && l.Subnet is { } s && s.Contains(hop));
                if (onLink is null)
                {
                    var subnets = links.Where(l => (l.A == node || l.B == node) && l.Subnet is not null).Select(l => l.Subnet!.Value.ToString()).ToList();
                    Error(vf!.Value.At, $"via {hop} of {where} is not on a subnet directly connected to {node}",
                        subnets.Count == 0 ? $"{node} has no links; add one first" : $"use the address of a neighbour on one of {node}'s subnets: {string.Join(", ", subnets)}");
                    continue;
                }
                if (onLink.AddressOf(node) == hop)
                {
                    Error(vf!.Value.At, $"via {hop} of {where} is {node}'s own address", $"use the address of the neighbour across {onLink.Label}");
                    continue;
                }
            }
            if (node is not null && prefix is not null && via is not null)
                routes.Add(new RouteDraft(new StaticRouteSpec(node, prefix.Value, via.Value, obj.At)));
        }
        return routes;
    }

    private void CheckHostsHaveLinks(List<LinkDraft> links)
    {
        // A link written to name this host counts even if its other end is wrong (reported there).
        var linked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in links)
            if (l.Written is { } w) { linked.Add(w.A); linked.Add(w.B); }
        foreach (var n in _nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            if (n.Kind != NodeKind.Host || linked.Contains(n.Name)) continue;
            Error(n.At, $"host {n.Name} has no link", $"connect it, e.g. {{ between = [{n.Name}, r1], subnet = 10.0.9.0/24, rate = 10Mbit/s, delay = 1ms }}, or remove it");
        }
    }

    // ---- reachability ----

    /// <summary>
    /// Null if <paramref name="dst"/> (owned by <paramref name="dstNode"/>) can be reached from
    /// <paramref name="from"/>, else why not. Computed routing: a path of links of the address's
    /// family exists (down intervals ignored: they are temporary). Static routing: follow what
    /// the forwarding tables would do, hop by hop, longest prefix first, connected subnets winning
    /// ties, and stop at a node with no route or at a loop.
    /// </summary>
    private static string? WhyUnreachable(string from, IpAddress dst, string dstNode, List<LinkDraft> links,
        RoutingSpec routing, List<RouteDraft> routes)
    {
        if (from == dstNode) return null;
        if (routing.Mode == RouteMode.Computed)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { from };
            var queue = new Queue<string>();
            queue.Enqueue(from);
            while (queue.Count > 0)
            {
                var n = queue.Dequeue();
                foreach (var l in links)
                {
                    if (l.Subnet?.Family != dst.Family || l.Peer(n) is not { } peer || !seen.Add(peer)) continue;
                    if (peer == dstNode) return null;
                    queue.Enqueue(peer);
                }
            }
            return $"no path of {FamilyName(dst.Family)} links joins {from} and {dstNode}";
        }

        var path = new List<string> { from };
        string node = from;
        while (true)
        {
            if (node == dstNode) return null;
            LinkDraft? bestLink = null;
            IpAddress? bestVia = null;
            int bestLen = -1;
            foreach (var l in links)
            {
                if (l.Peer(node) is null || l.Subnet is not { } s || !s.Contains(dst)) continue;
                if (s.Length > bestLen) (bestLink, bestVia, bestLen) = (l, null, s.Length);
            }
            foreach (var r in routes)
            {
                if (r.Spec.Node != node || !r.Spec.Prefix.Contains(dst)) continue;
                // Longest prefix wins; on a tie the connected subnet (found first) stays.
                if (r.Spec.Prefix.Length > bestLen)
                    (bestLink, bestVia, bestLen) = (null, r.Spec.NextHop, r.Spec.Prefix.Length);
            }
            string? next;
            if (bestLink is not null) next = bestLink.Peer(node);
            else if (bestVia is { } via)
                next = links.FirstOrDefault(l => l.Peer(node) is not null && l.Subnet is { } s && s.Contains(via)) is { } hopLink
                    && hopLink.AddressOf(hopLink.Peer(node)!) == via ? hopLink.Peer(node) : null;
            else
                return $"static routing: {node} has no route to {dst} (path {string.Join(" → ", path)})";
            if (next is null)
                return $"static routing: {node}'s next hop {bestVia} for {dst} is no neighbour's address (path {string.Join(" → ", path)})";
            if (path.Contains(next))
            {
                path.Add(next);
                return $"static routing loop: {string.Join(" → ", path)}";
            }
            path.Add(next);
            node = next;
        }
    }
}
