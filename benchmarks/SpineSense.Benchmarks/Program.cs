using BenchmarkDotNet.Running;

// Run all or pick with a filter, e.g.:
//   dotnet run -c Release --project benchmarks/SpineSense.Benchmarks -- --filter '*PacketDecode*'
// Each benchmark class lives in the folder of the project it measures.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
