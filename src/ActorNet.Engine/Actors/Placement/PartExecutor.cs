using Akka.Configuration;
using Akka.Dispatch;

namespace ActorNet.Engine.Actors.Placement;

/// <summary>
/// One part's dispatcher executor: hands each mailbox run to the part's queue in the engine's
/// <see cref="ThreadTeam"/>. Every part has a dispatcher of its own (<c>actornet-sim-part-N</c>), and each actor
/// is created on its part's dispatcher, so Akka itself says where an actor runs.
/// </summary>
public sealed class PartExecutor(string id, ThreadTeam team, int part) : ExecutorService(id)
{
    public override void Execute(IRunnable run) => team.Execute(part, run);

    // The team outlives its dispatchers' executors: the engine disposes it after the actor system terminated.
    public override void Shutdown() { }
}

/// <summary>Akka's hook: <c>executor = "ActorNet.Engine.Actors.Placement.PartExecutorConfigurator, ActorNet.Engine"</c> with <c>part-executor { team, part }</c>.</summary>
public sealed class PartExecutorConfigurator(Config config, IDispatcherPrerequisites prerequisites) : ExecutorServiceConfigurator(config, prerequisites)
{
    private readonly string _team = config.GetString("part-executor.team") ?? throw new ConfigurationException("part-executor.team is not set");
    private readonly int _part = config.GetInt("part-executor.part", -1);

    public override ExecutorService Produce(string id) => new PartExecutor(id, ThreadTeam.Find(_team), _part);
}
