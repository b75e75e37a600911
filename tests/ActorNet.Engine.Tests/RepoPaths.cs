namespace ActorNet.Engine.Tests;

internal static class RepoPaths
{
    /// <summary>The repository root: the first folder above the test binaries that holds ActorNet.sln.</summary>
    public static string Root { get; } = Find();

    public static string Config(string name) => Path.Combine(Root, "config", name);

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "ActorNet.sln"))) return d.FullName;
        throw new InvalidOperationException("ActorNet.sln not found above " + AppContext.BaseDirectory);
    }
}
