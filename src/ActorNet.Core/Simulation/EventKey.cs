using ActorNet.Core.Time;

namespace ActorNet.Core.Simulation;

/// <summary>
/// The total order of events (DESIGN §1): time, then the stable id of the entity that created the
/// event, then that entity's counter. Never the order in which a message happened to arrive.
/// </summary>
public readonly record struct EventKey(long Time, int Origin, long Seq) : IComparable<EventKey>
{
    public SimTime At => new(Time);

    public int CompareTo(EventKey other)
    {
        if (Time != other.Time) return Time < other.Time ? -1 : 1;
        if (Origin != other.Origin) return Origin < other.Origin ? -1 : 1;
        return Seq.CompareTo(other.Seq);
    }

    public static bool operator <(EventKey a, EventKey b) => a.CompareTo(b) < 0;
    public static bool operator >(EventKey a, EventKey b) => a.CompareTo(b) > 0;
}
