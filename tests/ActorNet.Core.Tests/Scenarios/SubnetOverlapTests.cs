using ActorNet.Core.Scenarios;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>
/// Two links whose subnets share addresses used to pass validation; then both ends' routes to
/// the shared prefix pointed one way and every ping across the other link was lost. Each link's
/// subnet must be its own: one that is the same as, inside, or around another link's subnet is
/// refused at the later one, naming both links and where the earlier subnet is written. Links are
/// on lines 4, 5 and 6:
/// <code>
/// 1  stop-at = 10s
/// 2  nodes { h1 = host, r1 = router, h2 = host, h3 = host }
/// 3  links = [
/// 4  LINK1 (h1-r1)
/// 5  LINK2 (r1-h2)
/// 6  LINK3 (r1-h3)
/// 7  ]
/// </code>
/// </summary>
public class SubnetOverlapTests
{
    private static string Link(string a, string b, string subnet, string extra = "") =>
        $"{{ between = [{a}, {b}], subnet = {subnet}, rate = 10Mbit/s, delay = 5ms{extra} }}";

    private static string Text(string s1, string s2, string s3 = "10.0.3.0/24", string extra2 = "") =>
        "stop-at = 10s\nnodes { h1 = host, r1 = router, h2 = host, h3 = host }\nlinks = [\n"
        + $"{Link("h1", "r1", s1)}\n{Link("r1", "h2", s2, extra2)}\n{Link("r1", "h3", s3)}\n]\n";

    /// <summary>Where a link's subnet starts: links are written unindented.</summary>
    private static readonly int SubnetColumn = "{ between = [r1, h2], subnet = ".Length + 1;

    private static ScenarioError One(string text)
    {
        var r = ScenarioLoader.LoadFromText(text, "overlap.conf");
        Assert.False(r.Ok);
        return Assert.Single(r.Errors);
    }

    [Fact]
    public void The_same_subnet_on_two_links_is_refused_at_the_later_one_naming_both()
    {
        var e = One(Text("10.0.1.0/24", "10.0.1.0/24"));
        Assert.Equal((5, SubnetColumn), (e.Line, e.Column));
        Assert.Equal("subnet 10.0.1.0/24 of link r1-h2 is also the subnet of link h1-r1 (line 4, column 32)", e.Problem);
        Assert.Contains("its own subnet", e.Fix);
    }

    [Fact]
    public void A_subnet_inside_an_earlier_one_is_refused()
    {
        var e = One(Text("10.0.1.0/24", "10.0.1.128/25"));
        Assert.Equal(5, e.Line);
        Assert.Equal("subnet 10.0.1.128/25 of link r1-h2 overlaps subnet 10.0.1.0/24 of link h1-r1 (line 4, column 32)", e.Problem);
    }

    [Fact]
    public void A_subnet_around_an_earlier_one_is_refused()
    {
        var e = One(Text("10.0.1.4/30", "10.0.0.0/16"));
        Assert.Equal(5, e.Line);
        Assert.Equal("subnet 10.0.0.0/16 of link r1-h2 overlaps subnet 10.0.1.4/30 of link h1-r1 (line 4, column 32)", e.Problem);
    }

    [Fact]
    public void Overlap_with_any_earlier_link_is_found_not_only_the_previous_one()
    {
        var e = One(Text("10.0.1.0/24", "10.0.2.0/24", "10.0.1.64/26"));
        Assert.Equal(6, e.Line);
        Assert.Contains("of link r1-h3 overlaps subnet 10.0.1.0/24 of link h1-r1 (line 4", e.Problem);
    }

    [Fact]
    public void Ipv6_subnets_that_overlap_are_refused()
    {
        var e = One(Text("\"2001:db8:1::/48\"", "\"2001:db8:1:2::/64\"", "\"2001:db8:9::/64\""));
        Assert.Equal(5, e.Line);
        Assert.Contains("subnet 2001:db8:1:2::/64 of link r1-h2 overlaps subnet 2001:db8:1::/48 of link h1-r1", e.Problem);
    }

    [Fact]
    public void Neighbouring_subnets_and_the_two_families_do_not_overlap()
    {
        var r = ScenarioLoader.LoadFromText(Text("10.0.1.0/25", "10.0.1.128/25", "\"::/0\""), "overlap.conf");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
    }

    [Fact]
    public void Addresses_the_two_links_share_are_not_reported_again()
    {
        // h1-r1 takes 10.0.1.1 and .2 by default; r1-h2 writes the same two. One mistake, one problem.
        var e = One(Text("10.0.1.0/24", "10.0.1.0/24", extra2: ", addresses = [10.0.1.1, 10.0.1.2]"));
        Assert.Contains("is also the subnet of link h1-r1", e.Problem);
    }

    [Fact]
    public void Overlap_is_found_among_many_links()
    {
        // 5,000 links on consecutive /30s, then one whose /29 holds the first two.
        var sb = new System.Text.StringBuilder("stop-at = 1s\nnodes { a = router, b = router }\nlinks = [\n");
        for (int i = 0; i < 5_000; i++)
        {
            int offset = 4 * i;   // the i-th /30 of 10.0.0.0/8
            sb.Append($"{{ between = [a, b], name = l{i}, subnet = 10.{offset >> 16}.{(offset >> 8) & 255}.{offset & 255}/30, rate = 1Mbit/s, delay = 1ms }}\n");
        }
        sb.Append("{ between = [a, b], name = last, subnet = 10.0.0.0/29, rate = 1Mbit/s, delay = 1ms }\n]\n");
        var r = ScenarioLoader.LoadFromText(sb.ToString(), "many.conf");
        var e = Assert.Single(r.Errors);
        // It holds l0 (10.0.0.0/30) and l1 (10.0.0.4/30): either is a true report.
        Assert.Matches(@"^subnet 10\.0\.0\.0/29 of link last overlaps subnet 10\.0\.0\.[04]/30 of link l[01] ", e.Problem);
    }
}
