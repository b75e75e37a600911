using System.Globalization;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;

namespace ActorNet.Cli.Output;

/// <summary>
/// Which interfaces a run captures, decided before anything is created: the selection resolved
/// against the network, and a bare --pcap refused on a large topology, where it would write a
/// file per interface (768 for the k = 8 fat-tree) without the user having asked for that many.
/// </summary>
internal static class PcapPlan
{
    /// <summary>Above this many interfaces a bare --pcap must be made explicit: a selection, or --pcap all.</summary>
    public const int MaxInterfacesWithoutSelection = 64;

    /// <param name="selection">null for a bare --pcap.</param>
    public static IReadOnlyList<(int Node, int Interface)>? Choose(PcapSelection? selection, NetworkModel network, SimTime stopAt,
        out List<(string Problem, string Fix)> problems)
    {
        var names = network.Nodes.Select(n => (n.Name, (IReadOnlyList<string>)n.Interfaces.Select(i => i.Name).ToList())).ToList();
        PcapSelection.TryParse(PcapSelection.AllKeyword, out var all, out _);
        var chosen = (selection ?? all!).Resolve(names, out var unknown);
        problems = [.. unknown.Select(p => ($"--pcap {selection!.Text}: {p.Problem}", p.Fix))];
        if (problems.Count > 0) return null;
        if (selection is null && chosen.Count > MaxInterfacesWithoutSelection)
        {
            problems.Add((string.Create(CultureInfo.InvariantCulture,
                $"--pcap would write {chosen.Count} files, one per interface of {network.Nodes.Count} nodes (more than {MaxInterfacesWithoutSelection}), up to {Bytes(MostBytes(network, chosen, stopAt))} in {stopAt} if every link were busy"),
                $"choose what to capture, e.g. --pcap {Example(network)} (node, node:interface, * for any characters), or write --pcap {PcapSelection.AllKeyword}"));
            return null;
        }
        return chosen;
    }

    /// <summary>
    /// An upper bound, since the traffic is not known before the run: each interface's file holds
    /// what it sends and what it receives, each at most the link's rate for the whole run.
    /// </summary>
    private static double MostBytes(NetworkModel network, IEnumerable<(int Node, int Interface)> chosen, SimTime stopAt) =>
        chosen.Sum(c => 2.0 * network.Nodes[c.Node].Interfaces[c.Interface].Outgoing.Rate.BitsPerSecond / 8 * stopAt.TotalSeconds);

    private static string Bytes(double b)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB", "PB"];
        int u = 0;
        for (; b >= 1000 && u < units.Length - 1; u++) b /= 1000;
        return b.ToString(u == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + units[u];
    }

    /// <summary>A selection made of this network's names: its first host, and its first router's first interface.</summary>
    private static string Example(NetworkModel network)
    {
        var parts = new List<string>();
        if (network.Nodes.FirstOrDefault(n => n.Kind == NodeKind.Host) is { } h) parts.Add(h.Name);
        if (network.Nodes.FirstOrDefault(n => n.Kind == NodeKind.Router && n.Interfaces.Length > 0) is { } r) parts.Add($"{r.Name}:{r.Interfaces[0].Name}");
        return string.Join(',', parts);
    }
}
