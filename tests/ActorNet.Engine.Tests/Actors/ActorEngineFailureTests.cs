using ActorNet.Core.Apps;
using ActorNet.Core.Network;
using ActorNet.Core.Time;
using ActorNet.Engine.Actors;

namespace ActorNet.Engine.Tests.Actors;

/// <summary>An exception inside any entity fails the run with the entity and virtual time; cancellation interrupts it.</summary>
public class ActorEngineFailureTests
{
    private sealed class FailingApp(SimTime failAt) : IApp
    {
        public string Name => "failing";
        public void Start(IAppContext ctx) => ctx.SetTimer(failAt, 0);
        public void OnTimer(IAppContext ctx, long token) => throw new InvalidOperationException("boom");
        public AppReport Report() => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_exception_in_a_node_fails_the_run_naming_the_node_and_the_virtual_time(int threads)
    {
        var network = NetworkBuilder.Build(TestScenarios.Ping());
        ((Host)network["h2"]).AddApp(new FailingApp(SimTime.FromMilliseconds(1500)), SimTime.Zero);

        var ex = Assert.Throws<SimulationException>(() => new ActorEngine(threads).Run(network, SimTime.FromSeconds(10)));
        Assert.Equal("h2", ex.Entity);
        Assert.Equal(SimTime.FromMilliseconds(1500), ex.At);
        Assert.Contains("boom", ex.Message);
    }

    [Fact]
    public void A_cancelled_run_stops_at_a_window_boundary_as_interrupted()
    {
        var network = NetworkBuilder.Build(TestScenarios.Ping());
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var run = new ActorEngine(2).Run(network, SimTime.FromSeconds(10), cancel: cancel.Token);
        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.True(run.Reached < SimTime.FromSeconds(10));
    }
}
