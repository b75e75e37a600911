using System.Reflection;
using ActorNet.Core.Scenarios;
using CsCheck;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>The loader never throws for bad input: any edit of a valid file gives errors or a scenario.</summary>
public class ScenarioLoaderRobustnessTests
{
    private static readonly string Full = (string)typeof(ScenarioLoaderTests)
        .GetField("Full", BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

    private static readonly string[] Snippets =
    [
        "", "}", "{", "]", "[", ",", "=", ":", "\"", "#", "//", "\n", "${x}", "include \"a\"", "0", "-1", "h1", "r1",
        "10.0.9.9", "\"2001:db8::1\"", "2001:db8::1", "0ms", "0s", "1e3", "null", "true", "99999", "1%", "150%",
        "10.0.1.0/24", "host", "router", "static", "a.b", "loss { model = gilbert-elliott }", "::", "µ", "\t",
    ];

    [Fact]
    public void Random_edits_of_a_valid_file_never_throw()
    {
        var edit = Gen.Select(Gen.Int[0, Full.Length], Gen.Int[0, 12], Gen.Int[0, Snippets.Length - 1]);
        edit.Array[1, 4].Sample(edits =>
        {
            string text = Full;
            foreach (var (pos, del, snip) in edits)
            {
                int p = Math.Min(pos, text.Length);
                int d = Math.Min(del, text.Length - p);
                text = text.Remove(p, d).Insert(p, Snippets[snip]);
            }
            var r = ScenarioLoader.LoadFromText(text, "fuzz.conf");
            Assert.Equal(r.Ok, r.Errors.Count == 0);
            foreach (var e in r.Errors)
            {
                Assert.True(e.Line >= 1 && e.Column >= 1, e.ToString());
                Assert.False(string.IsNullOrWhiteSpace(e.Problem));
                Assert.False(string.IsNullOrWhiteSpace(e.Fix));
            }
        }, iter: 3000);
    }
}
