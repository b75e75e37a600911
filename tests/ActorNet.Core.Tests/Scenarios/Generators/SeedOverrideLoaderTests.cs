using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Tests.Scenarios.Generators;

/// <summary>
/// <c>ScenarioLoader.Load(path, seedOverride)</c>: the command line's --seed. The generators read
/// the run seed while the file is loaded, so the override must be given to the loader, not set on
/// the scenario afterwards: loading with an override equals loading the file with that seed
/// written in it. A seed written inside generate (random topology, udp-pairs) keeps its value.
/// </summary>
public class SeedOverrideLoaderTests
{
    private const string Random = "generate {{ topology = random, routers = 30, rate = 1Gbit/s, min-delay = 1ms, max-delay = 9ms{0}\n"
        + "  traffic = [ {{ type = udp-pairs, flows = 20, rate = 1Mbit/s{1} }} ] }}\n";

    private static string Text(ulong fileSeed, string topologySeed = "", string trafficSeed = "") =>
        $"stop-at = 1s\nseed = {fileSeed}\n" + string.Format(Random, topologySeed, trafficSeed);

    private static Scenario Load(string text, ulong? seedOverride = null)
    {
        var r = ScenarioLoader.LoadFromText(text, "seeds.conf", seedOverride);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Scenario;
    }

    /// <summary>What the generated graph is: which routers are linked, and with what delay (LinkSpec's Down list compares by reference).</summary>
    private static List<(string, string, long)> Shape(Scenario s) => s.Links.Select(l => (l.NodeA, l.NodeB, l.Delay.Nanoseconds)).ToList();

    [Fact]
    public void An_override_replaces_the_seed_of_the_file()
    {
        Assert.Equal(9UL, Load(Text(5), seedOverride: 9).Seed);
        Assert.Equal(5UL, Load(Text(5)).Seed);
    }

    [Fact]
    public void An_override_gives_the_topology_and_traffic_of_that_seed_written_in_the_file()
    {
        var overridden = Load(Text(5), seedOverride: 2);
        var written = Load(Text(2));
        var fromFile = Load(Text(5));

        Assert.Equal(Shape(written), Shape(overridden));
        Assert.Equal(written.Apps, overridden.Apps);
        Assert.NotEqual(Shape(fromFile), Shape(overridden));
        Assert.NotEqual(fromFile.Apps, overridden.Apps);
    }

    [Fact]
    public void A_seed_written_in_generate_keeps_its_value_under_an_override()
    {
        string text = Text(5, topologySeed: ", seed = 3", trafficSeed: ", seed = 4");
        var a = Load(text, seedOverride: 2);
        var b = Load(text, seedOverride: 77);

        Assert.Equal(Shape(a), Shape(b));
        Assert.Equal(a.Apps, b.Apps);
        Assert.Equal((2UL, 77UL), (a.Seed, b.Seed));
    }

    [Fact]
    public void A_bad_seed_in_the_file_is_reported_even_with_an_override()
    {
        var r = ScenarioLoader.LoadFromText("stop-at = 1s\nseed = -1\nnodes { r1 = router }\n", "seeds.conf", seedOverride: 2);
        var e = Assert.Single(r.Errors);
        Assert.Equal(2, e.Line);
    }
}
