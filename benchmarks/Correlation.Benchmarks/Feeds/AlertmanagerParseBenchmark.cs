using Correlation.Ingest.Feeds.Alertmanager;
using Correlation.Ingest.Feeds.Pipeline;

namespace Correlation.Benchmarks.Feeds;

/// <summary>An Alertmanager webhook notification of 100 firing alerts.</summary>
public class AlertmanagerParseBenchmark : FeedParseBenchmark
{
    protected override IFeed CreateFeed() => new AlertmanagerFeed(Options);

    protected override string Body(int count) => $$"""
        {"version":"4","groupKey":"{}:{alertname=\"InterfaceDown\"}","status":"firing","receiver":"correlation",
         "externalURL":"http://alertmanager.example:9093","alerts":[{{string.Join(',', Enumerable.Range(0, count).Select(i => Alert(i, "firing")))}}]}
        """;
}
