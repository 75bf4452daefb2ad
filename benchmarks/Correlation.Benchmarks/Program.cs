using BenchmarkDotNet.Running;
using Correlation.Benchmarks.Load;

// `correlator-load` is the end-to-end load benchmark against a real Redis; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == CorrelatorLoad.Command)
{
    return await CorrelatorLoad.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Correlation.Benchmarks.GenericAlarmParseBenchmark).Assembly).Run(args);
return 0;
