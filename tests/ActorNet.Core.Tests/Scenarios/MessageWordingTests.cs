using ActorNet.Core.Scenarios;
using ActorNet.Core.Scenarios.Hocon;

namespace ActorNet.Core.Tests.Scenarios;

/// <summary>
/// Messages that pointed the wrong way: a number too large called "not a whole number", a TCP
/// limit named after the initial RTO rather than the key written, a key without a value reported
/// on the next line without its name. Each now says what is wrong, where it was written.
/// </summary>
public class MessageWordingTests
{
    private const string Topology = "nodes { h1 = host, h2 = host }\nlinks = [ { between = [h1, h2], subnet = 10.0.1.0/24, rate = 10Mbit/s, delay = 1ms } ]\n";

    private static ScenarioError One(string text)
    {
        var r = ScenarioLoader.LoadFromText(text, "words.conf");
        Assert.False(r.Ok);
        return Assert.Single(r.Errors);
    }

    [Fact]
    public void A_queue_of_too_many_packets_is_too_large_not_a_fraction()
    {
        var e = One("stop-at = 1s\n" + Topology.Replace("delay = 1ms", "delay = 1ms, queue = 9999999999999p", StringComparison.Ordinal));
        Assert.Contains("'9999999999999p' is too many packets; at most 2147483647", e.Problem);
        Assert.DoesNotContain("whole", e.Problem);
    }

    [Fact]
    public void A_fraction_of_a_packet_is_still_not_a_whole_number()
    {
        var e = One("stop-at = 1s\n" + Topology.Replace("delay = 1ms", "delay = 1ms, queue = 1.5p", StringComparison.Ordinal));
        Assert.Contains("'1.5p' is not a whole number of packets", e.Problem);
    }

    [Fact]
    public void A_whole_number_too_large_for_its_key_says_so_with_the_range()
    {
        var e = One("stop-at = 1s\n" + Topology + "apps = [ { type = udp-sink, node = h2, port = 999999999999999999999 } ]\n");
        Assert.Equal((4, 47), (e.Line, e.Column));
        Assert.Equal("port of app udp-sink-1 is 999999999999999999999, too large; it must be from 1 to 65535", e.Problem);
    }

    [Fact]
    public void A_seed_too_large_says_so()
    {
        var e = One("stop-at = 1s\nseed = 99999999999999999999999\n" + Topology);
        Assert.Equal("seed is 99999999999999999999999, too large; it must be at most 18446744073709551615", e.Problem);
    }

    [Fact]
    public void Min_rto_above_the_initial_rto_is_reported_at_min_rto_by_its_name()
    {
        var e = One("stop-at = 1s\ntcp {\n  min-rto = 5s\n}\n" + Topology);
        Assert.Equal((3, 13), (e.Line, e.Column));
        Assert.StartsWith("min-rto of the top-level tcp block is 5s; it must be at most 1s", e.Problem);
        Assert.DoesNotContain("initial rto 1s: must lie within", e.Problem);
        Assert.Contains("min-rto = 200ms", e.Fix);
    }

    [Fact]
    public void Min_rto_in_an_app_block_is_reported_there()
    {
        var e = One("stop-at = 1s\n" + Topology + "apps = [\n  { type = tcp-sink, node = h2, port = 5001, tcp { min-rto = 2s } }\n]\n");
        Assert.Equal(5, e.Line);
        Assert.StartsWith("min-rto of the tcp block of app tcp-sink-1 is 2s; it must be at most 1s", e.Problem);
    }

    [Fact]
    public void A_key_with_no_value_before_the_next_line_is_reported_at_the_key_by_name()
    {
        var e = One("stop-at =\n" + Topology);
        Assert.Equal((1, 1), (e.Line, e.Column));
        Assert.Equal("key 'stop-at' has no value", e.Problem);
        Assert.Contains("stop-at = <value>", e.Fix);
    }

    [Theory]
    [InlineData("stop-at =")]
    [InlineData("stop-at = # the run length\n")]
    [InlineData("stop-at :\n\n  seed = 1")]
    [InlineData("x {\n  stop-at =\n}")]
    [InlineData("x { stop-at = }")]
    [InlineData("x = [ { stop-at = } ]")]
    [InlineData("stop-at =\n\"seed\" = 1")]
    [InlineData("stop-at =\nlinks { }")]
    public void A_key_with_no_value_is_named_wherever_it_is(string text)
    {
        var r = HoconParser.Parse(text, "t.conf");
        var e = Assert.Single(r.Errors);
        Assert.Equal("key 'stop-at' has no value", e.Problem);
    }

    [Theory]
    [InlineData("a =\n  5")]
    [InlineData("a =\n{ b = 1 }")]
    [InlineData("a :\n[ 1, 2 ]")]
    [InlineData("{ \"a\" :\n 1 }")]
    public void A_value_on_the_line_after_its_key_is_still_read_as_json_allows(string text)
    {
        var r = HoconParser.Parse(text, "t.conf");
        Assert.Empty(r.Errors);
        Assert.NotNull(r.Root.Get("a"));
    }
}
