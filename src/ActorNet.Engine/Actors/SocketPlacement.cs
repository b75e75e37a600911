namespace ActorNet.Engine.Actors;

/// <summary>
/// Where the actor engine runs a host's sockets (UDP, ICMP echo, TCP connections and listeners).
/// Both give the same digest as the reference engine; the choice is speed against the design's
/// "every socket an actor" (docs/ARCHITECTURE.md, "Sockets are child actors of their host").
/// </summary>
public enum SocketPlacement
{
    /// <summary>Each socket is a child actor of its host and takes its turns by message (the default).</summary>
    Actors,

    /// <summary>
    /// Sockets take their turns inside their host actor's own step: no messages per datagram or segment.
    /// About twice as fast on UDP-heavy runs (S11), 1.4× on the TCP dumbbell (docs/BENCHMARKS-ACTORS.md).
    /// </summary>
    Host,
}
