using Correlation.Ingest.Feeds.Pipeline;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest.Feeds.Generic;

/// <summary>
/// The generic JSON alarm: POST /api/v1/alarms takes one, POST /api/v1/alarms/batch an array of them (or
/// {"alarms": [...]}), all accepted or none.
/// </summary>
public sealed class GenericFeed(GenericAlarmParser parser, IngestFeedsOptions options, bool batch) : IFeed
{
    public string Source => GenericAlarmParser.SourceName;

    public string Route => batch ? "/api/v1/alarms/batch" : "/api/v1/alarms";

    public FeedSourceOptions Options => options.Generic;

    public int MaxBytes(IngestFeedsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return batch ? limits.MaxBatchBytes : limits.MaxAlarmBytes;
    }

    public FeedOutcome Parse(FeedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FeedOutcome.From(batch ? parser.ParseBatch(request.Body.Span, options.MaxBatchAlarms) : parser.ParseOne(request.Body.Span));
    }
}
