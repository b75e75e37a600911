using System.Text.Json;

namespace ActorNet.Cli.Tests.Support;

/// <summary>Reads a run folder's status.json.</summary>
internal static class StatusJson
{
    /// <summary>The "status" field, or null while there is no readable status.json.</summary>
    public static string? Of(string folder)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "status.json")));
            return doc.RootElement.GetProperty("status").GetString();
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A field of status.json (the file must be there).</summary>
    public static string? Field(string folder, string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "status.json")));
        return doc.RootElement.TryGetProperty(name, out var v) ? v.GetString() : null;
    }
}
