using BenchmarkDotNet.Running;

// Every [Benchmark] class in this assembly is found here:
//   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- --filter '*Lpm*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program;
