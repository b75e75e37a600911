using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ActorNet.Core.Addressing;

namespace ActorNet.Results;

/// <summary>summary.json: snake_case keys, addresses as text, apps with their own fields (docs/OUTPUT.md).</summary>
public static class SummaryJson
{
    public const int SchemaVersion = 2;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new IpAddressConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(RunSummary summary)
    {
        var root = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["run"] = JsonSerializer.SerializeToNode(summary.Run, Options),
            ["ports"] = JsonSerializer.SerializeToNode(summary.Ports, Options),
            ["nodes"] = JsonSerializer.SerializeToNode(summary.Nodes, Options),
            // Each app report by its runtime type, so ping has replies and a sink has flows.
            ["apps"] = new JsonArray(summary.Apps.Select(a => JsonSerializer.SerializeToNode(a, a.GetType(), Options)).ToArray()),
            ["tcp_flows"] = JsonSerializer.SerializeToNode(summary.TcpFlows, Options),
        };
        return root.ToJsonString(Options);
    }

    private sealed class IpAddressConverter : JsonConverter<IpAddress>
    {
        public override IpAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            IpAddress.Parse(reader.GetString() ?? throw new JsonException("address expected"));

        public override void Write(Utf8JsonWriter writer, IpAddress value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
