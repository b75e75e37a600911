using System.Globalization;
using ActorNet.Core.Scenarios;
using CsCheck;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>
/// A message quotes what the file holds, and a file may hold anything: an ESC sequence in a key
/// would clear the screen or retitle the terminal when the message is printed, a U+202E would
/// reverse what follows. Every text of a <see cref="ScenarioError"/> is made printable when it is
/// made: control, format and separator characters are escaped as \uXXXX (\n, \r, \t as such), and
/// a very long text is cut in the middle, saying how much was left out.
/// </summary>
public class ScenarioErrorTextTests
{
    [Fact]
    public void Control_characters_are_escaped_in_problem_fix_and_file()
    {
        var e = new ScenarioError("a\u001b]0;x\u0007.conf", 1, 2, "unknown key 'k\u001b[2J'", "did you mean '\u0000'?");
        Assert.Equal("a\\u001b]0;x\\u0007.conf", e.File);
        Assert.Equal("unknown key 'k\\u001b[2J'", e.Problem);
        Assert.Equal("did you mean '\\u0000'?", e.Fix);
    }

    [Fact]
    public void Newline_tab_and_carriage_return_are_shown_as_their_escapes()
    {
        Assert.Equal("a\\nb\\tc\\rd", new ScenarioError("f", 1, 1, "a\nb\tc\rd", "x").Problem);
    }

    [Fact]
    public void Bidirectional_overrides_and_c1_controls_are_escaped()
    {
        Assert.Equal("a\\u202eb\\u009bc\\u2028d", new ScenarioError("f", 1, 1, "a\u202eb\u009bc\u2028d", "x").Problem);
    }

    [Fact]
    public void A_lone_surrogate_is_escaped_and_a_pair_is_kept()
    {
        Assert.Equal("\\ud800x \U0001F600", new ScenarioError("f", 1, 1, "\ud800x \U0001F600", "x").Problem);
    }

    [Fact]
    public void Ordinary_text_is_unchanged()
    {
        const string text = "link h1-r1 has delay 0s; links need delay > 0 — µs, →, é, 10.0.1.0/24";
        Assert.Equal(text, new ScenarioError("f", 1, 1, text, text).Problem);
    }

    [Fact]
    public void Setting_a_text_with_with_escapes_it_too()
    {
        var e = new ScenarioError("f", 1, 1, "p", "x") with { Problem = "\u001b" };
        Assert.Equal("\\u001b", e.Problem);
    }

    [Fact]
    public void A_very_long_text_is_cut_in_the_middle()
    {
        string value = new('v', 100_000);
        var e = new ScenarioError("f", 1, 1, $"bad rate of link a-b: '{value}' does not start with a number", "x");
        Assert.True(e.Problem.Length <= 1100, e.Problem.Length.ToString(CultureInfo.InvariantCulture));
        Assert.StartsWith("bad rate of link a-b: 'vvv", e.Problem);
        Assert.EndsWith("vvv' does not start with a number", e.Problem);
        Assert.Contains("characters left out", e.Problem);
    }

    [Fact]
    public void No_string_gives_an_unprintable_message()
    {
        Gen.String[Gen.Char[char.MinValue, char.MaxValue], 0, 50].Sample(s =>
        {
            var e = new ScenarioError(s, 1, 1, s, s);
            foreach (string t in new[] { e.File, e.Problem, e.Fix }) AssertPrintable(t);
        });
    }

    private static void AssertPrintable(string t)
    {
        for (int i = 0; i < t.Length; i++)
        {
            char c = t[i];
            Assert.False(char.IsControl(c), $"U+{(int)c:X4} in {t}");
            Assert.False(CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator,
                $"U+{(int)c:X4} in {t}");
            if (char.IsHighSurrogate(c)) Assert.True(i + 1 < t.Length && char.IsLowSurrogate(t[++i]), $"lone U+{(int)c:X4} in {t}");
            else Assert.False(char.IsLowSurrogate(c), $"lone U+{(int)c:X4} in {t}");
        }
    }
}
