using System.Diagnostics;
using System.Globalization;
using ActorNet.Core.Network;
using ActorNet.Core.Time;
using Akka.Actor;
using Akka.Configuration;
using ActorNet.Engine.Actors.Placement;

namespace ActorNet.Engine.Actors;

/// <summary>
/// The parallel engine (DESIGN §1, docs/ARCHITECTURE.md "The actor engine"): one actor per node and
/// per link under a run supervisor, and a coordinator advancing conservative windows. Same events,
/// same order per entity, same digest as the reference engine.
/// </summary>
public sealed class ActorEngine(int threads = 0, int spinMicroseconds = -1, SocketPlacement sockets = SocketPlacement.Actors) : ISimulationEngine
{
    private bool _used;

    public string Name => "actors";

    /// <summary>Where sockets run (child actors, the default, or inside their host actor's step).</summary>
    public SocketPlacement Sockets { get; } = sockets;

    /// <summary>
    /// Parts of the network per worker thread (more than one, so that <see cref="ThreadPacer"/> can move parts
    /// between threads as their traffic changes; <see cref="ThreadTeam.Balance"/>).
    /// </summary>
    public const int PartsPerThread = 8;

    /// <summary>
    /// With a fixed thread count: which nodes a window wakes (<see cref="CoordinatorSettings.WakeFraction"/>); default
    /// 0.25 on one thread, 1 on more (fuller windows, fewer barriers). The automatic choice sets it with the threads.
    /// </summary>
    public double? WakeFraction { get; init; }

    /// <summary>Settings put in front of the engine's own Akka configuration (e.g. where Akka's logs go).</summary>
    public Config? ExtraAkkaConfig { get; init; }

    /// <summary>Windows the last run took (for benchmarks: events per window is what parallelism can win).</summary>
    public long LastWindows { get; private set; }

    /// <summary>Worker threads: as asked, or all cores.</summary>
    public int Threads { get; } = threads > 0 ? threads : Environment.ProcessorCount;

    /// <summary>
    /// No thread count was asked for: the run uses as many of <see cref="Threads"/> as its windows can keep busy,
    /// chosen as it goes (<see cref="ThreadPacer"/>; results never depend on it).
    /// </summary>
    public bool AutomaticThreads { get; } = threads <= 0 && Environment.ProcessorCount > 1;

    /// <summary>
    /// How long an idle worker thread spins before it sleeps (<see cref="ThreadTeam"/>): as asked, or
    /// 50 µs when there are no more threads than cores and 0 otherwise (a spinner would take a core from a
    /// thread with work).
    /// </summary>
    public int SpinMicroseconds { get; } = spinMicroseconds >= 0 ? spinMicroseconds
        : (threads > 0 ? threads : Environment.ProcessorCount) <= Environment.ProcessorCount ? 50 : 0;

    /// <summary>
    /// AKKA-NOTES §2: quiet logging, and one dispatcher per part of the network (<see cref="EntityPlacement"/>), each
    /// handing its mailboxes to that part's queue in the engine's <see cref="ThreadTeam"/>, throughput 100.
    /// </summary>
    public static Config AkkaConfig(string team, int parts) => ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          log-config-on-start = off
          # The program handles SIGINT and SIGTERM itself (the run stops at a window boundary, docs/CLI.md); Akka must not
          # terminate the system on a signal behind its back (CoordinatedShutdown's CLR hook, installed on first use).
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        {{string.Join("\n", Enumerable.Range(0, parts).Select(p => PartDispatcher(team, p)))}}
        """));

    /// <summary>The dispatcher of one part of the network.</summary>
    public static string PartDispatcherId(int part) => "actornet-sim-part-" + part.ToString(CultureInfo.InvariantCulture);

    private static string PartDispatcher(string team, int part) => string.Create(CultureInfo.InvariantCulture, $$"""
        {{PartDispatcherId(part)}} {
          type = Dispatcher
          executor = "ActorNet.Engine.Actors.Placement.PartExecutorConfigurator, ActorNet.Engine"
          throughput = 100
          part-executor { team = "{{team}}", part = {{part}} }
        }
        """);

    public EngineRun Run(NetworkModel network, SimTime stopAt, IProgress<RunProgress>? progress = null, CancellationToken cancel = default,
        IRunObserver? observer = null)
    {
        if (_used) throw new InvalidOperationException("an engine instance runs one network once");
        _used = true;
        var clock = Stopwatch.StartNew();
        var runners = network.Nodes.Select(n => new NodeRunner(n, network.Nodes.Count, Sockets == SocketPlacement.Host)).ToList();
        foreach (var r in runners) r.Start();
        var settings = new CoordinatorSettings(network.Lookahead, stopAt, runners.Select(r => r.NextEventNs).ToArray())
        {
            Progress = progress,
            Cancel = cancel,
            Observer = observer,
        };

        var completion = new TaskCompletionSource<RunFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
        var placement = EntityPlacement.For(network, Threads == 1 ? 1 : PartsPerThread * Threads);
        using var team = new ThreadTeam("actornet-" + Guid.NewGuid().ToString("N"), Threads, placement.Parts, SpinMicroseconds);
        team.Register();
        if (Threads > 1)
        {
            var pacer = new ThreadPacer(team) { ChoosesThreads = AutomaticThreads, FixedWakeFraction = WakeFraction };
            settings = settings with { Pacer = AutomaticThreads ? pacer.Start() : pacer };
        }
        else if (WakeFraction is { } fraction) settings = settings with { WakeFraction = fraction };
        var config = AkkaConfig(team.Name, placement.Parts);
        var system = ActorSystem.Create("actornet", ExtraAkkaConfig is null ? config : ExtraAkkaConfig.WithFallback(config));
        try
        {
            system.ActorOf(RunSupervisor.Props(network, runners, settings, placement, completion), "run");
            var finished = completion.Task.GetAwaiter().GetResult();   // a SimulationException rethrows here
            LastWindows = finished.Windows;
            return new EngineRun(finished.Status, finished.Reached, finished.Events, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(30));
        }
    }
}
