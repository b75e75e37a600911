using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>Without --out, two runs started in the same second get a folder each.</summary>
public sealed class RunFolderNameTests
{
    private static readonly DateTime At = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void Default_folder_is_scenario_seed_and_utc_time()
    {
        using var dir = new TempDir();
        Assert.Equal(dir.PathOf("ping-seed7-20260102-030405"), RunFolderName.Default(dir.Path, "ping", 7, At));
    }

    [Fact]
    public void A_taken_name_gets_the_next_free_number()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.PathOf("ping-seed7-20260102-030405"));
        Assert.Equal(dir.PathOf("ping-seed7-20260102-030405-2"), RunFolderName.Default(dir.Path, "ping", 7, At));

        dir.Write("ping-seed7-20260102-030405-2", "a file takes the name too");
        Assert.Equal(dir.PathOf("ping-seed7-20260102-030405-3"), RunFolderName.Default(dir.Path, "ping", 7, At));
    }
}
