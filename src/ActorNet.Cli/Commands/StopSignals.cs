using System.Runtime.InteropServices;

namespace ActorNet.Cli.Commands;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM (kill, timeout, service managers) while a run holds its folder.
/// The first one asks the engine to stop at its next window boundary, so the folder is finished
/// for the virtual time reached and marked "interrupted"; a second one is left to the runtime's
/// default action, which ends the process at once (status.json then stays "running").
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration[] _registrations;
    private int _exitCode;   // of the first signal; 0 until one comes

    /// <param name="cancel">Also stops the run (tests cancel it instead of sending a signal).</param>
    public StopSignals(CancellationToken cancel)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        _registrations = [On(PosixSignal.SIGINT, CliApp.Interrupted), On(PosixSignal.SIGTERM, CliApp.Terminated)];
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>The exit code of an interrupted run: as a shell reports the signal (128 + its number), 130 if none came.</summary>
    public int ExitCode => _exitCode != 0 ? _exitCode : CliApp.Interrupted;

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _stop.Dispose();
    }

    private PosixSignalRegistration On(PosixSignal signal, int exitCode) => PosixSignalRegistration.Create(signal, context =>
    {
        if (Interlocked.CompareExchange(ref _exitCode, exitCode, 0) != 0) return;
        context.Cancel = true;
        _stop.Cancel();
    });
}
