using ScottPlot;

namespace ActorNet.Engine.Results;

/// <summary>
/// PNG plots of a run (ScottPlot): cwnd of every TCP sender over time (the sawtooth), and the queue
/// length of the busiest ports over time. Text uses the DejaVu Sans shipped next to the assembly, so
/// a machine without fonts still gets labelled plots.
/// </summary>
public static class Plots
{
    private const string FontName = "ActorNet Sans";
    private static readonly Lock FontLock = new();
    private static bool _fontAdded;

    /// <summary>cwnd.png (<see cref="WindowPlot"/>). False when there is nothing to draw.</summary>
    public static bool Cwnd(RunTraces traces, string path)
    {
        var panels = WindowPlot.Panels(traces);
        if (panels.Count == 0) return false;
        var panel = panels[0];
        var plt = NewPlot(panel.Title, "time (s)", "cwnd (segments)");
        foreach (var s in panel.Series) AddSteps(plt, s.Xs, s.Ys, s.Label);
        if (panel.Series.Count > 1) plt.ShowLegend();
        plt.Axes.SetLimitsY(0, double.NaN);
        plt.SavePng(path, 1000, 500);
        return true;
    }

    /// <summary>queues.png (<see cref="QueuePlot"/>). False when no port ever queued.</summary>
    public static bool Queues(RunTraces traces, string path)
    {
        var series = QueuePlot.Series(traces);
        if (series.Count == 0) return false;
        var plt = NewPlot("Output queues (largest length in each slice of the run)", "time (s)", "queue (packets)");
        foreach (var s in series) AddSteps(plt, s.Xs, s.Ys, s.Label);
        plt.ShowLegend();
        plt.Axes.SetLimitsY(0, double.NaN);
        plt.SavePng(path, 1000, 500);
        return true;
    }

    /// <summary>A series as steps (a value holds until the next sample), no markers.</summary>
    private static void AddSteps(Plot plt, double[] xs, double[] ys, string legend)
    {
        var line = plt.Add.Scatter(xs, ys);
        line.LegendText = legend;
        line.MarkerSize = 0;
        line.ConnectStyle = ConnectStyle.StepHorizontal;
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        EnsureFont();
        var plt = new Plot();
        plt.Font.Set(FontName);
        plt.Title(title);
        plt.XLabel(x);
        plt.YLabel(y);
        return plt;
    }

    private static void EnsureFont()
    {
        lock (FontLock)
        {
            if (_fontAdded) return;
            var file = Path.Combine(AppContext.BaseDirectory, "fonts", "DejaVuSans.ttf");
            if (!File.Exists(file)) throw new FileNotFoundException($"the plot font is missing: {file} (it ships with ActorNet.Engine)", file);
            Fonts.AddFontFile(FontName, file);
            _fontAdded = true;
        }
    }

    /// <summary>
    /// At most about 8,000 points per series: the samples are cut into 4,000 time slices and each keeps
    /// its first, lowest and highest value, so peaks and troughs of a sawtooth survive.
    /// </summary>
    internal static (double[] Xs, double[] Ys) Envelope(List<(double X, double Y)> points)
    {
        const int slices = 4000;
        if (points.Count <= 2 * slices) return (points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        double x0 = points[0].X, width = Math.Max(1e-12, (points[^1].X - x0) / slices);
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var slice in points.GroupBy(p => Math.Min(slices - 1, (int)((p.X - x0) / width))))
        {
            var lo = slice.MinBy(p => p.Y);
            var hi = slice.MaxBy(p => p.Y);
            foreach (var p in new[] { slice.First(), lo, hi }.Distinct().OrderBy(p => p.X))
            {
                xs.Add(p.X);
                ys.Add(p.Y);
            }
        }
        return (xs.ToArray(), ys.ToArray());
    }
}
