namespace ActorNet.Persistence;
