using Correlation.Ingest.Feeds.Grafana;
using Correlation.Ingest.Feeds.Pipeline;

namespace Correlation.Benchmarks.Feeds;

/// <summary>A Grafana webhook notification of 100 alerts (no HMAC: the signature is checked before parsing).</summary>
public class GrafanaParseBenchmark : FeedParseBenchmark
{
    protected override IFeed CreateFeed() => new GrafanaFeed(Options);

    protected override string Body(int count) => $$"""
        {"receiver":"correlation","status":"firing","orgId":1,"version":"1","groupKey":"{}:{}","title":"[FIRING] Infra","state":"alerting",
         "externalURL":"https://grafana.example/","alerts":[{{string.Join(',', Enumerable.Range(0, count).Select(i => Alert(i, "firing")))}}]}
        """;
}
