using System.CommandLine;
using ActorNet.Engine;
using ActorNet.Engine.Actors;
using ActorNet.Engine.Reference;

namespace ActorNet.Cli.Commands;

/// <summary>--engine and --threads, shared by run and bench.</summary>
internal static class EngineOptions
{
    public const string Actors = "actors";
    public const string Reference = "reference";
    public const string Both = "both";

    public static Option<string> Engine(bool allowBoth)
    {
        var option = new Option<string>("--engine")
        {
            Description = allowBoth
                ? "Engine: actors (parallel, the default), reference (sequential oracle) or both (side by side, with the ratio)"
                : "Engine: actors (parallel, the default) or reference (sequential oracle); both give the same digest",
            DefaultValueFactory = _ => Actors,
        };
        if (allowBoth) option.AcceptOnlyFromAmong(Actors, Reference, Both);
        else option.AcceptOnlyFromAmong(Actors, Reference);
        return option;
    }

    public static Option<int?> Threads() => new("--threads")
    {
        Description = "Worker threads of the actor engine (default: up to all cores, as many as its windows keep busy, chosen as it runs)",
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int v) && v >= 1 && v <= 1024)
                return v;
            r.AddError($"--threads {text}: give a whole number of threads from 1 to 1024, e.g. --threads 2");
            return null;
        },
    };

    public static Option<string> Sockets()
    {
        var option = new Option<string>("--sockets")
        {
            Description = "Where the actor engine runs sockets: actors (each socket and TCP connection a child actor of its host, the default) "
                + "or host (inside the host actor's step: same digest, faster on heavy traffic)",
            DefaultValueFactory = _ => "actors",
        };
        option.AcceptOnlyFromAmong("actors", "host");
        return option;
    }

    public static ISimulationEngine Create(string engine, int? threads, string sockets = "actors", Akka.Configuration.Config? akka = null) =>
        engine == Reference ? new ReferenceEngine()
            : new ActorEngine(threads ?? 0, sockets: sockets == "host" ? SocketPlacement.Host : SocketPlacement.Actors) { ExtraAkkaConfig = akka };
}
