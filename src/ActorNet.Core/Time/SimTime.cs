using System.Globalization;

namespace ActorNet.Core.Time;

/// <summary>
/// A point in virtual time, or a span of it, in integer nanoseconds (DESIGN §1).
/// Never a DateTime, TimeSpan or double: those break determinism and replay.
/// </summary>
public readonly record struct SimTime(long Nanoseconds) : IComparable<SimTime>
{
    public static readonly SimTime Zero = new(0);
    public static readonly SimTime MaxValue = new(long.MaxValue);

    public static SimTime FromNanoseconds(long ns) => new(ns);
    public static SimTime FromMicroseconds(long us) => new(checked(us * 1_000));
    public static SimTime FromMilliseconds(long ms) => new(checked(ms * 1_000_000));
    public static SimTime FromSeconds(long s) => new(checked(s * 1_000_000_000));

    public double TotalSeconds => Nanoseconds / 1e9;
    public double TotalMilliseconds => Nanoseconds / 1e6;

    public static SimTime operator +(SimTime a, SimTime b) => new(checked(a.Nanoseconds + b.Nanoseconds));
    public static SimTime operator -(SimTime a, SimTime b) => new(checked(a.Nanoseconds - b.Nanoseconds));
    public static SimTime operator *(SimTime a, long k) => new(checked(a.Nanoseconds * k));
    public static bool operator <(SimTime a, SimTime b) => a.Nanoseconds < b.Nanoseconds;
    public static bool operator >(SimTime a, SimTime b) => a.Nanoseconds > b.Nanoseconds;
    public static bool operator <=(SimTime a, SimTime b) => a.Nanoseconds <= b.Nanoseconds;
    public static bool operator >=(SimTime a, SimTime b) => a.Nanoseconds >= b.Nanoseconds;
    public static SimTime Min(SimTime a, SimTime b) => a.Nanoseconds <= b.Nanoseconds ? a : b;
    public static SimTime Max(SimTime a, SimTime b) => a.Nanoseconds >= b.Nanoseconds ? a : b;

    public int CompareTo(SimTime other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>Human form with the largest unit that keeps it exact: 5ms, 67.2us, 20.2688ms.</summary>
    public override string ToString()
    {
        long ns = Nanoseconds;
        if (ns == 0) return "0s";
        if (ns % 1_000_000_000 == 0) return (ns / 1_000_000_000).ToString(CultureInfo.InvariantCulture) + "s";
        if (Math.Abs(ns) >= 1_000_000_000) return (ns / 1e9).ToString("0.#########", CultureInfo.InvariantCulture) + "s";
        if (Math.Abs(ns) >= 1_000_000) return (ns / 1e6).ToString("0.######", CultureInfo.InvariantCulture) + "ms";
        if (Math.Abs(ns) >= 1_000) return (ns / 1e3).ToString("0.###", CultureInfo.InvariantCulture) + "us";
        return ns.ToString(CultureInfo.InvariantCulture) + "ns";
    }
}
