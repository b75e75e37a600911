using System.Globalization;
using ActorNet.Engine;

namespace ActorNet.Cli.Output;

/// <summary>
/// A progress line on stderr for long runs: virtual time reached, events/s, ETA. On a terminal it
/// rewrites one line; redirected, it prints a line at most every 5 s. Short runs print nothing.
/// </summary>
internal sealed class ProgressPrinter(TextWriter stderr) : IProgress<RunProgress>
{
    private readonly bool _interactive = !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error);
    private double _lastPrinted = -10;
    private bool _printedAny;

    public void Report(RunProgress p)
    {
        if (p.WallSeconds < 1) return;
        if (!_interactive && p.WallSeconds - _lastPrinted < 5) return;
        _lastPrinted = p.WallSeconds;
        double rate = p.EventsPerSecond;
        double eta = p.Fraction > 0 ? p.WallSeconds * (1 - p.Fraction) / p.Fraction : 0;
        string line = string.Create(CultureInfo.InvariantCulture,
            $"  virtual time {p.Reached} of {p.StopAt} ({p.Fraction:P0}), {p.Events:N0} events, {rate / 1e6:0.00} M events/s, ETA {eta:0}s");
        if (_interactive) stderr.Write("\r" + line.PadRight(100));
        else stderr.WriteLine(line);
        _printedAny = true;
    }

    public void Finish()
    {
        if (_interactive && _printedAny) stderr.WriteLine();
    }
}
