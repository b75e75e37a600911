using ActorNet.Core.Addressing;
using ActorNet.Core.Apps;
using ActorNet.Core.Links;
using ActorNet.Core.Routing;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Topology;

namespace ActorNet.Core.Network;

/// <summary>Builds the <see cref="NetworkModel"/> of a validated scenario: nodes, interfaces, channels, routes and apps.</summary>
public static class NetworkBuilder
{
    public static NetworkModel Build(Scenario scenario) => Build(scenario, null);

    /// <summary>
    /// As <see cref="Build(Scenario)"/>, telling <paramref name="phaseDone"/> as each phase ends:
    /// "nodes and links", "route computation", "routing tables", "apps" (for measurements; a callback
    /// that forces a garbage collection sees what each phase left on the heap).
    /// </summary>
    public static NetworkModel Build(Scenario scenario, Action<string>? phaseDone)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = new Node[scenario.Nodes.Count];
        for (int i = 0; i < nodes.Length; i++)
        {
            var spec = scenario.Nodes[i];
            ids[spec.Name] = i;
            nodes[i] = spec.Kind == NodeKind.Router ? new Router(i, spec.Name) : new Host(i, spec.Name, scenario.Seed);
        }

        // Interfaces in link order per node; channels carry packets to the far side's interface.
        var interfaces = nodes.Select(_ => new List<NetworkInterface>()).ToArray();
        var channels = new Channel[scenario.Links.Count * 2];
        var linkEnds = new (int A, int IfA, int B, int IfB)[scenario.Links.Count];
        for (int l = 0; l < scenario.Links.Count; l++)
        {
            var link = scenario.Links[l];
            int a = ids[link.NodeA], b = ids[link.NodeB];
            int ifA = interfaces[a].Count, ifB = interfaces[b].Count;
            var ab = new Channel(nodes.Length + 2 * l, link.Name + "/" + link.NodeA + ">" + link.NodeB, link, fromA: true, b, ifB, scenario.Seed);
            var ba = new Channel(nodes.Length + 2 * l + 1, link.Name + "/" + link.NodeB + ">" + link.NodeA, link, fromA: false, a, ifA, scenario.Seed);
            channels[2 * l] = ab;
            channels[2 * l + 1] = ba;
            interfaces[a].Add(new NetworkInterface(ifA, "eth" + ifA, link.AddressA, link.Subnet, ab, new OutputPort(nodes[a], ifA, ab, link.QueueA)));
            interfaces[b].Add(new NetworkInterface(ifB, "eth" + ifB, link.AddressB, link.Subnet, ba, new OutputPort(nodes[b], ifB, ba, link.QueueB)));
            linkEnds[l] = (a, ifA, b, ifB);
        }

        foreach (var port in interfaces.SelectMany(i => i).Select(i => i.Port)) port.History = new Queues.QueueHistory(scenario.StopAt);

        phaseDone?.Invoke("nodes and links");
        var routes = RouteBuilder.Build(scenario, ids, interfaces, linkEnds, phaseDone);
        for (int i = 0; i < nodes.Length; i++) nodes[i].Attach(interfaces[i].ToArray(), routes[i]);

        foreach (var app in scenario.Apps)
        {
            if (nodes[ids[app.Node]] is not Host host)
                throw new InvalidOperationException($"app {app.Name}: node {app.Node} is not a host");
            host.AddApp(CreateApp(app), app.Start);
        }
        phaseDone?.Invoke("apps");
        return new NetworkModel(scenario, nodes, channels);
    }

    public static IApp CreateApp(AppSpec spec) => spec switch
    {
        PingAppSpec p => new PingApp(p),
        TracerouteAppSpec t => new TracerouteApp(t),
        UdpCbrAppSpec c => new UdpSenderApp(c),
        UdpOnOffAppSpec o => new UdpSenderApp(o),
        UdpSinkAppSpec s => new UdpSinkApp(s),
        TcpBulkAppSpec b => new TcpBulkSenderApp(b),
        TcpSinkAppSpec k => new TcpSinkApp(k),
        HttpClientAppSpec h => new HttpClientApp(h),
        HttpServerAppSpec h => new HttpServerApp(h),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.GetType().Name, "unknown app type"),
    };
}
