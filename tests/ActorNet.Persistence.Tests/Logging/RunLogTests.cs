using ActorNet.Persistence.Logging;
using ActorNet.Persistence.Tests.Support;
using Serilog;
using Serilog.Events;

namespace ActorNet.Persistence.Tests.Logging;

public sealed class RunLogTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_line_with_properties_lands_as_json_with_its_template_and_properties()
    {
        string path = _dir.PathOf(RunLog.FileName);
        using (var run = RunLog.Open(path))
        {
            run.Logger.Information("Router {Router} forwarded {Count} packets", "r1", 42);
        }

        var line = LogFile.Single(path, "Router {Router} forwarded {Count} packets");
        Assert.Equal("Information", line.GetProperty("Level").GetString());
        Assert.Equal("Router \"r1\" forwarded 42 packets", line.GetProperty("RenderedMessage").GetString());
        var properties = line.GetProperty("Properties");
        Assert.Equal("r1", properties.GetProperty("Router").GetString());
        Assert.Equal(42, properties.GetProperty("Count").GetInt32());
    }

    [Fact]
    public void Debug_is_below_the_default_minimum_and_kept_when_asked_for()
    {
        string quiet = _dir.PathOf("quiet.log"), chatty = _dir.PathOf("chatty.log");
        using (var run = RunLog.Open(quiet)) { run.Logger.Debug("Window {Window}", 1); run.Logger.Information("Done"); }
        using (var run = RunLog.Open(chatty, LogEventLevel.Debug)) { run.Logger.Debug("Window {Window}", 1); }

        Assert.Equal(["Done"], LogFile.Read(quiet).Select(e => e.GetProperty("MessageTemplate").GetString()));
        Assert.Equal(["Window {Window}"], LogFile.Read(chatty).Select(e => e.GetProperty("MessageTemplate").GetString()));
    }

    [Fact]
    public void An_exception_is_written_with_the_line()
    {
        string path = _dir.PathOf(RunLog.FileName);
        using (var run = RunLog.Open(path))
        {
            run.Logger.Error(new InvalidOperationException("boom"), "Link {Link} failed", "r1-r2");
        }

        var line = LogFile.Single(path, "Link {Link} failed");
        Assert.Equal("Error", line.GetProperty("Level").GetString());
        Assert.Contains("System.InvalidOperationException: boom", line.GetProperty("Exception").GetString());
    }

    [Fact]
    public void After_dispose_the_file_is_complete_and_closed()
    {
        string path = _dir.PathOf(RunLog.FileName);
        var run = RunLog.Open(path);
        for (int i = 0; i < 5000; i++) run.Logger.Information("Line {Index}", i);
        run.Dispose();

        // Closed: nobody else holds it open.
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
        var lines = LogFile.Read(path);
        Assert.Equal(Enumerable.Range(0, 5000), lines.Select(e => e.GetProperty("Properties").GetProperty("Index").GetInt32()));
    }

    [Fact]
    public void Open_creates_the_missing_folder_and_appends_to_an_existing_log()
    {
        string path = Path.Combine(_dir.Path, "runs", "r1", RunLog.FileName);
        using (var run = RunLog.Open(path)) run.Logger.Information("First");
        using (var run = RunLog.Open(path)) run.Logger.Information("Second");

        Assert.Equal(["First", "Second"], LogFile.Read(path).Select(e => e.GetProperty("MessageTemplate").GetString()));
    }
}

[Collection(ProcessWideLoggingCollection.Name)]
public sealed class RunLogGlobalLoggerTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_makes_the_run_log_global_and_dispose_gives_the_previous_one_back()
    {
        var before = Log.Logger;
        string path = _dir.PathOf(RunLog.FileName);
        using (var run = RunLog.Open(path))
        {
            Assert.Same(run.Logger, Log.Logger);
            Log.Information("Through the static {Api}", "Log");
        }

        Assert.Same(before, Log.Logger);
        Assert.Equal("Log", LogFile.Single(path, "Through the static {Api}").GetProperty("Properties").GetProperty("Api").GetString());
    }

    [Fact]
    public void Nested_runs_give_back_the_logger_that_was_global_when_each_opened()
    {
        var before = Log.Logger;
        using (var outer = RunLog.Open(_dir.PathOf("outer.log")))
        {
            using (var inner = RunLog.Open(_dir.PathOf("inner.log")))
            {
                Assert.Same(inner.Logger, Log.Logger);
            }
            Assert.Same(outer.Logger, Log.Logger);
        }
        Assert.Same(before, Log.Logger);
    }
}
