using ActorNet.Core.Time;

namespace ActorNet.Engine.Results;

/// <summary>One panel of cwnd.png: a title and its lines.</summary>
public sealed record WindowPanel(string Title, IReadOnlyList<PlotSeries> Series);

/// <summary>cwnd.png: the windows of every TCP endpoint that sent data, in segments, against time.</summary>
public static class WindowPlot
{
    /// <summary>The panels cwnd.png draws.</summary>
    public static IReadOnlyList<WindowPanel> Panels(RunTraces traces)
    {
        var senders = traces.Windows.Where(w => w.BytesSent > 0).ToList();
        if (senders.Count == 0) return [];
        return [new WindowPanel("TCP congestion window", senders.Select(w =>
        {
            var (xs, ys) = HoldUntil(Plots.Envelope(w.Samples.Select(s => (s.At.TotalSeconds, (double)s.Cwnd / w.Mss)).ToList()), w.End);
            return new PlotSeries(w.Flow, xs, ys, SeriesRole.Cwnd);
        }).ToList())];
    }

    /// <summary>
    /// A step series whose last value holds until <paramref name="end"/> (the connection closed, or the run
    /// stopped): without that point the line would stop at the last change, which can be long before.
    /// </summary>
    private static (double[] Xs, double[] Ys) HoldUntil((double[] Xs, double[] Ys) s, SimTime end)
    {
        if (s.Xs.Length == 0 || s.Xs[^1] >= end.TotalSeconds) return s;
        return ([.. s.Xs, end.TotalSeconds], [.. s.Ys, s.Ys[^1]]);
    }
}
