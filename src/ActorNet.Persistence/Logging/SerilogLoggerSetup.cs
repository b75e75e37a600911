namespace ActorNet.Persistence.Logging;

/// <summary>
/// Pins the Serilog logger that <see cref="SerilogAkkaLogger"/> writes to for one ActorSystem, so that the system
/// does not depend on the global <see cref="Serilog.Log.Logger"/> (two runs in one process, tests in parallel).
/// Give it with <c>BootstrapSetup.Create().WithConfig(RunLog.AkkaConfig()).And(runLog.AkkaSetup)</c>.
/// </summary>
public sealed class SerilogLoggerSetup(Serilog.ILogger logger) : Akka.Actor.Setup.Setup
{
    public Serilog.ILogger Logger { get; } = logger;
}
