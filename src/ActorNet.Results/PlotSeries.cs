namespace ActorNet.Results;

/// <summary>
/// One line as a plot draws it: x in seconds of virtual time, y in the plot's unit, drawn as steps
/// (a value holds until the next point) in <paramref name="Style"/>. The PNGs are drawn from these,
/// and tests check these rather than pixels.
/// </summary>
public sealed record PlotSeries(string Label, double[] Xs, double[] Ys, SeriesRole Role, LineStyle Style);

/// <summary>What a line shows.</summary>
public enum SeriesRole
{
    Queue,
    /// <summary>min(cwnd, rwnd): what the sender may have in flight (RFC 5681 §2, RFC 9293 §3.8.6).</summary>
    EffectiveWindow,
    Cwnd,
    /// <summary>The window the peer advertises (the sender's SND.WND).</summary>
    Rwnd,
    Ssthresh,
}

/// <summary>How a line looks: colour as #rrggbb, width in pixels, dashed or solid, opacity 0…1 (a wide see-through band lets thin lines show through).</summary>
public sealed record LineStyle(string Color, float Width, bool Dashed = false, double Opacity = 1);
