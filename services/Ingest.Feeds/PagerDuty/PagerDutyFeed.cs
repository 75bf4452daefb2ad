using Correlation.Ingest.Feeds.Pipeline;

namespace Correlation.Ingest.Feeds.PagerDuty;

/// <summary>
/// The PagerDuty Events API v2 shape at POST /v2/enqueue, so that anything that can page PagerDuty can send
/// here by changing the host. The routing_key is the API key when keys are configured.
/// </summary>
public sealed class PagerDutyFeed(IngestFeedsOptions options) : IFeed
{
    private readonly PagerDutyParser _parser = new(options.PagerDuty);

    public string Source => PagerDutyParser.SourceName;

    public string Route => "/v2/enqueue";

    public FeedSourceOptions Options => options.PagerDuty;

    public bool CredentialInBody => true;

    public FeedReplies Replies => PagerDutyReplies.Instance;

    public FeedOutcome Parse(FeedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _parser.Parse(request.Body.Span, request.Now);
    }
}
