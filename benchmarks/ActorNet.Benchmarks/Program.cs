using ActorNet.Benchmarks;
using BenchmarkDotNet.Running;

// Whole-run engine comparison (reference vs actors), see EngineBench:
//   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- engines [-n 3] [--threads 1,2] [cases...]
// Bytes per entity actor on a 10,000-router random topology, see ActorMemory:
//   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- actor-memory [routers]
// What journaling costs, see JournalBench:
//   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- journal [-n 3] [--engine reference|actors] [cases...]
// Every [Benchmark] class in this assembly is found here otherwise:
//   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- --filter '*Lpm*'
if (args.Length > 0 && args[0] == "engines") return EngineBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "journal") return JournalBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "actor-memory") return ActorMemory.Run(args[1..]);
if (args.Length > 0 && args[0] == "large") return LargeTopologyBench.Run(args[1..]);   // LargeTopologyBench: phases of a large topology
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

public partial class Program;
