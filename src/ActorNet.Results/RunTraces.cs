using ActorNet.Core.Network;
using ActorNet.Core.Sockets;
using ActorNet.Core.Tcp;
using ActorNet.Core.Time;
using ActorNet.Engine;

namespace ActorNet.Results;

/// <summary>
/// The time series of a finished run, for CSV files and plots (not in summary.json): every TCP
/// endpoint's window samples, and the queue length of every port that ever queued, up to
/// <paramref name="Reached"/>, the virtual time the run reached.
/// </summary>
public sealed record RunTraces(IReadOnlyList<TcpWindowTrace> Windows, IReadOnlyList<QueueTrace> Queues, SimTime Reached)
{
    /// <param name="reached">The virtual time the run reached (<see cref="EngineRun.Reached"/>): the planned stop, or earlier when interrupted.</param>
    public static RunTraces Collect(NetworkModel network, SimTime reached)
    {
        var windows = new List<TcpWindowTrace>();
        foreach (var host in network.Nodes.OfType<Host>())
            foreach (var s in host.Sockets.OfType<TcpSocket>().Where(s => s.Connection is not null && s.WindowSamples.Count > 0))
                windows.Add(new TcpWindowTrace(s.FlowName(host.Name), host.Name,
                    s.Connection!.EffectiveMss, s.Connection.Statistics.BytesSent, s.WindowSamples, LiveUntil(s, reached)));
        var queues = new List<QueueTrace>();
        foreach (var node in network.Nodes)
            foreach (var itf in node.Interfaces)
                if (itf.Port.History is { IsEmpty: false } h)
                    queues.Add(new QueueTrace(node.Name, itf.Name, network.Nodes[itf.Outgoing.ToNode].Name, itf.Port.Queue.PeakPackets, h.Points(reached).ToList()));
        return new RunTraces(windows, queues, reached);
    }

    /// <summary>
    /// Until when an endpoint's windows mean something: the time the run reached while it still had data
    /// in flight (a transfer the run cut short), else its last sample (all acknowledged, or closed: the
    /// windows only hold, e.g. through TIME-WAIT).
    /// </summary>
    private static SimTime LiveUntil(TcpSocket s, SimTime reached)
    {
        var last = s.WindowSamples[^1];
        var end = last.BytesInFlight > 0 ? reached : last.At;
        return s.ClosedAt is { } closed && closed < end ? closed : end;
    }
}

/// <summary>
/// One TCP endpoint's cwnd/ssthresh/windows over time; <paramref name="Mss"/> to show them in segments.
/// Each sample holds until the next; the last one until <paramref name="End"/>: the time the run reached
/// if data was still in flight then, else the last sample (or when the connection closed, if earlier).
/// </summary>
public sealed record TcpWindowTrace(string Flow, string Node, int Mss, long BytesSent, IReadOnlyList<TcpWindowSample> Samples, SimTime End);

/// <summary>One port's queue length over time: the largest length in each equal slice of the run, for the slices that started before the run stopped.</summary>
public sealed record QueueTrace(string Node, string Interface, string Peer, int PeakPackets, IReadOnlyList<(SimTime Start, int MaxPackets)> Points);
