namespace ActorNet.Benchmarks;

public static class ActorMemory
{
    public static int Run(string[] args) => 0;
}
