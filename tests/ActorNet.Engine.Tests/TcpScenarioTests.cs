using ActorNet.Core.Apps;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Results;

namespace ActorNet.Engine.Tests;

/// <summary>
/// S4–S8 (SCENARIOS.md) from their config files, checked against what theory gives; the derivations are
/// at the top of each config. The actor engine must give the same digest (ConfigDigestEqualityTests runs
/// every config on both engines; the long ones here are also run whole on both where it is affordable).
/// </summary>
public class TcpScenarioTests
{
    private const int Mss = 1460;
    /// <summary>The goodput ceiling of a 10 Mbit/s bottleneck: 1460 data bytes in every 1500 B packet.</summary>
    private const double Ceiling = 10e6 * Mss / 1500;

    [Fact]
    public void S4_one_newreno_flow_fills_the_bottleneck_with_a_sawtooth_repaired_by_fast_retransmit()
    {
        var scenario = ScenarioRuns.Load("tcp-bottleneck.conf");
        var (network, reference) = ScenarioRuns.RunReference(scenario);
        var (_, actors) = ScenarioRuns.RunActors(scenario);
        Assert.Equal(reference.Run.Digest, actors.Run.Digest);

        var flow = Assert.Single(reference.TcpFlows);
        Assert.True(flow.GoodputBps >= 0.95 * Ceiling, $"goodput {flow.GoodputBps / 1e6:0.000} Mbit/s < 95 % of {Ceiling / 1e6:0.000}");
        Assert.True(flow.FastRecoveries >= 2, "losses at the full queue are repaired by fast recovery");
        var sender = RunTraces.Collect(network, new SimTime(reference.Run.SimTimeNs)).Windows.Single(w => w.BytesSent > 0);
        // After slow start's overshoot is repaired (well before 5 s): no retransmission timeout (cwnd never
        // falls back to one segment), and every loss halves a window of about BDP + queue = 37 + 100 packets:
        // ssthresh = FlightSize / 2 ≈ 68 segments (RFC 5681 eq. 4).
        var samples = sender.Samples.ToList();
        Assert.DoesNotContain(samples, s => s.At > SimTime.FromSeconds(5) && s.Cwnd <= Mss);
        var thresholds = samples.Zip(samples.Skip(1)).Where(p => p.Second.At > SimTime.FromSeconds(5) && p.Second.Ssthresh != p.First.Ssthresh)
            .Select(p => p.Second.Ssthresh / Mss).ToList();   // every loss after 5 s
        Assert.NotEmpty(thresholds);
        Assert.All(thresholds, t => Assert.InRange(t, 55, 80));
        Assert.Equal(0, reference.Ports.Single(p => p.Node == "r1" && p.Peer == "r2").PeakQueuePackets - 100);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void S5_goodput_under_random_loss_is_within_30_percent_of_mathis(bool delayedAck)
    {
        var scenario = ScenarioRuns.Load("tcp-loss.conf");
        scenario = scenario with
        {
            Apps = scenario.Apps.Select(a => a is TcpBulkAppSpec b ? b with { Tcp = b.Tcp with { DelayedAck = delayedAck } }
                : a is TcpSinkAppSpec k ? k with { Tcp = k.Tcp with { DelayedAck = delayedAck } } : a).ToList(),
        };
        var (_, reference) = ScenarioRuns.RunReference(scenario);
        var flow = Assert.Single(reference.TcpFlows);
        // Mathis et al.: goodput ≈ (MSS / RTT) · √(3 / (2b)) / √p with the run's mean RTT and p = 1 % on the data
        // direction only (loss-a; the ACKs come back clean). b is how many segments one ACK acknowledges *as
        // the window grows*: Mathis's b = 2 with delayed ACKs assumes packet counting (one increase per ACK), but
        // our Reno/NewReno count bytes in congestion avoidance (RFC 5681 §3.1, RFC 3465), +1 SMSS per window of
        // bytes acknowledged however many ACKs carry them. So the window grows as with b = 1 in both cases, and
        // delayed ACKs change only the ACK clock (measured with delayed ACKs: 0.99× of b = 1, 1.40× of b = 2).
        const double b = 1;
        double rtt = flow.RttMeanNs!.Value / 1e9;
        double mathis = Mss * 8 / rtt * Math.Sqrt(3 / (2 * b)) / Math.Sqrt(0.01);
        Assert.InRange(flow.GoodputBps / mathis, 0.7, 1.3);
    }

    [Theory]
    [InlineData("newreno")]
    [InlineData("cubic")]
    public void S6_two_flows_share_the_bottleneck_fairly_and_fill_it(string algorithm)
    {
        var scenario = ScenarioRuns.Load("tcp-fairness.conf");
        scenario = scenario with
        {
            Apps = scenario.Apps.Select(a => a is TcpBulkAppSpec b ? b with { Tcp = b.Tcp with { CongestionControl = algorithm } } : a).ToList(),
        };
        // Bytes in the last 100 s = bytes after 120 s − bytes after 20 s (runs are deterministic: the first
        // 20 s of both runs are the same).
        var at20 = ReadBytes(ScenarioRuns.RunReference(scenario with { StopAt = SimTime.FromSeconds(20) }).Summary);
        var at120 = ReadBytes(ScenarioRuns.RunReference(scenario).Summary);
        var rates = at120.Zip(at20, (end, start) => (end - start) * 8 / 100.0).ToList();
        Assert.Equal(2, rates.Count);
        double jain = Math.Pow(rates.Sum(), 2) / (rates.Count * rates.Sum(r => r * r));
        Assert.True(jain >= 0.95, $"Jain's index {jain:0.0000} for {string.Join(", ", rates.Select(r => (r / 1e6).ToString("0.000")))} Mbit/s");
        Assert.True(rates.Sum() >= 0.95 * Ceiling, $"total {rates.Sum() / 1e6:0.000} Mbit/s < 95 % of {Ceiling / 1e6:0.000}");
    }

    private static List<long> ReadBytes(RunSummary s) => s.Apps.OfType<TcpSinkReport>().OrderBy(k => k.Name, StringComparer.Ordinal)
        .Select(k => Assert.Single(k.Flows).Bytes).ToList();

    [Fact]
    public void S7_a_slow_reader_sets_the_pace_through_the_advertised_window()
    {
        var scenario = ScenarioRuns.Load("tcp-flow-control.conf");
        var (network, reference) = ScenarioRuns.RunReference(scenario);
        var (_, actors) = ScenarioRuns.RunActors(scenario);
        Assert.Equal(reference.Run.Digest, actors.Run.Digest);

        var flow = Assert.Single(reference.TcpFlows);
        Assert.InRange(flow.GoodputBps, 0.98e6, 1.02e6);                      // 1,250 B every 10 ms
        Assert.All(reference.Ports.Where(p => p.Node == "r1"), p => Assert.Equal(0, p.DroppedQueueFull));
        var windows = RunTraces.Collect(network, new SimTime(reference.Run.SimTimeNs)).Windows;
        var receiver = windows.Single(w => w.BytesSent == 0);
        Assert.All(receiver.Samples, s => Assert.InRange(s.RcvWnd, 0, 65_535)); // never more than the buffer
        var sender = windows.Single(w => w.BytesSent > 0);
        Assert.Contains(sender.Samples, s => s.SndWnd == 0);                    // the advertised window closes
        Assert.All(sender.Samples, s => Assert.True(s.BytesInFlight <= 65_535, "the sender never has more in flight than the receiver's buffer"));
        Assert.Equal(0, flow.RetransmissionTimeouts);
    }

    [Fact]
    public void S8_every_one_of_100_seeds_delivers_the_exact_bytes_through_a_hostile_link_and_closes_cleanly()
    {
        var scenario = ScenarioRuns.Load("hostile-link.conf");
        for (ulong seed = 1; seed <= 100; seed++)
        {
            var (_, s) = ScenarioRuns.RunReference(scenario with { Seed = seed });
            var sent = Assert.Single(s.Apps.OfType<TcpBulkReport>());
            var read = Assert.Single(Assert.Single(s.Apps.OfType<TcpSinkReport>()).Flows);
            Assert.True(read.Sha256 == sent.Sha256, $"seed {seed}: the receiver's bytes differ ({read.Bytes} of {sent.BytesGiven})");
            Assert.Equal(1L << 20, read.Bytes);
            Assert.True(sent.Outcome == "closed" && read.Outcome == "closed", $"seed {seed}: outcomes {sent.Outcome}/{read.Outcome}");
            Assert.True(read.RemoteClosed, $"seed {seed}: no FIN from the sender");
            var flow = Assert.Single(s.TcpFlows);
            Assert.True(flow.FastRetransmissions + flow.TimeoutRetransmissions > 0, $"seed {seed}: no retransmission through 5 % loss?");
        }
    }

    [Theory]
    [InlineData(3UL)]
    [InlineData(42UL)]
    public void S8_the_actor_engine_gives_the_reference_digest_through_the_hostile_link(ulong seed)
    {
        var scenario = ScenarioRuns.Load("hostile-link.conf") with { Seed = seed };
        Assert.Equal(ScenarioRuns.RunReference(scenario).Summary.Run.Digest, ScenarioRuns.RunActors(scenario).Summary.Run.Digest);
    }
}
