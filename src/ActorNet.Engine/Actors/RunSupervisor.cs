using ActorNet.Core.Network;
using ActorNet.Core.Time;
using Akka.Actor;

namespace ActorNet.Engine.Actors;

/// <summary>
/// The run's root: creates the coordinator, one actor per node and one per link as its children,
/// and completes the run's task with the coordinator's <see cref="RunFinished"/>, or with the first
/// failure of any child (stopping instead of restarting: a restarted entity would have lost its
/// state, so the run cannot go on).
/// </summary>
public sealed class RunSupervisor : ReceiveActor
{
    private readonly TaskCompletionSource<RunFinished> _completion;
    private readonly IActorRef _coordinator;

    public RunSupervisor(NetworkModel network, IReadOnlyList<NodeRunner> runners, CoordinatorSettings settings, Placement.EntityPlacement placement,
        TaskCompletionSource<RunFinished> completion)
    {
        _completion = completion;
        int n = network.Nodes.Count;
        var nodes = new IActorRef[n];
        var links = new IActorRef[network.Channels.Count / 2];
        // With more than one part, each part's nodes report to a relay on their own thread (Placement.PartRelay).
        var relays = placement.Parts > 1 ? new IActorRef[placement.Parts] : null;
        _coordinator = Context.ActorOf(Coordinator.Props(settings, nodes, links, Self, relays, placement.NodePart)
            .WithDispatcher(ActorEngine.PartDispatcherId(0)), "coordinator");
        if (relays is not null)
            for (int p = 0; p < relays.Length; p++)
                relays[p] = Context.ActorOf(Placement.PartRelay.Props(_coordinator, p).WithDispatcher(ActorEngine.PartDispatcherId(p)), "relay-" + p);
        for (int l = 0; l < links.Length; l++)
            links[l] = Context.ActorOf(LinkActor.Props(network.Channels[2 * l], network.Channels[2 * l + 1], 2 * l, nodes)
                .WithDispatcher(ActorEngine.PartDispatcherId(placement.LinkPart[l])), "link-" + l);
        for (int i = 0; i < n; i++)
            nodes[i] = Context.ActorOf(NodeActor.Props(runners[i], relays?[placement.NodePart[i]] ?? _coordinator, links).WithDispatcher(ActorEngine.PartDispatcherId(placement.NodePart[i])), "node-" + i);
        // Every reference is in place before the first message is sent.
        Receive<RunFinished>(f => _completion.TrySetResult(f));
    }

    public static Props Props(NetworkModel network, IReadOnlyList<NodeRunner> runners, CoordinatorSettings settings, Placement.EntityPlacement placement,
        TaskCompletionSource<RunFinished> completion) =>
        Akka.Actor.Props.Create(() => new RunSupervisor(network, runners, settings, placement, completion));

    protected override void PreStart() => _coordinator.Tell(BeginRun.Instance, Self);

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(0, 0, Decider.From(ex =>
    {
        var cause = ex is ActorInitializationException { InnerException: { } inner } ? inner : ex;
        _completion.TrySetException(cause as SimulationException ?? new SimulationException("an actor of the run", SimTime.Zero, cause));
        return Directive.Stop;
    }), loggingEnabled: false);
}
