using System.Text;
using BenchmarkDotNet.Attributes;
using Correlation.Ingest.Generic;

namespace Correlation.Benchmarks;

/// <summary>Parse and normalise of the generic JSON alarm: one alarm, and a batch of 100.</summary>
[MemoryDiagnoser]
public class GenericAlarmParseBenchmark
{
    private readonly GenericAlarmParser _parser = new(TimeProvider.System);
    private byte[] _one = [];
    private byte[] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        const string alarm = """
            {"resource":"leeds-sw-1","site":"leeds","service":"file-shares","alarmType":"link_down","severity":"major",
             "summary":"Interface Gi0/1 changed state to down","source":"nagios","observedAt":"2026-11-23T10:00:00Z",
             "labels":{"instance":"Gi0/1","vendor":"cisco"},"details":{"ifIndex":3}}
            """;
        _one = Encoding.UTF8.GetBytes(alarm);
        _batch = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat(alarm, 100)) + "]");
    }

    [Benchmark]
    public int One() => _parser.ParseOne(_one).Alarms.Count;

    [Benchmark(OperationsPerInvoke = 100)]
    public int BatchOf100() => _parser.ParseBatch(_batch, 1000).Alarms.Count;
}
