using ActorNet.Cli.Commands;
using ActorNet.Cli.Tests.Support;

namespace ActorNet.Cli.Tests;

/// <summary>
/// Files built to break the reader rather than to describe a network: each is refused with exit
/// 2, a message that says what is wrong with the file, and nothing written.
/// </summary>
public class HostileScenarioFileTests
{
    private static CliResult Run(string file, TempDir dir) => Actornet.Run("run", file, "--out", dir.PathOf("run"), "--quiet");

    private static void AssertNothingWritten(CliResult r, TempDir dir)
    {
        Assert.True(r.ExitCode == CliApp.BadInput, r.ToString());
        Assert.Equal("", r.Stdout);
        Assert.False(Directory.Exists(dir.PathOf("run")), r.ToString());
    }

    [Fact]
    public void Twenty_thousand_nested_brackets_are_refused_at_the_bracket_past_the_limit()
    {
        using var dir = new TempDir();
        string file = dir.Write("deep.conf", "stop-at = 1s\nnodes = " + new string('[', 20_000) + "\n");

        var r = Run(file, dir);

        AssertNothingWritten(r, dir);
        var p = Assert.Single(r.Problems);
        Assert.Equal((file, 2, 9 + 256), (p.File, p.Line, p.Column));
        Assert.Contains("nested more than 256 levels deep", p.Problem);
    }

    [Fact]
    public void A_file_of_unknown_keys_prints_the_first_50_problems_and_counts_the_rest()
    {
        using var dir = new TempDir();
        var text = new System.Text.StringBuilder("stop-at = 1s\nnodes { r1 = router }\n");
        for (int i = 0; i < 200; i++) text.Append("unknown-").Append(i).Append(" = 1\n");
        string file = dir.Write("keys.conf", text.ToString());

        var r = Run(file, dir);

        AssertNothingWritten(r, dir);
        Assert.Equal(Enumerable.Range(3, 50), r.Problems.Select(p => p.Line));
        Assert.Contains("and 150 more problems not shown", r.Stderr);
        Assert.Contains("200 problems found; nothing was run.", r.Stderr);
    }

    [Fact]
    public void A_file_over_16_MiB_is_refused_with_its_name_its_size_and_the_limit()
    {
        using var dir = new TempDir();
        string file = dir.PathOf("huge.conf");
        // Sparse: 50 MB of zeros cost no disk.
        using (var f = File.Create(file)) f.SetLength(50_000_000);

        var r = Run(file, dir);

        AssertNothingWritten(r, dir);
        var p = Assert.Single(r.Problems);
        Assert.Equal(file, p.File);
        Assert.Contains("50000000 bytes", p.Problem);
        Assert.Contains("16 MiB", p.Problem);
    }

    [Fact]
    public void A_directory_given_as_the_scenario_is_said_to_be_a_directory()
    {
        using var dir = new TempDir();
        string folder = Directory.CreateDirectory(dir.PathOf("config")).FullName;

        var r = Run(folder, dir);

        AssertNothingWritten(r, dir);
        var p = Assert.Single(r.Problems);
        Assert.Equal(folder, p.File);
        Assert.Equal("is a directory, not a scenario file", p.Problem);
        Assert.DoesNotContain("denied", r.Stderr);
        Assert.Contains($"error: {folder}: is a directory", r.Stderr); // no made-up line:column such as 0:0
    }

    [Fact]
    public void A_binary_file_is_not_a_text_file_and_none_of_its_bytes_reach_the_terminal()
    {
        using var dir = new TempDir();
        // An ELF header, then bytes a terminal would act on: ESC [2J clears the screen, BEL rings.
        byte[] bytes = [0x7F, (byte)'E', (byte)'L', (byte)'F', 0x02, 0x01, 0x01, 0x00, 0x1B, (byte)'[', (byte)'2', (byte)'J', 0x07, 0x9B, (byte)'\n'];
        string file = dir.PathOf("binary.conf");
        File.WriteAllBytes(file, bytes);

        var r = Run(file, dir);

        AssertNothingWritten(r, dir);
        Assert.Contains("not a text file", Assert.Single(r.Problems).Problem);
        AssertPrintable(r.Stderr);
    }

    [Fact]
    public void Control_characters_in_a_text_file_are_shown_escaped()
    {
        using var dir = new TempDir();
        // Valid UTF-8 with an ESC sequence in a (quoted) key and BEL and CSI in a name: both are echoed in messages.
        string file = dir.Write("escapes.conf", "stop-at = 1s\nnodes { r1 = router }\n\"bad\u001b[2Jkey\" = 1\nname = \"x\u0007\u009b\"\n");

        var r = Run(file, dir);

        AssertNothingWritten(r, dir);
        AssertPrintable(r.Stderr);
        Assert.Contains("unknown key 'bad\\u001b[2Jkey'", r.Stderr);
        Assert.Contains("x\\u0007\\u009b", r.Stderr);
    }

    /// <summary>Nothing but printable text and newlines: no byte of the file can drive the terminal.</summary>
    private static void AssertPrintable(string output)
    {
        foreach (char c in output)
            Assert.False(c != '\n' && (char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format),
                $"U+{(int)c:X4} in the output:\n{output}");
    }
}
