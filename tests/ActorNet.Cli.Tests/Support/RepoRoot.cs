namespace ActorNet.Cli.Tests.Support;

/// <summary>The repository checkout the tests run from: the nearest folder above the test binaries that holds ActorNet.sln.</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>A file under the repository root, e.g. <c>Config("ping.conf")</c> for config/ping.conf.</summary>
    public static string Config(string name) => System.IO.Path.Combine(Path, "config", name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ActorNet.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} contains ActorNet.sln");
    }
}
