using Akka.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace ActorNet.Persistence.Logging;

/// <summary>
/// The program's own log for one run: one JSON object per line (Serilog's JsonFormatter, with the template, the
/// rendered message and the properties) in the run folder's <c>actornet.log</c>. The console is not a sink: it
/// stays for people.
/// </summary>
/// <remarks>
/// <para>How a run's logger becomes the target. <see cref="Open"/> makes <see cref="Logger"/> the global
/// <see cref="Log.Logger"/>, which <see cref="SerilogAkkaLogger"/> and any <c>Serilog.Log.*</c> call use, and
/// <see cref="Dispose"/> puts the previous one back if the global logger is still this run's. That is right for one
/// run at a time per process (the CLI), or runs opened and disposed in nested order. An ActorSystem that must not
/// depend on the global (several runs in one process, parallel tests) also gets <see cref="AkkaSetup"/>.</para>
/// <para>Order at the end of a run: terminate the ActorSystem first (its logger then writes what was logged before
/// the shutdown, see <see cref="SerilogAkkaLogger"/>), then dispose the RunLog, which flushes and closes the file.</para>
/// </remarks>
public sealed class RunLog : IDisposable
{
    /// <summary>The log's name in a run folder.</summary>
    public const string FileName = "actornet.log";

    private readonly Logger _logger;
    private readonly ILogger _previous;
    private int _disposed;

    private RunLog(string path, Logger logger, ILogger previous)
    {
        (Path, _logger, _previous) = (path, logger, previous);
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>This run's logger; also <see cref="Log.Logger"/> until <see cref="Dispose"/>.</summary>
    public ILogger Logger => _logger;

    /// <summary>For <c>BootstrapSetup...And(runLog.AkkaSetup)</c>: the ActorSystem's Akka logs go to this run's
    /// logger whatever <see cref="Log.Logger"/> is.</summary>
    public SerilogLoggerSetup AkkaSetup => new(_logger);

    /// <summary>Opens (appends to, or creates with its folder) the log at <paramref name="path"/> and makes it the
    /// global Serilog logger. Each event is written through to the file, so a crash loses nothing already logged.</summary>
    public static RunLog Open(string path, LogEventLevel minimumLevel = LogEventLevel.Information)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(minimumLevel)
            .Enrich.FromLogContext()
            .WriteTo.File(new JsonFormatter(renderMessage: true), path, buffered: false)
            .CreateLogger();
        var previous = Log.Logger;
        Log.Logger = logger;
        return new RunLog(path, logger, previous);
    }

    /// <summary>
    /// The Akka settings that make an ActorSystem log through <see cref="SerilogAkkaLogger"/> at
    /// <paramref name="minimumLevel"/> and print nothing itself on stdout (<c>stdout-loglevel = OFF</c>, which also
    /// silences Akka's start-up and shutdown lines). Put it in front: <c>RunLog.AkkaConfig().WithFallback(rest)</c>.
    /// </summary>
    public static Config AkkaConfig(LogEventLevel minimumLevel = LogEventLevel.Information) =>
        ConfigurationFactory.ParseString($$"""
            akka {
              loggers = ["{{SerilogAkkaLogger.TypeName}}"]
              loglevel = {{AkkaLevel(minimumLevel)}}
              stdout-loglevel = OFF
            }
            """);

    private static string AkkaLevel(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => "DEBUG",
        LogEventLevel.Information => "INFO",
        LogEventLevel.Warning => "WARNING",
        _ => "ERROR",
    };

    /// <summary>Gives the global logger back (if it is still this run's) and flushes and closes the file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (ReferenceEquals(Log.Logger, _logger)) Log.Logger = _previous;
        _logger.Dispose();
    }
}
