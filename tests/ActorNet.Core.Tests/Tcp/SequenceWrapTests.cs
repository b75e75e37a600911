using ActorNet.Core.Tcp;
using ActorNet.Core.Tests.Tcp.Harness;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp;

/// <summary>RFC 9293 §3.4: sequence numbers are modulo 2³²; a transfer crosses the wrap unharmed.</summary>
public class SequenceWrapTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.03)]
    public void SequenceWrap_transfer_starting_just_below_2_pow_32_crosses_it(double loss)
    {
        const uint iss = uint.MaxValue - 30_000;
        var net = new TcpTestNet(seed: 5, clientIss: iss, serverIss: uint.MaxValue - 10);
        net.ToServer.Loss = net.ToClient.Loss = loss;
        var data = TcpTestNet.Pattern(200_000);
        net.Transfer(data);
        net.RunUntil(SimTime.FromSeconds(120));
        Assert.Equal(data, net.Server.Received);
        var seqs = net.ToServer.DataSegments.Select(s => s.Segment.Sequence.Value).ToList();
        Assert.Contains(seqs, v => v > iss);
        Assert.Contains(seqs, v => v < 200_000); // wrapped
        Assert.Equal(new SequenceNumber(iss) + 1 + data.Length + 1, net.ServerConn.RcvNxt); // data + FIN
        Assert.Equal(TcpState.Closed, net.ServerConn.State);
    }
}
