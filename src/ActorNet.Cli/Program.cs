using ActorNet.Cli.Commands;

// actornet: run and validate network scenarios. Exit codes: 0 ok, 1 the run failed,
// 2 bad input (nothing was run or written), 130 interrupted (Ctrl-C).
return CliApp.Run(args, Console.Out, Console.Error);
