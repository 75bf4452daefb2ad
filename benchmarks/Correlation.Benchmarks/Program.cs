using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Correlation.Benchmarks.GenericAlarmParseBenchmark).Assembly).Run(args);
