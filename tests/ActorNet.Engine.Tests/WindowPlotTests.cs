using ActorNet.Core.Tcp;
using ActorNet.Core.Time;
using ActorNet.Results;

namespace ActorNet.Engine.Tests;

/// <summary>
/// What cwnd.png and queues.png draw (the data, not pixels): per sender the effective window
/// min(cwnd, rwnd) beside cwnd, rwnd and ssthresh in segments, an axis that keeps the effective window
/// readable, one panel per flow with distinct colours, and legends outside the data area.
/// </summary>
public class WindowPlotTests
{
    private static RunTraces Traces(string config, SimTime? stopAt = null)
    {
        var scenario = ScenarioRuns.Load(config);
        if (stopAt is { } s) scenario = scenario with { StopAt = s };
        var (network, summary) = ScenarioRuns.RunReference(scenario);
        return RunTraces.Collect(network, new SimTime(summary.Run.SimTimeNs));
    }

    private static PlotSeries Role(WindowPanel panel, SeriesRole role) => Assert.Single(panel.Series, s => s.Role == role);

    [Fact]
    public void Flow_control_shows_the_receiver_window_limiting_the_flow_and_clips_the_runaway_cwnd()
    {
        // S7: the receiver reads 125,000 B/s into a 65,535 B buffer; the sender's cwnd grows without bound
        // (nothing is ever lost) while the advertised window, at most 65,535 B = 44.9 segments of 1460 B, limits it.
        var traces = Traces("tcp-flow-control.conf", SimTime.FromSeconds(20));
        var panel = Assert.Single(WindowPlot.Panels(traces));   // the receiver sends no data: no panel
        var sender = Assert.Single(traces.Windows, w => w.BytesSent > 0);
        Assert.Equal(1460, sender.Mss);   // no TCP options in data segments (no timestamps): 1500 − 40
        var effective = Role(panel, SeriesRole.EffectiveWindow);
        var rwnd = Role(panel, SeriesRole.Rwnd);
        var cwnd = Role(panel, SeriesRole.Cwnd);
        Assert.DoesNotContain(panel.Series, s => s.Role == SeriesRole.Ssthresh);   // no loss: ssthresh stays "infinite", not drawn

        // Same units: segments of the connection's MSS.
        Assert.Equal(65_535.0 / 1460, rwnd.Ys.Max(), 9);
        Assert.Equal(0, rwnd.Ys.Min());                         // the window closes (zero-window probes follow)
        Assert.True(cwnd.Ys.Max() > 500, $"cwnd peaks at {cwnd.Ys.Max()} segments");

        // Every point of the effective line is min(cwnd, rwnd) of a sample at that time.
        var bySampleTime = sender.Samples.GroupBy(s => s.At.TotalSeconds)
            .ToDictionary(g => g.Key, g => g.Select(s => Math.Min(s.Cwnd, s.SndWnd) / 1460.0).ToHashSet());
        for (int i = 0; i < effective.Xs.Length - 1; i++)
            Assert.True(bySampleTime[effective.Xs[i]].Contains(effective.Ys[i]), $"effective window at {effective.Xs[i]} s is {effective.Ys[i]}");
        Assert.True(effective.Ys.Max() <= rwnd.Ys.Max());

        // The axis is cut for the effective window, not for cwnd; the panel says so.
        Assert.True(panel.YMax >= effective.Ys.Max() && panel.YMax >= rwnd.Ys.Max(), $"axis top {panel.YMax} cuts the effective window or rwnd");
        Assert.True(panel.YMax <= 100, $"axis top {panel.YMax}: the effective window would be squashed");
        Assert.NotNull(panel.ClipNote);
        Assert.Contains("cwnd", panel.ClipNote);
        Assert.DoesNotContain("rwnd", panel.ClipNote);
    }

    [Fact]
    public void A_congestion_limited_flow_fits_its_axis_and_draws_ssthresh()
    {
        // S4: cwnd (a sawtooth under BDP + queue ≈ 137 segments) limits the flow, under a larger rwnd: nothing is cut.
        var panel = Assert.Single(WindowPlot.Panels(Traces("tcp-bottleneck.conf", SimTime.FromSeconds(15))));
        Assert.Null(panel.ClipNote);
        Assert.All(panel.Series, s => Assert.True(s.Ys.Max() <= panel.YMax, $"{s.Label} peaks at {s.Ys.Max()}, over the axis top {panel.YMax}"));
        var ssthresh = Role(panel, SeriesRole.Ssthresh);
        Assert.InRange(ssthresh.Ys[^1], 55, 80);                // about half of BDP + queue
        Assert.True(Role(panel, SeriesRole.EffectiveWindow).Ys.Max() <= Role(panel, SeriesRole.Cwnd).Ys.Max());
    }

    [Fact]
    public void Http_gets_one_panel_per_response_with_distinct_colours_and_the_legend_outside_the_data()
    {
        // config/http.conf: ten 100 KiB responses on ten connections; the clients' GETs are under one segment
        // (no window ever limits them), so the ten server ends are the senders.
        var traces = Traces("http.conf");
        var panels = WindowPlot.Panels(traces);
        Assert.Equal(10, panels.Count);
        Assert.All(panels, p => Assert.StartsWith("h2:80->", p.Title));
        Assert.Equal(10, panels.Select(p => p.Title).Distinct().Count());
        foreach (var p in panels)
        {
            Assert.Equal(p.Series.Count, p.Series.Select(s => s.Style.Color).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            // The effective window is the one to look at: by far the widest line, a see-through band drawn
            // first, so the thin line of whichever window limits the sender runs inside it.
            var effective = Role(p, SeriesRole.EffectiveWindow);
            Assert.All(p.Series.Where(s => s != effective), s => Assert.True(2 * s.Style.Width < effective.Style.Width));
            Assert.Same(effective, p.Series[0]);
            Assert.True(effective.Style.Opacity < 1);
        }

        // A header strip (title and the one legend, no data), then the ten panels with no legend of their own.
        var figure = Plots.WindowFigure(traces);
        Assert.NotNull(figure);
        var plots = figure.Subplots.GetPlots();
        Assert.Equal(11, plots.Length);
        Assert.Empty(plots[0].GetPlottables());
        Assert.True(plots[0].Legend.IsVisible);
        Assert.Equal(3, plots[0].Legend.GetItems().Length);         // effective, cwnd, rwnd (no loss: no ssthresh)
        Assert.All(plots.Skip(1), plt =>
        {
            Assert.NotEmpty(plt.GetPlottables());
            Assert.False(plt.Legend.IsVisible, "a legend inside a panel's data area");
            Assert.Empty(plt.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>());
        });
    }

    [Fact]
    public void Queues_have_distinct_colours_and_the_legend_outside_the_data()
    {
        var traces = Traces("campus.conf", SimTime.FromSeconds(12));
        var series = QueuePlot.Series(traces);
        Assert.Equal(QueuePlot.MaxPorts, series.Count);
        Assert.Equal(series.Count, series.Select(s => s.Style.Color).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var plt = Plots.QueueFigure(traces);
        Assert.NotNull(plt);
        Assert.False(plt.Legend.IsVisible);
        Assert.Single(plt.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>());
    }

    private static TcpWindowTrace Synthetic(int i, long bytesSent) => new($"h{i}:1->10.0.0.1:80", $"h{i}", 1000, bytesSent,
        [new TcpWindowSample(SimTime.FromMilliseconds(i), 10_000, long.MaxValue, 20_000, 65_535, 0)], SimTime.FromSeconds(1));

    [Fact]
    public void Past_twelve_senders_the_twelve_that_sent_most_get_panels_in_run_order_and_the_heading_says_so()
    {
        // 20 senders; the even ones sent most. Two endpoints that sent less than a segment are not senders at all.
        var windows = Enumerable.Range(0, 20).Select(i => Synthetic(i, i % 2 == 0 ? 1_000_000 + i : 5_000 + i))
            .Append(Synthetic(20, 999)).Append(Synthetic(21, 0)).ToList();
        var traces = new RunTraces(windows, [], SimTime.FromSeconds(1));
        var panels = WindowPlot.Panels(traces);
        Assert.Equal(WindowPlot.MaxPanels, panels.Count);
        string[] expected = [.. Enumerable.Range(0, 20).Where(i => i % 2 == 0).Concat([19, 17]).Order().Select(i => $"h{i}:1->10.0.0.1:80")];
        Assert.Equal(expected, panels.Select(p => p.Title));
        Assert.Contains("12 of 20 senders", WindowPlot.Heading(traces));
        Assert.DoesNotContain(" of ", WindowPlot.Heading(new RunTraces(windows.Take(3).ToList(), [], SimTime.FromSeconds(1))));
    }
}
