using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Correlation.Ingest.Nms.Syslog;

namespace Correlation.Benchmarks;

/// <summary>Parsing an RFC 5424 and an RFC 3164 line, and parsing one into an alarm by the built-in rules.</summary>
[MemoryDiagnoser]
public class SyslogParseBenchmark
{
    private readonly byte[] _rfc5424 = Encoding.UTF8.GetBytes(
        "<187>1 2026-11-23T09:15:03.123456Z leeds-sw-1 cisco 112 LINK [meta@32473 seq=\"41\"] %LINK-3-UPDOWN: Interface Gi0/1, changed state to down");
    private readonly byte[] _rfc3164 = Encoding.UTF8.GetBytes(
        "<187>Nov 23 09:15:03 leeds-sw-1 cisco[112]: %LINK-3-UPDOWN: Interface Gi0/1, changed state to down");
    private readonly SyslogAlarmMapper _mapper = new(SyslogAlarmMapper.CompileRules([], true, out _)!, SyslogSeverity.Error, TimeProvider.System);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    [Benchmark]
    public int ParseRfc5424() => SyslogParser.Parse(_rfc5424, _now).Value!.Message.Length;

    [Benchmark]
    public int ParseRfc3164() => SyslogParser.Parse(_rfc3164, _now).Value!.Message.Length;

    [Benchmark]
    public string ParseAndMapRfc3164() => _mapper.Map(SyslogParser.Parse(_rfc3164, _now).Value!, IPAddress.Loopback, _rfc3164)!.Fingerprint;
}
