using ActorNet.Core.Scenarios;
using ActorNet.Core.Scenarios.Hocon;

namespace ActorNet.Core.Tests.Scenarios;

public class HoconParserTests
{
    private static HoconObject ParseOk(string text)
    {
        var r = HoconParser.Parse(text, "t.conf");
        Assert.Empty(r.Errors);
        Assert.False(r.Fatal);
        return r.Root;
    }

    private static ScenarioError ParseOneError(string text, bool fatal = true)
    {
        var r = HoconParser.Parse(text, "t.conf");
        Assert.Equal(fatal, r.Fatal);
        var e = Assert.Single(r.Errors);
        Assert.False(string.IsNullOrWhiteSpace(e.Fix));
        Assert.Equal("t.conf", e.File);
        return e;
    }

    private static HoconScalar Scalar(HoconObject o, string key) => Assert.IsType<HoconScalar>(o.Get(key)!.Value);

    [Fact]
    public void Keys_and_values_carry_line_and_column()
    {
        var root = ParseOk("a = 1\n  bb : \"x y\"\n\tc=true\n");
        var a = root.Get("a")!;
        Assert.Equal(new SourceSpan("t.conf", 1, 1), a.KeyAt);
        Assert.Equal(new SourceSpan("t.conf", 1, 5), a.Value.At);
        var bb = root.Get("bb")!;
        Assert.Equal((2, 3), (bb.KeyAt.Line, bb.KeyAt.Column));
        Assert.Equal((2, 8), (bb.Value.At.Line, bb.Value.At.Column));
        Assert.Equal("x y", Scalar(root, "bb").Text);
        Assert.True(Scalar(root, "bb").Quoted);
        Assert.Equal((3, 2), (root.Get("c")!.KeyAt.Line, root.Get("c")!.KeyAt.Column));
        Assert.Equal(HoconScalarKind.Boolean, Scalar(root, "c").Kind);
    }

    [Fact]
    public void Scalars_are_classified()
    {
        var root = ParseOk("n = -2.5e3\ni = 42\ns = 10Mbit/s\nz = null\nip = 10.0.1.2\nq = \"42\"");
        Assert.Equal(HoconScalarKind.Number, Scalar(root, "n").Kind);
        Assert.Equal(HoconScalarKind.Number, Scalar(root, "i").Kind);
        Assert.Equal(HoconScalarKind.String, Scalar(root, "s").Kind);
        Assert.Equal(HoconScalarKind.Null, Scalar(root, "z").Kind);
        Assert.Equal(HoconScalarKind.String, Scalar(root, "ip").Kind);
        Assert.Equal(HoconScalarKind.String, Scalar(root, "q").Kind);
    }

    [Fact]
    public void Unquoted_strings_take_units_addresses_and_prefixes()
    {
        var root = ParseOk("a = 10Mbit/s\nb = 10.0.1.0/24\nc = 1%\nd = 5ms\ne = 0.0.0.0/0\nf = gilbert-elliott");
        Assert.Equal("10Mbit/s", Scalar(root, "a").Text);
        Assert.Equal("10.0.1.0/24", Scalar(root, "b").Text);
        Assert.Equal("1%", Scalar(root, "c").Text);
        Assert.Equal("5ms", Scalar(root, "d").Text);
        Assert.Equal("0.0.0.0/0", Scalar(root, "e").Text);
        Assert.Equal("gilbert-elliott", Scalar(root, "f").Text);
    }

    [Fact]
    public void Values_on_one_line_concatenate_with_their_whitespace()
    {
        var root = ParseOk("q = 100 packets   # a comment\nr = 10 Mbit/s");
        Assert.Equal("100 packets", Scalar(root, "q").Text);
        Assert.Equal("10 Mbit/s", Scalar(root, "r").Text);
    }

    [Fact]
    public void Comments_hash_and_double_slash_are_skipped()
    {
        var root = ParseOk("# top\na = 1 // trailing\n// whole line\nb = 10.0.1.0/24 # c\nc = \"#not a comment\"");
        Assert.Equal(new[] { "a", "b", "c" }, root.Fields.Select(f => f.Key));
        Assert.Equal("10.0.1.0/24", Scalar(root, "b").Text);
        Assert.Equal("#not a comment", Scalar(root, "c").Text);
    }

    [Fact]
    public void Dotted_keys_build_nested_objects_and_merge()
    {
        var root = ParseOk("a.b = 1\na.c = 2\na { d = 3 }\n\"x.y\" = 4");
        var a = Assert.IsType<HoconObject>(root.Get("a")!.Value);
        Assert.Equal(new[] { "b", "c", "d" }, a.Fields.Select(f => f.Key));
        Assert.NotNull(root.Get("x.y"));
    }

    [Fact]
    public void Later_scalar_wins_and_duplicates_are_recorded()
    {
        var root = ParseOk("a = 1\nb = 2\na = 3");
        Assert.Equal("3", Scalar(root, "a").Text);
        var d = Assert.Single(root.Duplicates);
        Assert.Equal(("a", 1, 3), (d.Key, d.FirstAt.Line, d.LaterAt.Line));
        Assert.Equal(new[] { "a", "b" }, root.Fields.Select(f => f.Key));
    }

    [Fact]
    public void Objects_arrays_commas_and_newlines()
    {
        var root = ParseOk("o { x = 1, y = [a, b,\n c]\n z : { } }\nl = [\n  { k = 1 }\n  { k = 2 },\n]\n");
        var o = Assert.IsType<HoconObject>(root.Get("o")!.Value);
        var y = Assert.IsType<HoconArray>(o.Get("y")!.Value);
        Assert.Equal(new[] { "a", "b", "c" }, y.Items.Cast<HoconScalar>().Select(s => s.Text));
        Assert.Equal((2, 2), (y.Items[2].At.Line, y.Items[2].At.Column));
        var l = Assert.IsType<HoconArray>(root.Get("l")!.Value);
        Assert.Equal(2, l.Items.Count);
        Assert.Equal((5, 3), (l.Items[0].At.Line, l.Items[0].At.Column));
    }

    [Fact]
    public void Root_braces_are_optional()
    {
        var root = ParseOk("{\n  a = 1\n}\n");
        Assert.Equal("1", Scalar(root, "a").Text);
    }

    [Fact]
    public void Quoted_strings_resolve_escapes()
    {
        var root = ParseOk("a = \"tab\\there \\\"q\\\" \\u00b5\"");
        Assert.Equal("tab\there \"q\" \u00b5", Scalar(root, "a").Text);
    }

    [Fact]
    public void Quoted_ipv6_is_accepted()
    {
        var root = ParseOk("subnet = \"2001:db8::/32\"");
        Assert.Equal("2001:db8::/32", Scalar(root, "subnet").Text);
    }

    [Fact]
    public void Unquoted_ipv6_is_reported_with_a_quoted_fix_and_parsing_goes_on()
    {
        var e = ParseOneError("a = 1\nsubnet = 2001:db8::/32\nb = 2", fatal: false);
        Assert.Equal((2, 10), (e.Line, e.Column));
        Assert.Contains("must be quoted", e.Problem);
        Assert.Contains("\"2001:db8::/32\"", e.Fix);
    }

    [Fact]
    public void Unquoted_ipv6_starting_with_colons_is_reported()
    {
        var e = ParseOneError("x = [10.0.0.1, ::1]", fatal: false);
        Assert.Equal((1, 16), (e.Line, e.Column));
        Assert.Contains("must be quoted", e.Problem);
    }

    [Fact]
    public void Substitution_is_not_supported()
    {
        var e = ParseOneError("a = 1\nb = ${a}\n", fatal: false);
        Assert.Equal((2, 5), (e.Line, e.Column));
        Assert.Contains("not supported", e.Problem);
    }

    [Fact]
    public void Include_is_not_supported()
    {
        var e = ParseOneError("a = 1\n  include \"other.conf\"\n", fatal: false);
        Assert.Equal((2, 3), (e.Line, e.Column));
        Assert.Contains("include is not supported", e.Problem);
    }

    [Fact]
    public void Missing_closing_brace_points_at_the_end_and_names_the_opening()
    {
        var e = ParseOneError("a {\n  b = 1\n");
        Assert.Equal((3, 1), (e.Line, e.Column));
        Assert.Contains("missing '}'", e.Problem);
        Assert.Contains("line 1, column 3", e.Problem);
    }

    [Fact]
    public void Missing_closing_bracket_is_reported()
    {
        var e = ParseOneError("a = [1, 2\nb = 3\n");
        // The array runs on into the next line until something cannot be an element.
        Assert.Equal((2, 3), (e.Line, e.Column));
        Assert.Contains("unexpected '=' after an array element", e.Problem);
    }

    [Fact]
    public void Unterminated_string_points_at_its_quote()
    {
        var e = ParseOneError("a = 1\nname = \"abc\n");
        Assert.Equal((2, 8), (e.Line, e.Column));
        Assert.Contains("unterminated string", e.Problem);
    }

    [Fact]
    public void Key_without_separator_is_reported()
    {
        var e = ParseOneError("a = 1\nbad key = 2\n");
        Assert.Equal((2, 5), (e.Line, e.Column));
        Assert.Contains("expected '=', ':' or '{' after key 'bad'", e.Problem);
    }

    [Fact]
    public void Key_without_value_is_reported()
    {
        var e = ParseOneError("a = 1\nb\n");
        Assert.Equal((2, 1), (e.Line, e.Column));
        Assert.Contains("has no value", e.Problem);
    }

    [Fact]
    public void Double_comma_is_reported()
    {
        var e = ParseOneError("a = [1,, 2]");
        Assert.Equal((1, 8), (e.Line, e.Column));
        Assert.Contains("unexpected ','", e.Problem);
    }

    [Fact]
    public void Stray_closing_brace_is_reported()
    {
        var e = ParseOneError("a = 1\n}\n");
        Assert.Equal((2, 1), (e.Line, e.Column));
        Assert.Contains("unexpected '}'", e.Problem);
    }

    [Fact]
    public void Forbidden_character_in_unquoted_value_is_reported()
    {
        var e = ParseOneError("a = x@y");
        Assert.Equal((1, 6), (e.Line, e.Column));
        Assert.Contains("'@' is not allowed", e.Problem);
        Assert.Contains("quotes", e.Fix);
    }

    [Fact]
    public void Plus_equals_is_not_supported()
    {
        var e = ParseOneError("a += 1");
        Assert.Contains("'+=' is not supported", e.Problem);
    }
}
