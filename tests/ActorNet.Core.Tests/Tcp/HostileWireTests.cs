using ActorNet.Core.Randomness;
using ActorNet.Core.Tcp;
using ActorNet.Core.Tcp.Congestion;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>
/// Property (the S8 check in small): under random loss, duplication and reordering in both
/// directions, the receiver's bytes equal the sender's and both sides close cleanly, for every seed.
/// With SACK negotiated (RFC 6675 recovery) and without (RFC 5681 / RFC 6582 by duplicate ACKs), for the
/// test-only NewReno and each real algorithm.
/// </summary>
public class HostileWireTests
{
    [Theory]
    [InlineData(true, "test-newreno")]
    [InlineData(false, "test-newreno")]
    [InlineData(true, "reno")]
    [InlineData(false, "reno")]
    [InlineData(true, "newreno")]
    [InlineData(false, "newreno")]
    [InlineData(true, "cubic")]
    [InlineData(false, "cubic")]
    public void Transfer_under_loss_duplication_and_reordering_is_exact_and_closes_cleanly_for_100_seeds(bool sack, string cc)
    {
        var settings = TcpSettings.Default with { Sack = sack };
        Func<ICongestionControl> algorithm = cc == "test-newreno" ? () => new TestNewReno() : () => CongestionControlFactory.Create(cc);
        var failures = new List<string>();
        long retransmissions = 0, recoveries = 0;
        for (ulong seed = 1; seed <= 100; seed++)
        {
            var iss = RandomStream.For(seed, "iss");
            var net = new TcpTestNet(settings, seed: seed, cc: algorithm,
                clientIss: TcpConnection.ChooseIss(iss).Value, serverIss: TcpConnection.ChooseIss(iss).Value);
            foreach (var w in new[] { net.ToServer, net.ToClient })
            {
                w.Loss = 0.05;
                w.Duplication = 0.02;
                w.MaxJitter = SimTime.FromMilliseconds(5);
                w.BitsPerSecond = 10_000_000;
            }
            var data = TcpTestNet.Pattern(50_000, seed: (int)seed);
            net.Transfer(data);
            net.RunUntil(SimTime.FromSeconds(600));
            var c = net.ClientConn;
            var s = net.Server.Conn;
            bool ok = s is not null && data.AsSpan().SequenceEqual(net.Server.Received.ToArray())
                && net.Server.Has(TcpEvent.RemoteClosed) && net.Client.Has(TcpEvent.RemoteClosed)
                && c.State == TcpState.Closed && s.State == TcpState.Closed
                && !net.Client.Has(TcpEvent.Reset) && !net.Server.Has(TcpEvent.Reset) && !net.Client.Has(TcpEvent.TimedOut)
                && c.SackPermitted == sack;
            if (!ok)
                failures.Add($"seed {seed}: received {net.Server.Received.Count}/{data.Length}, client {c.State}, server {s?.State}, " +
                    $"events c=[{string.Join(",", net.Client.Events.Select(e => e.Event))}] s=[{string.Join(",", net.Server.Events.Select(e => e.Event).Distinct())}]");
            retransmissions += c.Statistics.FastRetransmissions + c.Statistics.TimeoutRetransmissions;
            recoveries += c.Statistics.FastRecoveries;
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(retransmissions > 0);
        Assert.True(recoveries > 0, "no seed went through fast recovery: the property would not test it");
    }
}
