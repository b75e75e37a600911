using ScottPlot;

namespace ActorNet.Results;

/// <summary>
/// The PNG plots of a run (ScottPlot), drawn from the series <see cref="WindowPlot"/> and
/// <see cref="QueuePlot"/> compute: cwnd.png, one panel per TCP sender, and queues.png. Legends sit
/// outside the data area, so they never hide a line. Text uses the DejaVu Sans shipped next to the
/// assembly, so a machine without fonts still gets labelled plots.
/// </summary>
public static class Plots
{
    private const string FontName = "ActorNet Sans";
    private static readonly Lock FontLock = new();
    private static bool _fontAdded;

    /// <summary>cwnd.png (<see cref="WindowPlot"/>). False when no TCP endpoint sent data.</summary>
    public static bool Cwnd(RunTraces traces, string path)
    {
        var figure = WindowFigure(traces);
        if (figure is null) return false;
        var (width, height) = WindowFigureSize(figure.Subplots.Count - 1);   // the header strip is a subplot too
        figure.SavePng(path, width, height);
        return true;
    }

    /// <summary>queues.png (<see cref="QueuePlot"/>). False when no port ever queued.</summary>
    public static bool Queues(RunTraces traces, string path)
    {
        var plt = QueueFigure(traces);
        if (plt is null) return false;
        plt.SavePng(path, 1000, 500);
        return true;
    }

    // cwnd.png is cut into rows of Unit pixels: a header strip, then panels of PanelUnits rows each
    // (one panel alone gets more height).
    private const int Unit = 20, HeaderUnits = 4, PanelUnits = 15, SinglePanelUnits = 22;

    /// <summary>Panels in one column up to three, then two columns.</summary>
    private static (int Rows, int Cols, int PanelUnits) Grid(int panels)
    {
        int cols = panels <= 3 ? 1 : 2;
        return ((panels + cols - 1) / cols, cols, panels == 1 ? SinglePanelUnits : PanelUnits);
    }

    private static (int Width, int Height) WindowFigureSize(int panels)
    {
        var (rows, cols, units) = Grid(panels);
        return (cols == 1 ? 1000 : 1400, Unit * (HeaderUnits + rows * units));
    }

    /// <summary>
    /// The cwnd.png figure: a header strip with the heading and the one legend (the kinds of line any panel
    /// draws, in the same styles everywhere), above a grid of panels, one per sender; null when there is
    /// nothing to draw. The legend is in the header, which has no data, so it covers none.
    /// </summary>
    public static Multiplot? WindowFigure(RunTraces traces)
    {
        var panels = WindowPlot.Panels(traces);
        if (panels.Count == 0) return null;
        var header = Header(WindowPlot.Heading(traces), panels.SelectMany(p => p.Series).DistinctBy(s => s.Role).OrderBy(s => s.Role).ToList());
        var figure = new Multiplot(header);   // a new Multiplot holds one empty plot; start it with the header instead
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        var (rows, cols, units) = Grid(panels.Count);
        int rowCount = HeaderUnits + rows * units;
        layout.Set(header, new GridCell(0, 0, rowCount, cols, HeaderUnits, cols));
        for (int i = 0; i < panels.Count; i++)
        {
            var panel = panels[i];
            var plt = NewPlot(panel.Title + (panel.ClipNote is { } note ? $"\n({note})" : ""), "time (s)", "window (segments)");
            foreach (var s in panel.Series) AddSteps(plt, s);
            plt.HideLegend();
            double x0 = panel.Series.Min(s => s.Xs[0]), x1 = panel.Series.Max(s => s.Xs[^1]);
            plt.Axes.SetLimits(x0, x1 > x0 ? x1 : x0 + 1e-3, 0, panel.YMax);
            figure.AddPlot(plt);
            layout.Set(plt, new GridCell(HeaderUnits + i / cols * units, i % cols, rowCount, cols, units, 1));
        }
        figure.Layout = layout;
        return figure;
    }

    /// <summary>A plot with no data and no axes: a title, and a legend of <paramref name="lines"/> in one row.</summary>
    private static Plot Header(string title, IReadOnlyList<PlotSeries> lines)
    {
        var plt = NewPlot(title, "", "");
        // No axes, ticks, frame or grid: only the title and the legend.
        plt.Axes.Frame(false);
        foreach (var axis in plt.Axes.GetAxes()) axis.IsVisible = false;
        plt.HideGrid();
        var items = lines.Select(s => new LegendItem
        {
            LabelText = s.Label,
            LineColor = Color.FromHex(s.Style.Color).WithOpacity(s.Style.Opacity),
            LineWidth = s.Style.Width,
            LinePattern = s.Style.Dashed ? LinePattern.Dashed : LinePattern.Solid,
        });
        plt.ShowLegend(items, Alignment.LowerCenter);
        plt.Legend.Orientation = Orientation.Horizontal;
        return plt;
    }

    /// <summary>The queues.png plot, the legend to the right of the data area; null when no port ever queued.</summary>
    public static Plot? QueueFigure(RunTraces traces)
    {
        var series = QueuePlot.Series(traces);
        if (series.Count == 0) return null;
        var plt = NewPlot("Output queues (largest length in each slice of the run)", "time (s)", "queue (packets)");
        foreach (var s in series) AddSteps(plt, s);
        double x1 = series.Max(s => s.Xs[^1]);
        plt.Axes.SetLimits(0, x1 > 0 ? x1 : 1, 0, Math.Max(1, series.Max(s => s.Ys.Max())) * 1.05);
        plt.ShowLegend(Edge.Right);
        return plt;
    }

    /// <summary>A series as steps (a value holds until the next sample), no markers, in its style.</summary>
    private static void AddSteps(Plot plt, PlotSeries s)
    {
        var line = plt.Add.Scatter(s.Xs, s.Ys);
        line.LegendText = s.Label;
        line.MarkerSize = 0;
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.Color = Color.FromHex(s.Style.Color).WithOpacity(s.Style.Opacity);
        line.LineWidth = s.Style.Width;
        if (s.Style.Dashed) line.LinePattern = LinePattern.Dashed;
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
