using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Scenarios;

/// <summary>
/// The largest quantities a scenario may give (docs/SCENARIOS.md, "Limits"). Far beyond any
/// experiment, and chosen so the arithmetic on them cannot overflow: the model adds a few times
/// together (now + delay + jitter + transmission; now + 2·MSL; start + cycles of on + off), each
/// at most <see cref="MaxTime"/>, and SimTime's long nanoseconds hold nine of them.
/// </summary>
public static class ScenarioLimits
{
    /// <summary>10⁹ s (about 31.7 years), 10¹⁸ ns: every time a scenario or --until gives, and stop-at.</summary>
    public static readonly SimTime MaxTime = SimTime.FromSeconds(1_000_000_000);

    /// <summary>
    /// 10 Tbit/s: every link and app rate. At more, even a 28 B packet takes under a nanosecond,
    /// the clock's resolution, so the rate is not what the run would show.
    /// </summary>
    public static readonly DataRate MaxRate = new(10_000_000_000_000);

    /// <summary><see cref="MaxRate"/> as messages write it (DataRate prints it as 10000Gbit/s).</summary>
    public const string MaxRateText = "10Tbit/s";

    /// <summary>1 PiB: bytes of a tcp-bulk, an HTTP response, a queue limit in bytes.</summary>
    public const long MaxBytes = 1L << 50;
}
