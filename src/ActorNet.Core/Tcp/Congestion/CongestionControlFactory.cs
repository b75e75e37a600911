using System.Diagnostics.CodeAnalysis;

namespace ActorNet.Core.Tcp.Congestion;

/// <summary>
/// The congestion-control algorithms a scenario can name. Each call makes a new instance: an algorithm
/// holds per-connection state, so connections never share one.
/// </summary>
public static class CongestionControlFactory
{
    /// <summary>The names a scenario may use, in a fixed order (for validation messages and "did you mean").</summary>
    public static IReadOnlyList<string> Names { get; } = ["reno", "newreno", "cubic"];

    /// <summary>A new instance for <paramref name="name"/> (exact, lower case), or false if there is no such algorithm.</summary>
    public static bool TryCreate(string name, [NotNullWhen(true)] out ICongestionControl? algorithm)
    {
        algorithm = name switch
        {
            "reno" => new Reno(),
            "newreno" => new NewReno(),
            "cubic" => new Cubic(),
            _ => null,
        };
        return algorithm is not null;
    }

    /// <summary>As <see cref="TryCreate"/>, but an unknown name (which validation should have caught) throws.</summary>
    public static ICongestionControl Create(string name) =>
        TryCreate(name, out var algorithm)
            ? algorithm
            : throw new ArgumentException($"unknown congestion control '{name}'; known: {string.Join(", ", Names)}", nameof(name));
}
