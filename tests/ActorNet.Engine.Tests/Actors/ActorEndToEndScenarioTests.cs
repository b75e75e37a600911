namespace ActorNet.Engine.Tests.Actors;

/// <summary>S1–S3 through the actor engine: the same exact numbers as the reference engine's (EndToEndScenarioTests).</summary>
public class ActorEndToEndScenarioTests : EndToEndScenarioTests
{
    public ActorEndToEndScenarioTests() : base("actors") { }
}
