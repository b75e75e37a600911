namespace ActorNet.Persistence.Tests;
