using System.Diagnostics;
using System.Globalization;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Scenarios.Generators;
using ActorNet.Core.Time;
using ActorNet.Core.Units;
using ActorNet.Engine.Actors;
using Akka.Actor;

namespace ActorNet.Benchmarks;

/// <summary>
/// Bytes per entity actor: a random topology of N routers (RandomRouterScenario.Build(N, 1), one host per
/// router) is built, an ActorSystem started, and the managed heap measured (forced GC) before and after the
/// run supervisor created every node and link actor and the coordinator. The difference over the actor
/// count is the engine's cost per entity actor (Akka's cell and mailbox, the actor object, its props).
/// Then the same topology with ping and UDP traffic runs 200 ms of virtual time on the actor engine.
///   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- actor-memory [routers]
/// </summary>
public static class ActorMemory
{
    public static int Run(string[] args)
    {
        int routers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var clock = Stopwatch.StartNew();
        var scenario = RandomRouterScenario.Build(routers, 1);
        var network = NetworkBuilder.Build(scenario);
        Console.WriteLine($"{routers} routers: {network.Nodes.Count} nodes, {network.Channels.Count / 2} links, built in {clock.Elapsed.TotalSeconds:0.0} s");
        var runners = network.Nodes.Select(n => new NodeRunner(n, network.Nodes.Count)).ToList();
        foreach (var r in runners) r.Start();
        var settings = new CoordinatorSettings(network.Lookahead, SimTime.FromMilliseconds(1), runners.Select(r => r.NextEventNs).ToArray());
        var placement = ActorNet.Engine.Actors.Placement.EntityPlacement.For(network, 2);
        using var team = new ActorNet.Engine.Actors.Placement.ThreadTeam("memory-team", 2, placement.Parts, spinMicroseconds: 50);
        team.Register();
        var system = ActorSystem.Create("memory", ActorEngine.AkkaConfig(team.Name, placement.Parts));
        long before = GC.GetTotalMemory(true);
        var completion = new TaskCompletionSource<RunFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
        clock.Restart();
        system.ActorOf(RunSupervisor.Props(network, runners, settings, placement, completion), "run");
        completion.Task.Wait();
        double created = clock.Elapsed.TotalSeconds;
        long after = GC.GetTotalMemory(true);
        int actors = network.Nodes.Count + network.Channels.Count / 2 + 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{actors:N0} actors (nodes, links, coordinator, supervisor) created and run in {created:0.00} s; managed heap +{(after - before) / 1048576.0:0.0} MiB = {(double)(after - before) / actors:0} bytes per entity actor"));
        GC.KeepAlive(runners);
        system.Terminate().Wait();

        var apps = new List<AppSpec>();
        var here = new SourceSpan("generated", 0, 0);
        var random = new Random(1);
        for (int i = 0; i < 50; i++)
        {
            int a = random.Next(routers), b = random.Next(routers);
            if (a == b) continue;
            apps.Add(new UdpSinkAppSpec { Name = $"sink-{i}", Node = $"h{b}", Port = (ushort)(7000 + i), At = here });
            apps.Add(new UdpCbrAppSpec
            {
                Name = $"cbr-{i}", Node = $"h{a}", Target = RandomRouterScenario.HostAddress(scenario, b), Port = (ushort)(7000 + i),
                Rate = DataRate.FromMbps(10), PacketBytes = 1000, Stop = SimTime.FromMilliseconds(200), At = here,
            });
            apps.Add(new PingAppSpec { Name = $"ping-{i}", Node = $"h{a}", Target = RandomRouterScenario.HostAddress(scenario, b), Count = 2, Interval = SimTime.FromMilliseconds(50), At = here });
        }
        var traffic = RandomRouterScenario.Build(routers, 1, apps, SimTime.FromMilliseconds(200));
        clock.Restart();
        var run = new ActorEngine(2).Run(NetworkBuilder.Build(traffic), traffic.StopAt);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"with 50 CBR flows and 50 pings: {run.Status} at {run.Reached}, {run.Events:N0} events, build + run {clock.Elapsed.TotalSeconds:0.0} s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB"));
        return 0;
    }
}
