namespace ActorNet.Results;

/// <summary>queues.png: the queue length of the ports with the highest peaks (at most four), against time.</summary>
public static class QueuePlot
{
    public const int MaxPorts = 4;

    // Category10's first four: one colour per port, never repeated (there are at most MaxPorts lines).
    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"];

    /// <summary>
    /// The lines queues.png draws: per port, the largest queue length in each slice, as steps. The last
    /// slice's step ends at the time the run reached (a slice is cut for the planned run and may reach past it).
    /// </summary>
    public static IReadOnlyList<PlotSeries> Series(RunTraces traces)
    {
        double end = traces.Reached.TotalSeconds;
        return traces.Queues.Where(q => q.PeakPackets > 0 && q.Points.Count > 0)
            .OrderByDescending(q => q.PeakPackets).ThenBy(q => q.Node, StringComparer.Ordinal).ThenBy(q => q.Interface, StringComparer.Ordinal)
            .Take(MaxPorts)
            .Select((q, i) => new PlotSeries($"{q.Node} {q.Interface} → {q.Peer}",
                [.. q.Points.Select(p => p.Start.TotalSeconds), end],
                [.. q.Points.Select(p => (double)p.MaxPackets), q.Points[^1].MaxPackets], SeriesRole.Queue, new LineStyle(Colors[i], 1.5f)))
            .ToList();
    }
}
