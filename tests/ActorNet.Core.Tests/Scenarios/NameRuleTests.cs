using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>
/// Names reach file paths: the scenario name the default run folder (runs/&lt;name&gt;-seed&lt;N&gt;-&lt;time&gt;),
/// node names the pcap files (pcap/&lt;node&gt;-eth&lt;i&gt;.pcap). So every name a file gives is kept to a
/// set no file system reads as a path, and to a length no file system refuses. The scenario is
/// h1 — r1 — h2; line 1 is the line under test:
/// <code>
/// 1  LINE
/// 2  stop-at = 10s
/// 3  nodes { h1 = host, r1 = router, h2 = host }
/// 4  links = [ LINK1, LINK2 ]   (one line)
/// 5  apps = [ APP ]
/// </code>
/// </summary>
public class NameRuleTests
{
    private const string Link1 = "{ between = [h1, r1], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 5ms }";
    private const string Link2 = "{ between = [r1, h2], subnet = 10.0.2.0/24, rate = 10Mbit/s, delay = 5ms }";

    private static string Text(string line = "", string nodes = "h1 = host, r1 = router, h2 = host", string link1 = Link1,
        string app = "{ type = ping, node = h1, target = h2 }") =>
        $"{line}\nstop-at = 10s\nnodes {{ {nodes} }}\nlinks = [ {link1}, {Link2} ]\napps = [ {app} ]\n";

    private static ScenarioError Refused(string text, int line, string problem)
    {
        var r = ScenarioLoader.LoadFromText(text, "names.conf");
        Assert.False(r.Ok);
        var e = Assert.Single(r.Errors);
        Assert.True(e.Line == line, e.ToString());
        Assert.Contains(problem, e.Problem);
        Assert.Contains("64", e.Fix);
        return e;
    }

    private static Scenario Loaded(string text, string file = "names.conf")
    {
        var r = ScenarioLoader.LoadFromText(text, file);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Scenario;
    }

    [Theory]
    [InlineData("../../escaped", "contains '/'")]
    [InlineData("/tmp/escaped", "contains '/'")]
    [InlineData("a\\\\b", "contains '\\'")]
    [InlineData(".hidden", "starts with '.'")]
    [InlineData("..", "starts with '.'")]
    [InlineData("two words", "contains ' '")]
    [InlineData("a:b", "contains ':'")]
    public void Scenario_name_that_could_be_read_as_a_path_is_refused(string name, string why)
    {
        var e = Refused(Text($"name = \"{name}\""), 1, why);
        Assert.StartsWith("bad scenario name", e.Problem);
        Assert.Equal(8, e.Column);
    }

    [Fact]
    public void Scenario_name_with_a_control_character_is_refused()
    {
        Refused(Text("name = \"a\\u0001b\""), 1, "bad scenario name");
    }

    [Fact]
    public void Scenario_name_of_65_characters_is_refused_and_64_is_accepted()
    {
        Refused(Text($"name = {new string('n', 65)}"), 1, "is 65 characters long; at most 64");
        Assert.Equal(new string('n', 64), Loaded(Text($"name = {new string('n', 64)}")).Name);
    }

    [Fact]
    public void A_100000_character_name_is_refused_without_being_printed_whole()
    {
        var e = Refused(Text($"name = {new string('n', 100_000)}"), 1, "is 100000 characters long; at most 64");
        Assert.True(e.Problem.Length < 200, e.Problem);
    }

    [Theory]
    [InlineData("ping")]
    [InlineData("tcp-v2.1")]
    [InlineData("A_b-9")]
    public void Scenario_names_of_letters_digits_dash_underscore_and_dot_are_accepted(string name)
    {
        Assert.Equal(name, Loaded(Text($"name = \"{name}\"")).Name);
    }

    [Theory]
    [InlineData("/some/dir/ping.conf", "ping")]
    [InlineData("/some/dir/we ird\u0001name.conf", "we_ird_name")]
    [InlineData("/some/dir/.hidden.conf", "_hidden")]
    [InlineData("/some/dir/..conf", "_")]
    public void Default_name_from_the_file_name_is_made_safe(string file, string expected)
    {
        Assert.Equal(expected, Loaded(Text(), file).Name);
    }

    [Fact]
    public void Default_name_from_a_long_file_name_is_cut_to_64_characters()
    {
        Assert.Equal(new string('f', 64), Loaded(Text(), "/d/" + new string('f', 200) + ".conf").Name);
    }

    [Fact]
    public void Node_name_of_65_characters_is_refused()
    {
        string longName = new string('h', 65);
        Refused(Text(nodes: $"h1 = host, r1 = router, h2 = host, {longName} = host"), 3,
            $"bad node name '{longName[..20]}");
    }

    [Fact]
    public void Node_name_of_64_characters_is_accepted()
    {
        string name = new string('h', 64);
        var s = Loaded(Text(nodes: $"{name} = host, r1 = router, h2 = host",
            link1: Link1.Replace("[h1, r1]", $"[{name}, r1]"), app: $"{{ type = ping, node = {name}, target = h2 }}"));
        Assert.Contains(s.Nodes, n => n.Name == name);
    }

    [Fact]
    public void Link_name_of_65_characters_is_refused()
    {
        Refused(Text(link1: Link1.Replace(" }", $", name = {new string('l', 65)} }}")), 4, "bad link name");
    }

    [Fact]
    public void App_name_of_65_characters_is_refused()
    {
        Refused(Text(app: $"{{ type = ping, node = h1, target = h2, name = {new string('a', 65)} }}"), 5, "bad app name");
    }

    [Fact]
    public void Traffic_name_leaves_room_for_the_generated_app_names()
    {
        // udp-pairs makes <name>-sink-<i> for i up to 65534 and ping-all <name>-ping-<i> for i up to
        // 19999: 11 characters after the name, so a traffic name has at most 53 and every app name 64.
        const string gen = "stop-at = 1s\ngenerate {{ topology = chain, routers = 2, rate = 1Gbit/s, delay = 1ms, traffic = [ {{ type = ping-all, name = {0} }} ] }}\n";
        var r = ScenarioLoader.LoadFromText(string.Format(gen, new string('t', 54)), "gen.conf");
        var e = Assert.Single(r.Errors);
        Assert.Contains("bad traffic name", e.Problem);
        Assert.Contains("at most 53", e.Problem);
        var ok = ScenarioLoader.LoadFromText(string.Format(gen, new string('t', 53)), "gen.conf");
        Assert.True(ok.Ok, string.Join("\n", ok.Errors));
        Assert.All(ok.Scenario.Apps, a => Assert.True(a.Name.Length <= 64, a.Name));
    }

    [Theory]
    [InlineData("fat-tree.conf")]
    [InlineData("random-1000.conf")]
    [InlineData("campus.conf")]
    public void Every_name_a_config_and_its_generator_make_follows_the_rule(string config)
    {
        // Generated node names reach pcap file names as hand-written ones do.
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorNet.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var s = Loaded(File.ReadAllText(Path.Combine(dir.FullName, "config", config)), config);

        Assert.Null(ScenarioNames.ScenarioNameProblem(s.Name));
        Assert.All(s.Nodes, n => Assert.Null(ScenarioNames.EntityNameProblem(n.Name)));
        Assert.All(s.Apps, a => Assert.Null(ScenarioNames.EntityNameProblem(a.Name)));
    }
}
