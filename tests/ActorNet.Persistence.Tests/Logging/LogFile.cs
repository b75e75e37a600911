using System.Text.Json;

namespace ActorNet.Persistence.Tests.Logging;

/// <summary>Reads a RunLog file back: one JSON object per line, each of which must parse.</summary>
internal static class LogFile
{
    public static IReadOnlyList<JsonElement> Read(string path) =>
        File.ReadAllLines(path)
            .Select((line, i) =>
            {
                try { return JsonDocument.Parse(line).RootElement.Clone(); }
                catch (JsonException e) { throw new Xunit.Sdk.XunitException($"{path} line {i + 1} is not JSON ({e.Message}): {line}"); }
            })
            .ToList();

    public static JsonElement Single(string path, string template)
    {
        var hits = Read(path).Where(e => e.GetProperty("MessageTemplate").GetString() == template).ToList();
        Assert.True(hits.Count == 1, $"expected one line with template '{template}' in {path}, found {hits.Count}:\n{File.ReadAllText(path)}");
        return hits[0];
    }
}

/// <summary>Tests that change process-wide state (Serilog's Log.Logger, Console.Out) run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideLoggingCollection
{
    public const string Name = "Process-wide logging state";
}
