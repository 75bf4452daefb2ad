using Correlation.Ingest.Feeds.Pipeline;
using Correlation.Ingest.Feeds.Prometheus;

namespace Correlation.Benchmarks.Feeds;

/// <summary>Prometheus' POST /api/v2/alerts with 100 alerts.</summary>
public class PrometheusParseBenchmark : FeedParseBenchmark
{
    protected override IFeed CreateFeed() => new PrometheusFeed(Options);

    protected override string Body(int count) => "[" + string.Join(',', Enumerable.Range(0, count).Select(i => Alert(i, null))) + "]";
}
