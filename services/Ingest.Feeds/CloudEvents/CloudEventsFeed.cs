using Correlation.Ingest.Feeds.Pipeline;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest.Feeds.CloudEvents;

/// <summary>CloudEvents 1.0 at POST /api/v1/feeds/cloudevents, structured, batch or binary mode.</summary>
public sealed class CloudEventsFeed(IngestFeedsOptions options, TimeProvider time) : IFeed
{
    private readonly CloudEventsParser _parser = new(new GenericAlarmParser(time, options.CloudEvents.Severity), options.MaxBatchAlarms);

    public string Source => CloudEventsParser.SourceName;

    public string Route => "/api/v1/feeds/cloudevents";

    public FeedSourceOptions Options => options.CloudEvents;

    public FeedOutcome Parse(FeedRequest request) => _parser.Parse(request);
}
