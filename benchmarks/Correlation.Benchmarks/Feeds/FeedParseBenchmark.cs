using System.Text;
using BenchmarkDotNet.Attributes;
using Correlation.Ingest.Feeds;
using Correlation.Ingest.Feeds.Pipeline;

namespace Correlation.Benchmarks.Feeds;

/// <summary>
/// Parse and normalise of one feed format, pure (no HTTP, no broker): a request of <see cref="Alarms"/>
/// alarms, reported per alarm. Each format is a class of its own below this one.
/// </summary>
[MemoryDiagnoser]
public abstract class FeedParseBenchmark
{
    private IFeed _feed = null!;
    private FeedRequest _request = null!;

    /// <summary>Alarms in the request (the PagerDuty shape carries one event a request).</summary>
    protected virtual int Alarms => 100;

    protected static IngestFeedsOptions Options { get; } = new();

    protected abstract IFeed CreateFeed();

    /// <summary>The request body for <paramref name="count"/> alarms.</summary>
    protected abstract string Body(int count);

    protected virtual (string Name, string Value)[] Headers => [("Content-Type", "application/json")];

    [GlobalSetup]
    public void Setup()
    {
        _feed = CreateFeed();
        _request = FeedRequest.Of(Encoding.UTF8.GetBytes(Body(Alarms)), DateTimeOffset.UtcNow, Headers);
        var outcome = _feed.Parse(_request);
        if (!outcome.IsValid || outcome.Alarms.Count != Alarms)
        {
            throw new InvalidOperationException($"{GetType().Name}: the benchmark's payload does not parse: {string.Join("; ", outcome.Errors)}");
        }
    }

    [Benchmark(OperationsPerInvoke = 100)]
    public int ParsePerAlarm()
    {
        var count = 0;
        for (var i = 0; i < 100 / Alarms; i++)
        {
            count += _feed.Parse(_request).Alarms.Count;
        }

        return count;
    }

    /// <summary>One Prometheus-family alert object; <paramref name="i"/> varies its labels.</summary>
    protected static string Alert(int i, string? status) => $$"""
        {{{(status is null ? "" : $"\"status\":\"{status}\",")}}
         "labels":{"alertname":"InterfaceDown","instance":"leeds-sw-{{i}}:9116","ifName":"Gi0/{{i}}","job":"snmp","severity":"critical","site":"leeds"},
         "annotations":{"summary":"Gi0/{{i}} on leeds-sw-{{i}} is down","runbook_url":"https://runbooks.example/ifdown"},
         "startsAt":"2026-11-23T10:14:03.123456789Z","endsAt":"0001-01-01T00:00:00Z",
         "generatorURL":"http://prometheus.example:9090/graph?g0.expr=ifOperStatus","fingerprint":"5e1c0b6f2a9d4c{{i % 100:D2}}"}
        """;
}
