using ActorNet.Core.Randomness;
using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>
/// Property (the S8 check in small): under random loss, duplication and reordering in both
/// directions, the receiver's bytes equal the sender's and both sides close cleanly, for every seed.
/// </summary>
public class HostileWireTests
{
    [Fact]
    public void Transfer_under_loss_duplication_and_reordering_is_exact_and_closes_cleanly_for_100_seeds()
    {
        var failures = new List<string>();
        long retransmissions = 0;
        for (ulong seed = 1; seed <= 100; seed++)
        {
            var iss = RandomStream.For(seed, "iss");
            var net = new TcpTestNet(seed: seed,
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
                && !net.Client.Has(TcpEvent.Reset) && !net.Server.Has(TcpEvent.Reset) && !net.Client.Has(TcpEvent.TimedOut);
            if (!ok)
                failures.Add($"seed {seed}: received {net.Server.Received.Count}/{data.Length}, client {c.State}, server {s?.State}, " +
                    $"events c=[{string.Join(",", net.Client.Events.Select(e => e.Event))}] s=[{string.Join(",", net.Server.Events.Select(e => e.Event).Distinct())}]");
            retransmissions += c.Statistics.FastRetransmissions + c.Statistics.TimeoutRetransmissions;
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(retransmissions > 0);
    }
}
