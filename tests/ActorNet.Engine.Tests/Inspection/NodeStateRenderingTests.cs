using System.Text.Json;
using ActorNet.Core.Inspection;
using ActorNet.Core.Network;
using ActorNet.Core.Time;

namespace ActorNet.Engine.Tests.Inspection;

/// <summary>The text and JSON forms of an inspected node (S4, config/tcp-bottleneck.conf, paused at 2 s).</summary>
public class NodeStateRenderingTests
{
    private static readonly SimTime At = SimTime.FromSeconds(2);
    private static readonly Lazy<(NodeState H1, NodeState R1)> States = new(() =>
    {
        var network = NetworkBuilder.Build(ScenarioRuns.Load("tcp-bottleneck.conf"));
        new PausableRun(network).RunUntil(At);
        return (NodeInspector.Inspect(network["h1"], At), NodeInspector.Inspect(network["r1"], At));
    });

    private static readonly string[] Headings =
    [
        NodeStateText.InterfacesHeading, NodeStateText.RoutingHeading, NodeStateText.PortsHeading, NodeStateText.SocketsHeading,
        NodeStateText.TcpHeading, NodeStateText.AppsHeading, NodeStateText.CountersHeading,
    ];

    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public void Text_has_every_section_heading_on_a_line_of_its_own_in_order()
    {
        foreach (var state in new[] { States.Value.H1, States.Value.R1 })
        {
            var lines = Lines(NodeStateText.Render(state)).ToList();
            var at = Headings.Select(h => lines.IndexOf(h)).ToList();
            Assert.DoesNotContain(-1, at);
            Assert.Equal(at.Order(), at);
            Assert.Equal($"Node {state.Name} ({state.Kind}) at 2s", lines[0]);
        }
    }

    [Fact]
    public void Text_shows_the_connection_s_state_and_variables()
    {
        var h1 = States.Value.H1;
        var c = h1.Sockets.TcpConnections.Single();
        var text = NodeStateText.Render(h1);
        Assert.Contains($"{c.Local} -> {c.Remote}, ESTABLISHED, newreno", text);
        var lines = Lines(text);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("SND.UNA", StringComparison.Ordinal) && l.Contains(c.Tcb!.SndUna.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("cwnd", StringComparison.Ordinal) && l.Contains($"{c.Tcb!.Cwnd} B"));
    }

    [Fact]
    public void Text_says_a_router_has_no_sockets()
    {
        var text = NodeStateText.Render(States.Value.R1);
        Assert.Contains("(none: a router has no sockets)", text);
    }

    [Fact]
    public void Text_lists_waiting_packets_one_a_line_up_to_the_cap_then_says_how_many_more()
    {
        var r1 = States.Value.R1;
        var port = r1.Ports.Single(p => p.Waiting.Count > 0);
        var packet = port.Waiting[0];
        // 25 waiting packets with distinct ids, so each listed line can be found.
        var waiting = Enumerable.Range(0, 25).Select(i => packet with { Id = 9_000_000 + i }).ToList();
        var state = r1 with { Ports = r1.Ports.Select(p => p == port ? p with { Waiting = waiting, QueuedPackets = 25 } : p).ToList() };

        var lines = Lines(NodeStateText.Render(state));
        Assert.Equal(NodeStateText.MaxPacketsShown, lines.Count(l => l.TrimStart().StartsWith("90000", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("9000019 ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("9000020 ", StringComparison.Ordinal));
        Assert.Contains("      ... and 5 more", lines);
    }

    [Fact]
    public void Text_columns_of_a_table_line_up()
    {
        var lines = Lines(NodeStateText.Render(States.Value.R1));
        int header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("id ", StringComparison.Ordinal) && l.Contains("seq"));
        Assert.True(header > 0);
        int column = lines[header].IndexOf("seq", StringComparison.Ordinal);
        foreach (var row in lines.Skip(header + 1).TakeWhile(l => !l.Contains("...", StringComparison.Ordinal) && l.Length > 0))
            Assert.True(row.Length > column && row[column - 1] == ' ' && char.IsDigit(row[column]), $"column 'seq' at {column}: '{row}'");
    }

    [Fact]
    public void Json_round_trips_through_System_Text_Json()
    {
        foreach (var state in new[] { States.Value.H1, States.Value.R1 })
        {
            string json = NodeStateJson.Serialize(state);
            var back = NodeStateJson.Deserialize(json);
            Assert.Equal(json, NodeStateJson.Serialize(back));
            Assert.Equal((state.Name, state.Kind, state.AtNs, state.Counters.EventsHandled), (back.Name, back.Kind, back.AtNs, back.Counters.EventsHandled));
            Assert.Equal(state.Ports.Select(p => p.Waiting.Count), back.Ports.Select(p => p.Waiting.Count));
        }
        var tcb = NodeStateJson.Deserialize(NodeStateJson.Serialize(States.Value.H1)).Sockets.TcpConnections.Single().Tcb!;
        Assert.Equal(States.Value.H1.Sockets.TcpConnections.Single().Tcb! with { Timers = tcb.Timers }, tcb);
    }

    [Fact]
    public void Json_uses_summary_json_s_snake_case_and_a_schema_version()
    {
        using var doc = JsonDocument.Parse(NodeStateJson.Serialize(States.Value.H1));
        Assert.Equal(NodeStateJson.SchemaVersion, doc.RootElement.GetProperty("schema_version").GetInt32());
        var node = doc.RootElement.GetProperty("node");
        Assert.Equal(2_000_000_000, node.GetProperty("at_ns").GetInt64());
        var tcb = node.GetProperty("sockets").GetProperty("tcp_connections")[0].GetProperty("tcb");
        Assert.True(tcb.TryGetProperty("snd_una", out _));
        Assert.True(tcb.TryGetProperty("srtt_ns", out _));
    }

    [Fact]
    public void Json_of_another_schema_version_is_refused()
    {
        string json = NodeStateJson.Serialize(States.Value.R1).Replace("\"schema_version\": 1", "\"schema_version\": 99", StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => NodeStateJson.Deserialize(json));
    }
}
