using System.Text;
using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>
/// What the loader says about a path that is not a scenario file: one problem naming the path and
/// saying what it is (a directory, not text), before anything is parsed. HOCON files are UTF-8.
/// </summary>
public sealed class ScenarioFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actornet-scenario-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static ScenarioError One(string path)
    {
        var r = ScenarioLoader.Load(path);
        Assert.False(r.Ok);
        var e = Assert.Single(r.Errors);
        Assert.Equal(path, e.File);
        Assert.False(string.IsNullOrWhiteSpace(e.Fix));
        return e;
    }

    [Fact]
    public void A_directory_is_reported_as_a_directory()
    {
        var e = One(_dir);
        Assert.Equal("is a directory, not a scenario file", e.Problem);
        Assert.Contains(".conf", e.Fix);
    }

    [Fact]
    public void A_missing_file_is_reported_as_not_found()
    {
        Assert.Equal("scenario file not found", One(Path.Combine(_dir, "none.conf")).Problem);
    }

    [Fact]
    public void A_file_with_a_NUL_byte_is_not_a_text_file()
    {
        var e = One(Write("binary.conf", [0x7F, (byte)'E', (byte)'L', (byte)'F', 0x02, 0x01, 0x00, 0x1B, (byte)'[', (byte)'2', (byte)'J']));
        Assert.Equal("not a text file: it holds a NUL byte (offset 6)", e.Problem);
        Assert.Equal((1, 7), (e.Line, e.Column));
    }

    [Fact]
    public void A_file_of_invalid_utf8_is_not_a_text_file()
    {
        var e = One(Write("latin1.conf", Encoding.Latin1.GetBytes("name = \"caf\u00e9\"\nstop-at = 1s\n")));
        Assert.Equal("not a text file: invalid UTF-8 (byte 0xE9 at offset 11)", e.Problem);
        Assert.Equal((1, 12), (e.Line, e.Column));
        Assert.Contains("UTF-8", e.Fix);
    }

    [Fact]
    public void A_utf16_file_is_told_to_be_saved_as_utf8()
    {
        var e = One(Write("utf16.conf", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("stop-at = 1s\n")]));
        Assert.Equal("not a text file in UTF-8: it starts with a UTF-16 byte order mark", e.Problem);
        Assert.Contains("save it as UTF-8", e.Fix);
    }

    [Fact]
    public void A_utf8_file_with_a_byte_order_mark_reads_as_without()
    {
        string text = "stop-at = 1s\nnodes { r1 = router }\n";
        string path = Write("bom.conf", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        var r = ScenarioLoader.Load(path);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.Equal(text, r.Scenario.SourceText);
    }

    [Fact]
    public void Text_with_a_NUL_character_is_refused_at_its_line_and_column()
    {
        var r = ScenarioLoader.LoadFromText("stop-at = 1s\nnodes { r1\0 = router }\n", "nul.conf");
        var e = Assert.Single(r.Errors);
        Assert.Equal((2, 11), (e.Line, e.Column));
        Assert.Equal("not text: it holds a NUL character", e.Problem);
    }
}
