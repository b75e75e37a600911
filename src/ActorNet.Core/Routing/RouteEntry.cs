using ActorNet.Core.Addressing;

namespace ActorNet.Core.Routing;

public enum RouteOrigin : byte
{
    Connected,
    Computed,
    Static,
}

/// <summary>Where to send packets for <see cref="Prefix"/>: out of <see cref="Interface"/>, to <see cref="NextHop"/> (none for a connected subnet).</summary>
public sealed record RouteEntry(IpPrefix Prefix, int Interface, IpAddress? NextHop, RouteOrigin Origin)
{
    public override string ToString() => NextHop is { } nh
        ? $"{Prefix} via {nh} if{Interface} ({Origin})"
        : $"{Prefix} dev if{Interface} ({Origin})";
}
