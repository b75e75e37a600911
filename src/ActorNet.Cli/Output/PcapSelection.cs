using System.Text.RegularExpressions;
using ActorNet.Core.Scenarios;

namespace ActorNet.Cli.Output;

/// <summary>
/// Which interfaces --pcap captures, as the user writes it: <c>all</c>, or a comma-separated list
/// of <c>node</c> (every interface of the node) and <c>node:interface</c>, where <c>*</c> stands
/// for any characters (<c>h*</c>, <c>r1:eth*</c>). It resolves against names only (nodes and their
/// interfaces), so a finished run's ports can be selected the same way.
/// </summary>
internal sealed partial class PcapSelection
{
    public const string AllKeyword = "all";

    private readonly List<(string Node, string? Interface)> _items;

    private PcapSelection(string text, bool all, List<(string, string?)> items) => (Text, All, _items) = (text, all, items);

    /// <summary>What the user wrote, to quote in messages.</summary>
    public string Text { get; }

    public bool All { get; }

    /// <summary>Checks the syntax only; never throws. Names are checked by <see cref="Resolve"/>.</summary>
    public static bool TryParse(string text, out PcapSelection? selection, out string? error)
    {
        (selection, error) = (null, null);
        if (text.Trim() == AllKeyword)
        {
            selection = new PcapSelection(text, all: true, []);
            return true;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"give nodes or interfaces, e.g. --pcap h1,r1:eth0, or --pcap {AllKeyword}";
            return false;
        }
        var items = new List<(string, string?)>();
        foreach (var raw in text.Split(','))
        {
            string item = raw.Trim();
            var parts = item.Split(':');
            error = item.Length == 0 ? "an empty name between commas"
                : parts.Length > 2 ? $"'{item}' has two ':'; write node or node:interface"
                : parts[0].Length == 0 ? $"no node before '{item}'"
                : parts.Length == 2 && parts[1].Length == 0 ? $"no interface after '{item}'"
                : parts.FirstOrDefault(p => !NamePattern().IsMatch(p)) is { } bad ? $"'{bad}' is not a name: letters, digits, - and _, and * for any characters"
                : null;
            if (error is not null) return false;
            items.Add((parts[0], parts.Length == 2 ? parts[1] : null));
        }
        selection = new PcapSelection(text, all: false, items);
        return true;
    }

    /// <summary>
    /// The (node, interface) indexes selected, in network order, each once; or the problems, each
    /// with a fix that suggests names.
    /// </summary>
    public IReadOnlyList<(int Node, int Interface)> Resolve(IReadOnlyList<(string Name, IReadOnlyList<string> Interfaces)> nodes,
        out List<(string Problem, string Fix)> problems)
    {
        problems = [];
        var chosen = new SortedSet<(int, int)>();
        if (All)
        {
            for (int n = 0; n < nodes.Count; n++)
                for (int i = 0; i < nodes[n].Interfaces.Count; i++) chosen.Add((n, i));
            return [.. chosen];
        }
        var names = nodes.Select(n => n.Name).ToList();
        foreach (var (nodePattern, itfPattern) in _items)
        {
            var matchedNodes = Enumerable.Range(0, nodes.Count).Where(n => Matches(nodePattern, nodes[n].Name)).ToList();
            if (matchedNodes.Count == 0)
            {
                problems.Add(nodePattern.Contains('*')
                    ? ($"no node matches '{nodePattern}'", $"use node names, e.g. {Some(names)}")
                    : ($"there is no node '{nodePattern}'", Close(nodePattern, names) ?? $"use node names, e.g. {Some(names)}"));
                continue;
            }
            foreach (int n in matchedNodes)
            {
                var itfs = nodes[n].Interfaces;
                var matched = Enumerable.Range(0, itfs.Count).Where(i => itfPattern is null || Matches(itfPattern, itfs[i])).ToList();
                if (matched.Count == 0 && itfPattern is not null)
                {
                    string all = $"{nodes[n].Name}'s interfaces: {string.Join(", ", itfs)}";
                    problems.Add(itfPattern.Contains('*')
                        ? ($"no interface of {nodes[n].Name} matches '{itfPattern}'", all)
                        : ($"node {nodes[n].Name} has no interface '{itfPattern}'", Close(itfPattern, itfs) ?? all));
                }
                foreach (int i in matched) chosen.Add((n, i));
            }
        }
        return [.. chosen];
    }

    private static bool Matches(string pattern, string name) =>
        pattern.Contains('*')
            ? Regex.IsMatch(name, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant)
            : pattern == name;

    /// <summary>"did you mean" for up to three close names; beyond that (eth9 is as close to eth0 as to eth7) a list reads better.</summary>
    private static string? Close(string word, IReadOnlyCollection<string> candidates) =>
        Suggest.AllClosest(word, candidates) is { Count: > 0 and <= 3 } close ? $"did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : null;

    /// <summary>A few names, for a fix line that stays one line on a topology of thousands.</summary>
    private static string Some(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(5)) + (names.Count > 5 ? ", …" : "");

    [GeneratedRegex(@"^[A-Za-z0-9_*-]+$")]
    private static partial Regex NamePattern();
}
