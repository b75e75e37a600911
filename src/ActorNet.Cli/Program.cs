using ActorNet.Cli.Commands;

// actornet: run and validate network scenarios. Exit codes: 0 ok, 1 the run failed,
// 2 bad input (nothing was run or written), 130 interrupted (Ctrl-C).
// The first Ctrl-C asks the engine to stop, so the run folder is finished and marked
// "interrupted"; a second one ends the process at once.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (interrupt.IsCancellationRequested) return;
    e.Cancel = true;
    interrupt.Cancel();
};
return CliApp.Run(args, Console.Out, Console.Error, interrupt.Token);
