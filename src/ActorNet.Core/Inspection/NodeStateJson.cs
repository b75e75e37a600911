using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorNet.Core.Inspection;

/// <summary>
/// <see cref="NodeState"/> as JSON with summary.json's conventions (src/ActorNet.Results/SummaryJson.cs):
/// snake_case keys, addresses and states as text, times in *_ns fields. Every field is written, nulls
/// included, so a reader sees the whole shape; <see cref="Deserialize"/> reads back what
/// <see cref="Serialize"/> wrote.
/// </summary>
public static class NodeStateJson
{
    /// <summary>Goes up when a field is renamed or removed (adding one does not).</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Serialize(NodeState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return JsonSerializer.Serialize(new Document(SchemaVersion, state), Options);
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; a <see cref="JsonException"/> for anything else.</summary>
    public static NodeState Deserialize(string json)
    {
        var doc = JsonSerializer.Deserialize<Document>(json, Options) ?? throw new JsonException("a node state document expected, got null");
        if (doc.SchemaVersion != SchemaVersion)
            throw new JsonException($"node state schema version {doc.SchemaVersion}; this build reads {SchemaVersion}");
        return doc.Node;
    }

    private sealed record Document(int SchemaVersion, NodeState Node);
}
