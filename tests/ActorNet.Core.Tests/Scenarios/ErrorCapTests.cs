using System.Text;
using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>
/// A 50 MB file of unknown keys once gave 3.2 million problems (650 MB of output, 2.2 GB of
/// memory). The loader keeps the first 50 problems in file order and counts all of them; the text
/// itself is refused above 16 MiB before it is parsed.
/// </summary>
public class ErrorCapTests
{
    private static string UnknownKeys(int count, int firstLine = 1)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++) sb.Append("unknown-").Append(firstLine + i).Append(" = 1\n");
        return sb.ToString();
    }

    [Fact]
    public void A_thousand_unknown_keys_keep_the_first_50_and_count_all()
    {
        var r = ScenarioLoader.LoadFromText("stop-at = 1s\nnodes { r1 = router }\n" + UnknownKeys(1000), "keys.conf");

        Assert.False(r.Ok);
        Assert.Equal(ScenarioLoader.MaxReportedProblems, r.Errors.Count);
        Assert.Equal(1000, r.ErrorCount);
        Assert.Equal(Enumerable.Range(3, 50), r.Errors.Select(e => e.Line));
    }

    [Fact]
    public void The_kept_problems_are_the_first_in_the_file_whatever_order_they_were_found_in()
    {
        // Unknown top-level keys are found first (the top level is checked before the links), but
        // they are written after the link, whose zero delay on line 3 must be among the kept.
        string text = "stop-at = 1s\nnodes { a = router, b = router }\n"
            + "links = [ { between = [a, b], subnet = 10.0.1.0/30, rate = 1Mbit/s, delay = 0ms } ]\n"
            + UnknownKeys(100, firstLine: 4);

        var r = ScenarioLoader.LoadFromText(text, "order.conf");

        Assert.Equal(101, r.ErrorCount);
        Assert.Equal(50, r.Errors.Count);
        Assert.Contains("delay 0s", r.Errors[0].Problem);
        Assert.Equal(Enumerable.Range(3, 50), r.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Problems_the_parser_reports_count_too()
    {
        var sb = new StringBuilder("stop-at = 1s\nnodes { r1 = router }\n");
        for (int i = 0; i < 80; i++) sb.Append("x").Append(i).Append(" = ${y}\n");

        var r = ScenarioLoader.LoadFromText(sb.ToString(), "subst.conf");

        // Each line is two problems: the unknown key (column 1) and the substitution (column 6).
        Assert.Equal(160, r.ErrorCount);
        Assert.Equal(50, r.Errors.Count);
        Assert.Equal(25, r.Errors.Count(e => e.Problem.Contains("substitutions", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_scenario_with_fewer_problems_than_the_cap_reports_them_all()
    {
        var r = ScenarioLoader.LoadFromText("stop-at = 1s\nnodes { r1 = router }\n" + UnknownKeys(7), "few.conf");
        Assert.Equal((7, 7), (r.Errors.Count, r.ErrorCount));
    }

    [Fact]
    public void Text_over_16_MiB_is_refused_before_it_is_parsed()
    {
        // One key of 17 MiB: parsed, it would be one "has no value" at line 1.
        string text = new('k', 17 * 1024 * 1024);

        var r = ScenarioLoader.LoadFromText(text, "huge.conf");

        var e = Assert.Single(r.Errors);
        Assert.Contains("17825792 bytes", e.Problem);
        Assert.Contains("16 MiB", e.Problem);
        Assert.Equal(1, r.ErrorCount);
    }

    [Fact]
    public void A_file_over_16_MiB_is_refused_with_its_size_and_the_limit()
    {
        string file = Path.Combine(Path.GetTempPath(), $"actornet-huge-{Guid.NewGuid():N}.conf");
        try
        {
            // Sparse: 50 MB of zeros cost no disk and, read, would be one 50-million-character key.
            using (var f = File.Create(file)) f.SetLength(50_000_000);

            var r = ScenarioLoader.Load(file);

            var e = Assert.Single(r.Errors);
            Assert.Equal(file, e.File);
            Assert.Contains("50000000 bytes", e.Problem);
            Assert.Contains("the limit is 16 MiB (16777216 bytes)", e.Problem);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_file_of_exactly_16_MiB_is_read()
    {
        string file = Path.Combine(Path.GetTempPath(), $"actornet-16mib-{Guid.NewGuid():N}.conf");
        try
        {
            // A comment filling the file to the limit: read and parsed, it lacks only stop-at and nodes.
            string head = "# ";
            File.WriteAllText(file, head + new string('c', 16 * 1024 * 1024 - head.Length));

            var r = ScenarioLoader.Load(file);

            Assert.DoesNotContain(r.Errors, e => e.Problem.Contains("MiB", StringComparison.Ordinal));
            Assert.Contains(r.Errors, e => e.Problem.Contains("missing stop-at", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
