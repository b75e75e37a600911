using ActorNet.Cli.Commands;

// actornet: run and validate network scenarios. Exit codes: 0 ok, 1 the run failed, 2 bad input
// (nothing was run), 130 interrupted by Ctrl-C (SIGINT), 143 stopped by SIGTERM. While `run` holds
// its run folder it handles SIGINT and SIGTERM itself (StopSignals), so the folder is finished;
// at any other moment they end the process as usual.
return CliApp.Run(args, Console.Out, Console.Error);
