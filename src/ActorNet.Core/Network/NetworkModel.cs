using ActorNet.Core.Links;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;

namespace ActorNet.Core.Network;

/// <summary>
/// The simulated network built from a scenario: nodes by id (ids follow the ordinal order of names)
/// and channels (two per link). Origin ids (DESIGN §1): node i is origin i; link l's channels are
/// origins N + 2l (A→B) and N + 2l + 1 (B→A).
/// </summary>
public sealed class NetworkModel(Scenario scenario, Node[] nodes, Channel[] channels)
{
    public Scenario Scenario { get; } = scenario;
    public IReadOnlyList<Node> Nodes { get; } = nodes;
    public IReadOnlyList<Channel> Channels { get; } = channels;

    /// <summary>The smallest propagation delay: an event at t can reach another node no earlier than t + lookahead.</summary>
    public SimTime Lookahead { get; } = channels.Length == 0 ? SimTime.MaxValue : channels.Min(c => c.Delay);

    public Node this[string name] => Nodes.FirstOrDefault(n => n.Name == name) ?? throw new KeyNotFoundException($"no node named {name}");
}
