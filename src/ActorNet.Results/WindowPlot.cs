using System.Globalization;
using ActorNet.Core.Tcp;
using ActorNet.Core.Time;

namespace ActorNet.Results;

/// <summary>
/// One panel of cwnd.png, one TCP sender: its lines, and the top of its y-axis. When a line would
/// squash the effective window (cwnd growing without bound while rwnd limits the flow), the axis is cut
/// and <paramref name="ClipNote"/> says which lines leave the top and how high they go.
/// </summary>
public sealed record WindowPanel(string Title, IReadOnlyList<PlotSeries> Series, double YMax, string? ClipNote);

/// <summary>
/// cwnd.png: per TCP sender, the effective window min(cwnd, rwnd), the one that limits what is in
/// flight (RFC 5681 §2: a sender may send up to the minimum of cwnd and rwnd), beside cwnd, rwnd (the
/// window the peer advertises) and ssthresh, all in segments of the connection's MSS. The effective
/// window is a wide see-through band drawn first, under the thin lines: whichever of cwnd and rwnd
/// runs inside the band is the one limiting the sender. One panel per sender, at most <see cref="MaxPanels"/>.
/// </summary>
public static class WindowPlot
{
    public const int MaxPanels = 12;

    // Lines a lone series may rise to before it is cut: up to this many times the effective window's peak
    // the axis takes it in, beyond it the effective window would shrink to under half the panel's height.
    private const double Squash = 2.0;

    private static readonly LineStyle EffectiveStyle = new("#1f77b4", 9f, Opacity: 0.4);
    private static readonly LineStyle CwndStyle = new("#ff7f0e", 1.2f);
    private static readonly LineStyle RwndStyle = new("#2ca02c", 1.2f);
    private static readonly LineStyle SsthreshStyle = new("#7f7f7f", 1f, Dashed: true);

    /// <summary>
    /// The endpoints drawn: those that sent more than one segment of data (below that no window ever
    /// limits anything, e.g. an HTTP client's GET); past <see cref="MaxPanels"/>, those that sent the
    /// most, in run order (host, then socket).
    /// </summary>
    public static IReadOnlyList<TcpWindowTrace> Senders(RunTraces traces, out int all)
    {
        var senders = traces.Windows.Where(w => w.BytesSent > w.Mss && w.Samples.Count > 0).ToList();
        all = senders.Count;
        return senders.Select((w, i) => (w, i)).OrderByDescending(x => x.w.BytesSent).ThenBy(x => x.i)
            .Take(MaxPanels).OrderBy(x => x.i).Select(x => x.w).ToList();
    }

    /// <summary>What the whole figure shows, and how many of the senders.</summary>
    public static string Heading(RunTraces traces)
    {
        int shown = Senders(traces, out int all).Count;
        return all > shown
            ? $"TCP windows in segments ({shown} of {all} senders: those that sent the most)"
            : "TCP windows in segments";
    }

    /// <summary>The panels cwnd.png draws, one per sender (<see cref="Senders"/>).</summary>
    public static IReadOnlyList<WindowPanel> Panels(RunTraces traces) => Senders(traces, out _).Select(Panel).ToList();

    private static WindowPanel Panel(TcpWindowTrace w)
    {
        double mss = w.Mss;
        var series = new List<PlotSeries>
        {
            // First, so the thin lines are drawn over it.
            Line(w, "effective window min(cwnd, rwnd)", SeriesRole.EffectiveWindow, EffectiveStyle,
                w.Samples.Select(s => (s.At, Math.Min(s.Cwnd, s.SndWnd) / mss))),
            Line(w, "rwnd (the peer's advertised window)", SeriesRole.Rwnd, RwndStyle, w.Samples.Select(s => (s.At, s.SndWnd / mss))),
        };
        // ssthresh is "infinite" until the first loss (RFC 5681 §3.1); drawn from then on, if ever.
        var finite = w.Samples.Where(s => s.Ssthresh != long.MaxValue).Select(s => (s.At, s.Ssthresh / mss)).ToList();
        if (finite.Count > 0) series.Add(Line(w, "ssthresh", SeriesRole.Ssthresh, SsthreshStyle, finite));
        series.Add(Line(w, "cwnd", SeriesRole.Cwnd, CwndStyle, w.Samples.Select(s => (s.At, s.Cwnd / mss))));

        double effective = Math.Max(1, series[0].Ys.Max());
        var cut = series.Where(s => s.Ys.Max() > Squash * effective).ToList();
        double top = Math.Ceiling(1.1 * series.Except(cut).Max(s => s.Ys.Max()));
        string? note = cut.Count == 0 ? null
            : string.Create(CultureInfo.InvariantCulture, $"axis cut at {top:N0} segments: ") +
              string.Join(", ", cut.Select(s => string.Create(CultureInfo.InvariantCulture, $"{ShortName(s.Role)} peaks at {s.Ys.Max():N0}")));
        return new WindowPanel(w.Flow, series, top, note);
    }

    private static string ShortName(SeriesRole role) => role switch
    {
        SeriesRole.Cwnd => "cwnd",
        SeriesRole.Rwnd => "rwnd",
        SeriesRole.Ssthresh => "ssthresh",
        _ => role.ToString(),
    };

    private static PlotSeries Line(TcpWindowTrace w, string label, SeriesRole role, LineStyle style, IEnumerable<(SimTime At, double Y)> points)
    {
        var (xs, ys) = HoldUntil(Plots.Envelope(points.Select(p => (p.At.TotalSeconds, p.Y)).ToList()), w.End);
        return new PlotSeries(label, xs, ys, role, style);
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
