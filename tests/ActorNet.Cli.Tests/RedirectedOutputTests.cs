using System.Text.Json;
using System.Text.RegularExpressions;
using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// Output that is not a terminal (a file, a pipe, a StringWriter) is read by scripts and people
/// scrolling a log, so no line is wrapped: a table row stays one line, and the run line is whole.
/// tcp-fairness has the widest table (TCP: flow names like h1a:56988->10.0.4.2:5001, rtt
/// min/mean/max with five decimals, "established/established"), wider than 120 columns.
/// </summary>
public sealed partial class RedirectedOutputTests
{
    // A name of the longest length allowed (64), so the run line is over 120 columns, where it used to break.
    private const string LongName = "tcp-fairness-with-a-scenario-name-of-the-longest-allowed-length-";

    [Fact]
    public void Tables_and_the_run_line_do_not_wrap()
    {
        using var dir = new TempDir();
        string scenario = dir.Write("long.conf", File.ReadAllText(RepoRoot.Config("tcp-fairness.conf")).Replace("name = tcp-fairness", $"name = {LongName}"));
        string run = dir.PathOf("run");

        var r = Actornet.Run("run", scenario, "--until", "2s", "--out", run);

        Assert.True(r.ExitCode == CliApp.Ok, r.ToString());
        var lines = r.Stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.Matches(RunLine(), lines[0]);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        var flows = summary.RootElement.GetProperty("tcp_flows").EnumerateArray().ToList();
        Assert.Equal(2, flows.Count);
        foreach (var f in flows)
        {
            // The flow's row holds its whole name and its whole state cell.
            string row = Assert.Single(lines, l => l.Contains(f.GetProperty("flow").GetString()!, StringComparison.Ordinal));
            Assert.Contains($"{f.GetProperty("client_state").GetString()}/{f.GetProperty("server_state").GetString()}", row);
        }

        // Every table: one header line, and a row per line (a wrapped row continues on a line
        // whose first cell is empty).
        var tables = Tables(lines);
        Assert.Equal(2, tables.Count);   // TCP, ports
        foreach (var (header, body) in tables)
        {
            Assert.Single(header);
            Assert.All(body, row => Assert.DoesNotMatch(@"^│\s+│", row));
        }
    }

    /// <summary>Header lines (between ┌ and ├) and body lines (between ├ and └) of each box table.</summary>
    private static List<(List<string> Header, List<string> Body)> Tables(string[] lines)
    {
        var tables = new List<(List<string>, List<string>)>();
        List<string>? header = null, body = null;
        foreach (var l in lines)
        {
            if (l.StartsWith('┌')) (header, body) = ([], null);
            else if (l.StartsWith('├') && header is not null) body = [];
            else if (l.StartsWith('└') && header is not null && body is not null)
            {
                tables.Add((header, body));
                (header, body) = (null, null);
            }
            else if (l.StartsWith('│')) (body ?? header)?.Add(l);
        }
        return tables;
    }

    [GeneratedRegex(@"^scenario \S+ \(seed 1, engine actors\): completed, virtual time 2s, [0-9,]+ events in [0-9.]+ s \([0-9.]+ [kM] events/s\)$")]
    private static partial Regex RunLine();
}
