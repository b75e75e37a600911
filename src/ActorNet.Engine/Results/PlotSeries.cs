namespace ActorNet.Engine.Results;

/// <summary>
/// One line as a plot draws it: x in seconds of virtual time, y in the plot's unit. The plots are
/// drawn from these, and tests check these rather than pixels.
/// </summary>
public sealed record PlotSeries(string Label, double[] Xs, double[] Ys, SeriesRole Role);

/// <summary>What a line shows, which decides how it is drawn (width, pattern, colour).</summary>
public enum SeriesRole
{
    Queue,
    Cwnd,
}
