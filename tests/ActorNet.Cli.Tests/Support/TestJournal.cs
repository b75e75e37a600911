using System.Runtime.CompilerServices;
using ActorNet.Persistence.Journal;

namespace ActorNet.Cli.Tests.Support;

/// <summary>
/// Every run the tests make (in process or in a child process, which inherits the environment) is journaled to one
/// database of the test run's own, never to runs/actornet.db of whatever folder the tests run in. Many tests write to
/// it at once: that two runs can share a database is tested all the time.
/// </summary>
internal static class TestJournal
{
    public static string Path { get; private set; } = "";

    [ModuleInitializer]
    internal static void UseOwnDatabase()
    {
        string dir = Directory.CreateTempSubdirectory("actornet-cli-tests-db-").FullName;
        Path = System.IO.Path.Combine(dir, "actornet.db");
        Environment.SetEnvironmentVariable(JournalLocation.EnvironmentVariable, Path);
    }
}
