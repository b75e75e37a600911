namespace ActorNet.Persistence.Journal;

public enum JournalProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Where runs are journaled: a SQLite file (the default, <c>runs/actornet.db</c>, nothing to set up) or a
/// PostgreSQL database by connection string (<c>--db</c>, or the <see cref="EnvironmentVariable"/>).
/// </summary>
public sealed record JournalLocation(JournalProvider Provider, string ConnectionString, string Display)
{
    public const string EnvironmentVariable = "ACTORNET_DB";
    public const string DefaultPath = "runs/actornet.db";

    /// <summary>
    /// <paramref name="given"/> (from --db), else the environment variable, else the default file. A PostgreSQL
    /// database is named by a connection string ("Host=…;Database=…") or a URL ("postgres://user@host:port/db");
    /// anything else is a SQLite file path.
    /// </summary>
    public static JournalLocation Resolve(string? given)
    {
        string text = !string.IsNullOrWhiteSpace(given) ? given
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
            : DefaultPath;
        return Parse(text);
    }

    public static JournalLocation Parse(string text)
    {
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return FromUrl(text);
        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(text);
            return new JournalLocation(JournalProvider.PostgreSql, text, $"postgresql {b.Host}:{b.Port}/{b.Database}");
        }
        string path = Path.GetFullPath(text);
        return new JournalLocation(JournalProvider.Sqlite, $"Data Source={path};Pooling=True", path);
    }

    public string? SqlitePath => Provider == JournalProvider.Sqlite ? Display : null;

    private static JournalLocation FromUrl(string url)
    {
        var u = new Uri(url);
        var b = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = u.Host,
            Port = u.Port > 0 ? u.Port : 5432,
            Database = u.AbsolutePath.Trim('/') is { Length: > 0 } db ? db : "postgres",
        };
        if (u.UserInfo.Length > 0)
        {
            var parts = u.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        return new JournalLocation(JournalProvider.PostgreSql, b.ConnectionString, $"postgresql {b.Host}:{b.Port}/{b.Database}");
    }
}
