using ActorNet.Core.Scenarios;
using ActorNet.Core.Scenarios.Hocon;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>
/// The parser descends one call per '{' or '[' (and one object per part of a dotted key), so a
/// hostile file could nest deep enough to overflow the stack, which ends the process (exit 134)
/// instead of giving a message. At most 256 levels are open at once; the opener past the limit is
/// reported at its line and column. These tests would crash the test run, not fail it, if the
/// limit were gone: that is the defect they keep fixed.
/// </summary>
public class HoconNestingTests
{
    private static ScenarioError Refused(string text)
    {
        var r = HoconParser.Parse(text, "deep.conf");
        Assert.True(r.Fatal);
        var e = Assert.Single(r.Errors);
        Assert.Contains("nested more than 256 levels deep", e.Problem);
        Assert.False(string.IsNullOrWhiteSpace(e.Fix));
        return e;
    }

    [Fact]
    public void Twenty_thousand_nested_arrays_are_refused_at_the_257th_bracket()
    {
        // "a = " is four characters: bracket n is at column 4 + n.
        var e = Refused("a = " + new string('[', 20_000));
        Assert.Equal((1, 4 + 257), (e.Line, e.Column));
    }

    [Fact]
    public void Twenty_thousand_nested_objects_are_refused_at_the_257th_brace()
    {
        // "b {" repeated: brace n is at column 3n.
        var e = Refused(string.Concat(Enumerable.Repeat("b {", 20_000)));
        Assert.Equal((1, 3 * 257), (e.Line, e.Column));
    }

    [Fact]
    public void Nesting_on_many_lines_is_reported_on_the_line_of_the_opener()
    {
        var e = Refused("a = \n" + string.Concat(Enumerable.Repeat("[\n", 20_000)));
        Assert.Equal((1 + 257, 1), (e.Line, e.Column));
    }

    [Fact]
    public void A_dotted_key_of_twenty_thousand_parts_is_refused_at_the_key()
    {
        var e = Refused("x = 1\n" + string.Join('.', Enumerable.Repeat("k", 20_000)) + " = 1\n");
        Assert.Equal((2, 1), (e.Line, e.Column));
    }

    [Fact]
    public void Brackets_and_dotted_parts_count_together()
    {
        // a.b is one level (the object a); then 256 brackets make 257.
        Refused("a.b = " + new string('[', 256) + new string(']', 256));
        var ok = HoconParser.Parse("a.b = " + new string('[', 255) + new string(']', 255), "deep.conf");
        Assert.Empty(ok.Errors);
    }

    [Fact]
    public void Exactly_256_levels_parse()
    {
        var arrays = HoconParser.Parse("a = " + new string('[', 256) + new string(']', 256), "deep.conf");
        Assert.Empty(arrays.Errors);
        var objects = HoconParser.Parse(string.Concat(Enumerable.Repeat("b {", 256)) + new string('}', 256), "deep.conf");
        Assert.Empty(objects.Errors);
    }

    [Fact]
    public void The_loader_reports_deep_nesting_as_one_problem()
    {
        var r = ScenarioLoader.LoadFromText("stop-at = 1s\nnodes = " + new string('[', 20_000), "deep.conf");
        var e = Assert.Single(r.Errors);
        Assert.Equal((2, 9 + 256), (e.Line, e.Column));
    }
}
