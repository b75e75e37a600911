using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Engine.Actors;
using ActorNet.Engine.Reference;
using ActorNet.Results;

namespace ActorNet.Engine.Tests;

internal static class ScenarioRuns
{
    public static Scenario Load(string configName)
    {
        var result = ScenarioLoader.Load(RepoPaths.Config(configName));
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        return result.Scenario!;
    }

    public static (NetworkModel Network, RunSummary Summary) RunReference(Scenario scenario)
    {
        var network = NetworkBuilder.Build(scenario);
        var run = new ReferenceEngine().Run(network, scenario.StopAt);
        Assert.Equal(RunStatus.Completed, run.Status);
        return (network, SummaryBuilder.Build(network, "reference", run));
    }

    public static (NetworkModel Network, RunSummary Summary) RunActors(Scenario scenario, int threads = 2)
    {
        var network = NetworkBuilder.Build(scenario);
        var run = new ActorEngine(threads).Run(network, scenario.StopAt);
        Assert.Equal(RunStatus.Completed, run.Status);
        return (network, SummaryBuilder.Build(network, "actors", run));
    }

    /// <summary>Runs a scenario on the engine named as the CLI names it ("reference" or "actors").</summary>
    public static (NetworkModel Network, RunSummary Summary) Run(Scenario scenario, string engine) =>
        engine == "actors" ? RunActors(scenario) : RunReference(scenario);
}
