using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace ActorNet.Persistence.Tests.Support;

/// <summary>
/// A real PostgreSQL for the tests (xunit collection fixture, <see cref="PostgresCollection"/>): the server named by
/// <c>ACTORNET_TEST_PG</c> (<c>.ci/run</c> starts one and sets it), or else a private cluster on 127.0.0.1 that this
/// fixture starts with <c>.ci/postgres start</c> and stops when the collection is done. Each test takes its own
/// fresh database from <see cref="CreateDatabase"/>. Without PostgreSQL the tests fail and say how to get it; they
/// are never skipped.
/// </summary>
public sealed partial class PostgresServer : IDisposable
{
    public const string EnvironmentVariable = "ACTORNET_TEST_PG";

    private readonly Lazy<Server> _server = new(Start);
    private int _databases;

    /// <summary>The server's own test database (actornet_test); starts the server on first use.</summary>
    public string ConnectionString => _server.Value.ConnectionString;

    /// <summary>A new, empty database that only the calling test uses; dropped on its Dispose.</summary>
    public TestDatabase CreateDatabase()
    {
        // Unique across test processes sharing one server, with no randomness: process id and a counter.
        string name = $"actornet_t{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using (var admin = new NpgsqlConnection(ConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            create.ExecuteNonQuery();
        }
        var cs = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
        return new TestDatabase(name, cs, ConnectionString);
    }

    public void Dispose()
    {
        if (_server.IsValueCreated) _server.Value.Dispose();
    }

    private static Server Start()
    {
        string? given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given)) return new Server(given, StateFile: null, Root: null);

        string root = RepoRoot();
        string script = Path.Combine(root, ".ci", "postgres");
        // Our own state file, so that this process never stops a cluster someone else started.
        string state = Path.Combine(Path.GetTempPath(), $"actornet-postgres-tests-{Environment.ProcessId}.state");
        var (exit, stdout, stderr) = RunScript(root, script, "start", state);
        if (exit != 0)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a server. '.ci/postgres start' failed (exit {exit}): {stderr.Trim()}\n" +
                $"Install PostgreSQL (apt-get install -y postgresql) or set {EnvironmentVariable} to a connection string " +
                "(e.g. Host=127.0.0.1;Port=5432;Database=actornet_test;Username=postgres).");
        }
        var match = ExportLine().Match(stdout);
        if (!match.Success) throw new InvalidOperationException($"'.ci/postgres start' printed no export line: {stdout}");
        return new Server(match.Groups[1].Value, state, root);
    }

    private static (int Exit, string Stdout, string Stderr) RunScript(string root, string script, string command, string state)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(command);
        start.Environment["ACTORNET_PG_STATE"] = state;
        using var p = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{script} {command}' did not finish within 120 s");
        }
        return (p.ExitCode, stdout, stderr.Result);
    }

    /// <summary>The checkout: the nearest folder above the test binaries that holds ActorNet.sln.</summary>
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorNet.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ActorNet.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^export ACTORNET_TEST_PG='([^']*)'\s*$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();

    /// <summary>A running server; stopped on Dispose if this fixture started it.</summary>
    private sealed record Server(string ConnectionString, string? StateFile, string? Root) : IDisposable
    {
        public void Dispose()
        {
            if (StateFile is null || Root is null) return;
            NpgsqlConnection.ClearAllPools();
            var (exit, _, stderr) = RunScript(Root, Path.Combine(Root, ".ci", "postgres"), "stop", StateFile);
            if (exit != 0) throw new InvalidOperationException($"'.ci/postgres stop' failed (exit {exit}): {stderr.Trim()}");
        }
    }
}

/// <summary>One test's own database on the <see cref="PostgresServer"/>.</summary>
public sealed class TestDatabase(string name, string connectionString, string adminConnectionString) : IDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    /// <summary>Drops the database, closing whatever connections (pooled ones too) are still open to it.</summary>
    public void Dispose()
    {
        using (var pooled = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(pooled);
        using var admin = new NpgsqlConnection(adminConnectionString);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}

/// <summary>Tests that use PostgreSQL: <c>[Collection(PostgresCollection.Name)]</c> and a
/// <see cref="PostgresServer"/> constructor parameter.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
