using Akka.Actor;
using Akka;
using Akka.Dispatch;
using Akka.Event;
using Serilog.Events;
using AkkaLogEvent = Akka.Event.LogEvent;
using SerilogLogEvent = Serilog.Events.LogEvent;

namespace ActorNet.Persistence.Logging;

/// <summary>
/// An Akka logger actor (named in <c>akka.loggers</c>, see <see cref="RunLog.AkkaConfig"/>) that hands Akka's log
/// events to Serilog with their message template and properties intact: <c>log.Info("Router {Router} forwarded
/// {Count}", r, n)</c> arrives as template <c>Router {Router} forwarded {Count}</c> with properties Router and
/// Count, plus SourceContext (the logging class), LogSource (the actor path) and Thread. Akka.Logger.Serilog would
/// do this, but it is not on the package mirror (AKKA-NOTES.md §6, option A).
/// </summary>
/// <remarks>
/// <para>The target: the logger of a <see cref="SerilogLoggerSetup"/> given to the ActorSystem
/// (<see cref="RunLog.AkkaSetup"/>) if there is one, otherwise the global <see cref="Serilog.Log.Logger"/>, read at
/// every event so that <see cref="RunLog.Open"/> redirects it even after the system started.</para>
/// <para>Akka stops its loggers with a system message, which overtakes the log events still in the mailbox, and
/// those are lost. So at start this actor adds a task to the before-actor-system-terminate phase of
/// CoordinatedShutdown that waits until it has written everything logged before that phase. Events logged later,
/// while the actors themselves stop (PostStop), can still be lost.</para>
/// </remarks>
public sealed class SerilogAkkaLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(4);   // under the phase's default 5 s

    private readonly Serilog.ILogger? _pinned;

    public SerilogAkkaLogger()
    {
        var setup = Context.System.Settings.Setup.Get<SerilogLoggerSetup>();
        _pinned = setup.HasValue ? setup.Value.Logger : null;
        Receive<InitializeLogger>(_ => OnInitialize());
        Receive<AkkaLogEvent>(e => Write(_pinned ?? Serilog.Log.Logger, e));
        Receive<RegisterDrain>(_ => OnRegisterDrain());
        Receive<Drain>(_ => Sender.Tell(Drained.Instance));
    }

    /// <summary>The value for <c>akka.loggers</c>: the type and assembly names, without version.</summary>
    public static string TypeName { get; } =
        $"{typeof(SerilogAkkaLogger).FullName}, {typeof(SerilogAkkaLogger).Assembly.GetName().Name}";

    private void OnInitialize()
    {
        Sender.Tell(new LoggerInitialized());
        // Not here: the ActorSystem is still starting and waits for the reply above.
        Self.Tell(RegisterDrain.Instance);
    }

    private void OnRegisterDrain()
    {
        var self = Self;
        CoordinatedShutdown.Get(Context.System).AddTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "flush-serilog",
            async () =>
            {
                try { await self.Ask<Drained>(Drain.Instance, DrainTimeout); }
                catch (AskTimeoutException) { /* a stuck logger must not hold up the shutdown */ }
                return Done.Instance;
            });
    }

    /// <summary>Writes one Akka log event to <paramref name="target"/> as a Serilog event with the same template,
    /// properties, level, exception and time.</summary>
    public static void Write(Serilog.ILogger target, AkkaLogEvent e)
    {
        var level = e.LogLevel() switch
        {
            LogLevel.DebugLevel => LogEventLevel.Debug,
            LogLevel.InfoLevel => LogEventLevel.Information,
            LogLevel.WarningLevel => LogEventLevel.Warning,
            _ => LogEventLevel.Error,
        };
        if (!target.IsEnabled(level)) return;

        // Akka 1.5 keeps the template: Message is a LogMessage unless someone logged a plain object.
        var (template, args) = e.Message is LogMessage m
            ? (m.Format, m.Parameters().ToArray())
            : ("{Message:l}", new object?[] { e.Message?.ToString() });
        if (!target.BindMessageTemplate(template, args, out var parsed, out var bound))
        {
            target.BindMessageTemplate("{Message:l}", [e.Message?.ToString()], out parsed, out bound);
        }

        var properties = new List<LogEventProperty>(bound!)
        {
            new("SourceContext", new ScalarValue(e.LogClass?.FullName ?? "Akka")),
            new("LogSource", new ScalarValue(e.LogSource)),
            new("Thread", new ScalarValue(e.Thread.ManagedThreadId)),
        };
        // Akka stamps its events with DateTime.UtcNow when they are logged, not when this actor gets them.
        var at = new DateTimeOffset(DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc));
        target.Write(new SerilogLogEvent(at, level, e.Cause, parsed!, properties));
    }

    private sealed class RegisterDrain
    {
        public static readonly RegisterDrain Instance = new();
    }

    private sealed class Drain
    {
        public static readonly Drain Instance = new();
    }

    private sealed class Drained
    {
        public static readonly Drained Instance = new();
    }
}
