using BenchmarkDotNet.Running;
using Correlation.Benchmarks.Ingest;
using Correlation.Benchmarks.Load;
using Correlation.Benchmarks.Nms;

// `correlator-load` is the end-to-end load benchmark against a real Redis; `nms-load` the trap receiver's; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == CorrelatorLoad.Command)
{
    return await CorrelatorLoad.RunAsync(args[1..]);
}

// `nms-load` is the end-to-end trap receiver figure against the real RabbitMQ.
if (args.Length > 0 && args[0] == NmsLoad.Command)
{
    return await NmsLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == IngestLoad.Command)
{
    return await IngestLoad.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Correlation.Benchmarks.GenericAlarmParseBenchmark).Assembly).Run(args);
return 0;
