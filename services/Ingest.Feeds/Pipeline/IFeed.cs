namespace Correlation.Ingest.Feeds.Pipeline;

/// <summary>
/// One HTTP feed format: where it is mapped, how its requests parse, and how its answers look. Everything
/// else (size limit, content type, keys, publishing with confirms, 503, telemetry) is <see cref="FeedPipeline"/>'s.
/// </summary>
public interface IFeed
{
    /// <summary>The source's name in metrics and the README, e.g. "alertmanager".</summary>
    string Source { get; }

    string Route { get; }

    /// <summary>The feed's keys and severity table.</summary>
    FeedSourceOptions Options { get; }

    /// <summary>True when the sender may put its key in the body (<see cref="FeedOutcome.Credential"/>).</summary>
    bool CredentialInBody => false;

    FeedReplies Replies => FeedReplies.Problems;

    /// <summary>Largest body accepted: a batch's, unless the feed takes one alarm a request.</summary>
    int MaxBytes(IngestFeedsOptions limits) => limits?.MaxBatchBytes ?? throw new ArgumentNullException(nameof(limits));

    bool Accepts(string? contentType) => ContentTypes.IsJson(contentType);

    /// <summary>Checks a signature over the body, for feeds whose sender signs; null when the request may go on.</summary>
    string? Verify(FeedRequest request) => null;

    /// <summary>Pure: no I/O. Reports every problem with its JSON path.</summary>
    FeedOutcome Parse(FeedRequest request);
}
