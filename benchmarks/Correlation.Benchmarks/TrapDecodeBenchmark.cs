using System.Net;
using BenchmarkDotNet.Attributes;
using Correlation.Benchmarks.Nms;
using Correlation.Ingest.Nms.Snmp;
using Correlation.Ingest.Nms.Traps;

namespace Correlation.Benchmarks;

/// <summary>Decoding a v2c linkDown trap, and decoding it into an alarm by the built-in rules.</summary>
[MemoryDiagnoser]
public class TrapDecodeBenchmark
{
    private readonly byte[] _trap = SampleTraps.LinkDown(7);
    private readonly TrapAlarmMapper _mapper = new(TrapRuleSet.Compile([], true, out _)!, new OidNames(new Dictionary<string, string>()), TimeProvider.System);

    [Benchmark]
    public int Decode() => SnmpTrapDecoder.Decode(_trap).Value!.Varbinds.Count;

    [Benchmark]
    public string DecodeAndMap() => _mapper.Map(SnmpTrapDecoder.Decode(_trap).Value!, IPAddress.Loopback, _trap)!.Fingerprint;
}
