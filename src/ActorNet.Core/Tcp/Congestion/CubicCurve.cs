namespace ActorNet.Core.Tcp.Congestion;

/// <summary>
/// The CUBIC window increase function of one congestion avoidance stage, RFC 9438 §4.2:
/// W_cubic(t) = C*(t − K)³ + W_max (eq. 1), K = ∛((W_max − cwnd_epoch) / C) (eq. 2).
/// Windows in segments, times in seconds, as the RFC writes them (§4.1): this is the one place the model
/// uses double seconds, and only to evaluate the polynomial.
/// </summary>
public readonly record struct CubicCurve
{
    /// <summary>C = 0.4 segments/s³ (RFC 9438 §4.1.1, value from §5).</summary>
    public const double C = 0.4;

    /// <param name="wMax">W_max, segments: the window the curve plateaus at.</param>
    /// <param name="cwndEpoch">cwnd_epoch, segments: the window when the stage began, W_cubic(0).</param>
    public CubicCurve(double wMax, double cwndEpoch)
    {
        WMax = wMax;
        // Eq. 2. After a loss, cwnd_epoch = β_cubic*W_max gives RFC 8312's K = ∛(W_max(1−β)/C); eq. 2 also
        // holds when fast convergence or a flight size below cwnd made them differ, so W_cubic(0) is always
        // cwnd_epoch. Math.Cbrt keeps the sign: cwnd_epoch above W_max gives K < 0, a curve already convex.
        K = Math.Cbrt((wMax - cwndEpoch) / C);
    }

    /// <summary>W_max, segments.</summary>
    public double WMax { get; }

    /// <summary>K, seconds: when the curve reaches W_max.</summary>
    public double K { get; }

    /// <summary>Eq. 1: the window, in segments, <paramref name="t"/> seconds into the stage.</summary>
    public double At(double t)
    {
        double d = t - K;
        return C * d * d * d + WMax;   // d*d*d, not Math.Pow: IEEE products are the same on every platform, library pow need not be
    }
}
