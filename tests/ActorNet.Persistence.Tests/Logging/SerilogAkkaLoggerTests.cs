using ActorNet.Persistence.Logging;
using ActorNet.Persistence.Tests.Support;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Event;

namespace ActorNet.Persistence.Tests.Logging;

/// <summary>Logs what it is told to through Akka's own logging API, then replies, so that the test knows the
/// events are on the event stream.</summary>
internal sealed class ChattyRouter : ReceiveActor
{
    public sealed record Forward(int Count, int Lines);
    public sealed record Fail(string Why);
    public sealed record Logged;

    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ChattyRouter()
    {
        Receive<Forward>(OnForward);
        Receive<Fail>(OnFail);
    }

    private void OnForward(Forward f)
    {
        for (int i = 0; i < f.Lines; i++) _log.Info("Router {Router} forwarded {Count}", Self.Path.Name, f.Count + i);
        Sender.Tell(new Logged());
    }

    private void OnFail(Fail f)
    {
        _log.Debug("Debug is below the minimum");
        _log.Warning("Buffer of port {Port} is {Percent}% full", 3, 97.5);
        _log.Error(new InvalidOperationException(f.Why), "Dropped packet {Id}", 1234);
        Sender.Tell(new Logged());
    }
}

public sealed class SerilogAkkaLoggerTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A system whose Akka logs go to <paramref name="run"/> (pinned, so tests may run in parallel).</summary>
    private static ActorSystem SystemFor(RunLog run) =>
        ActorSystem.Create("logtest", BootstrapSetup.Create().WithConfig(RunLog.AkkaConfig()).And(run.AkkaSetup));

    [Fact]
    public async Task An_actors_log_line_lands_in_the_file_with_its_template_and_properties()
    {
        string path = _dir.PathOf(RunLog.FileName);
        using (var run = RunLog.Open(path))
        {
            var system = SystemFor(run);
            var router = system.ActorOf(Props.Create<ChattyRouter>(), "router-1");
            await router.Ask<ChattyRouter.Logged>(new ChattyRouter.Forward(42, 1), Timeout);
            await system.Terminate();
        }

        var line = LogFile.Single(path, "Router {Router} forwarded {Count}");
        Assert.Equal("Information", line.GetProperty("Level").GetString());
        Assert.Equal("Router \"router-1\" forwarded 42", line.GetProperty("RenderedMessage").GetString());
        var p = line.GetProperty("Properties");
        Assert.Equal("router-1", p.GetProperty("Router").GetString());
        Assert.Equal(42, p.GetProperty("Count").GetInt32());
        Assert.Equal(typeof(ChattyRouter).FullName, p.GetProperty("SourceContext").GetString());
        Assert.Equal("akka://logtest/user/router-1", p.GetProperty("LogSource").GetString());
        Assert.True(p.TryGetProperty("Thread", out _));
    }

    [Fact]
    public async Task Levels_and_the_exception_come_through_and_debug_stays_out()
    {
        string path = _dir.PathOf(RunLog.FileName);
        using (var run = RunLog.Open(path))
        {
            var system = SystemFor(run);
            var router = system.ActorOf(Props.Create<ChattyRouter>(), "router-1");
            await router.Ask<ChattyRouter.Logged>(new ChattyRouter.Fail("boom"), Timeout);
            await system.Terminate();
        }

        Assert.DoesNotContain(LogFile.Read(path), e => e.GetProperty("Level").GetString() == "Debug");
        var warning = LogFile.Single(path, "Buffer of port {Port} is {Percent}% full");
        Assert.Equal("Warning", warning.GetProperty("Level").GetString());
        Assert.Equal(97.5, warning.GetProperty("Properties").GetProperty("Percent").GetDouble());
        var error = LogFile.Single(path, "Dropped packet {Id}");
        Assert.Equal("Error", error.GetProperty("Level").GetString());
        Assert.Contains("System.InvalidOperationException: boom", error.GetProperty("Exception").GetString());
    }

    [Fact]
    public async Task Lines_logged_just_before_terminate_are_all_in_the_file_after_dispose()
    {
        // Akka stops its loggers with a system message that overtakes their mailbox; the logger's
        // CoordinatedShutdown task must write what was already queued.
        const int lines = 3000;
        string path = _dir.PathOf(RunLog.FileName);
        var run = RunLog.Open(path);
        var system = SystemFor(run);
        var router = system.ActorOf(Props.Create<ChattyRouter>(), "router-1");
        await router.Ask<ChattyRouter.Logged>(new ChattyRouter.Forward(0, lines), Timeout);
        await system.Terminate();
        run.Dispose();

        var counts = LogFile.Read(path)
            .Where(e => e.GetProperty("MessageTemplate").GetString() == "Router {Router} forwarded {Count}")
            .Select(e => e.GetProperty("Properties").GetProperty("Count").GetInt32());
        Assert.Equal(Enumerable.Range(0, lines), counts);
    }
}

[Collection(ProcessWideLoggingCollection.Name)]
public sealed class SerilogAkkaLoggerGlobalTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Without_a_setup_it_writes_to_the_global_logger_that_open_set()
    {
        string path = _dir.PathOf(RunLog.FileName);
        using (RunLog.Open(path))
        {
            var system = ActorSystem.Create("logtest", RunLog.AkkaConfig());
            var router = system.ActorOf(Props.Create<ChattyRouter>(), "router-1");
            await router.Ask<ChattyRouter.Logged>(new ChattyRouter.Forward(7, 1), Timeout);
            await system.Terminate();
        }

        Assert.Equal(7, LogFile.Single(path, "Router {Router} forwarded {Count}").GetProperty("Properties").GetProperty("Count").GetInt32());
    }

    [Fact]
    public async Task Nothing_goes_to_stdout_from_start_to_terminate()
    {
        string path = _dir.PathOf(RunLog.FileName);
        var stdout = new StringWriter();
        var original = Console.Out;
        Console.SetOut(stdout);
        try
        {
            using var run = RunLog.Open(path);
            var system = ActorSystem.Create("logtest", BootstrapSetup.Create().WithConfig(RunLog.AkkaConfig()).And(run.AkkaSetup));
            var router = system.ActorOf(Props.Create<ChattyRouter>(), "router-1");
            await router.Ask<ChattyRouter.Logged>(new ChattyRouter.Forward(1, 10), Timeout);
            await router.Ask<ChattyRouter.Logged>(new ChattyRouter.Fail("boom"), Timeout);
            system.Stop(router);
            router.Tell("to a dead actor");   // a dead letter, which Akka logs
            run.Logger.Information("Run {Run} done", "r1");
            await system.Terminate();
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal("", stdout.ToString());
        Assert.NotEmpty(LogFile.Read(path));
    }
}
