using System.Globalization;
using Correlation.Ingest.Admission;
using Correlation.Ingest.Publishing;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Feeds.Pipeline;

/// <summary>
/// The one path every feed's requests take: content type, size limit, signature and keys, the feed's
/// parser, then publishing with the broker's confirm. The sender hears 2xx only once the broker confirmed
/// every alarm of the request, else 503 with Retry-After and nothing accepted.
/// </summary>
public sealed partial class FeedPipeline(IngestTelemetry telemetry, IOptions<IngestFeedsOptions> options, TimeProvider time, ILogger<FeedPipeline> logger)
{
    public async Task<IResult> HandleAsync(HttpContext http, IFeed feed, AlarmPublisher publisher)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(publisher);
        var replies = feed.Replies;
        var contentType = http.Request.ContentType;
        if (!feed.Accepts(contentType))
        {
            return Refuse(http, feed, "unsupported_media_type", replies.UnsupportedMediaType(contentType));
        }

        var maxBytes = feed.MaxBytes(options.Value);
        FeedOutcome outcome;
        bool keyInHeaders;
        using (var body = await ReadAsync(http, maxBytes))
        {
            if (body is null)
            {
                return Refuse(http, feed, "too_large", replies.TooLarge(maxBytes));
            }

            var request = new FeedRequest(body.WrittenMemory, http.Request.Headers, time.GetUtcNow());
            if (feed.Verify(request) is { } failure)
            {
                return Refuse(http, feed, "bad_signature", replies.Unauthorized(failure));
            }

            var keys = feed.Options.ApiKeys;
            if (keys.Count == 0)
            {
                if (!AnonymousAllowed(http))
                {
                    return Refuse(http, feed, "unauthorized", replies.Unauthorized(
                        $"The {feed.Source} feed has no API keys configured (Ingest:<Feed>:ApiKeys) and takes requests without a key only from "
                        + (options.Value.Anonymous == AnonymousSenders.Nobody ? "nobody (Ingest:Anonymous is Nobody)." : "this machine.")));
                }

                keyInHeaders = true;
            }
            else
            {
                keyInHeaders = ApiKeys.Matches(ApiKeys.FromHeaders(request), keys);
                if (!keyInHeaders && !feed.CredentialInBody)
                {
                    return Refuse(http, feed, "unauthorized", replies.Unauthorized("A valid API key is required (Authorization: Bearer <key> or X-Api-Key)."));
                }
            }

            outcome = feed.Parse(request);
        }

        if (!outcome.IsValid)
        {
            return Refuse(http, feed, "invalid", replies.Invalid(outcome.Errors));
        }

        if (!keyInHeaders && !ApiKeys.Matches(outcome.Credential, feed.Options.ApiKeys))
        {
            return Refuse(http, feed, "unauthorized", replies.Unauthorized("The key in the request is not one this feed accepts."));
        }

        telemetry.Received(feed.Source, outcome.Alarms.Count);
        if (outcome.Alarms.Count > 0 && !await publisher.PublishAsync(outcome.Alarms, feed.Source, http.RequestAborted))
        {
            telemetry.Rejected(feed.Source, "broker_unavailable");
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Value.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return replies.Unavailable();
        }

        return replies.Accepted(outcome);
    }

    private bool AnonymousAllowed(HttpContext http) => options.Value.Anonymous switch
    {
        AnonymousSenders.Anyone => true,
        AnonymousSenders.Loopback => SenderNetworks.IsLoopback(http.Connection.RemoteIpAddress),
        _ => false,
    };

    private static async Task<PooledBuffer?> ReadAsync(HttpContext http, int maxBytes)
    {
        try
        {
            return await RequestBody.ReadAsync(http.Request, maxBytes, http.RequestAborted);
        }
        catch (BadHttpRequestException)
        {
            // A malformed or truncated body: nothing usable arrived, and nothing is accepted.
            return new PooledBuffer(0);
        }
    }

    private IResult Refuse(HttpContext http, IFeed feed, string reason, IResult answer)
    {
        telemetry.Rejected(feed.Source, reason);
        LogRefused(logger, feed.Source, reason, http.Connection.RemoteIpAddress);
        return answer;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a request to {Source} from {Remote}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string source, string reason, System.Net.IPAddress? remote);
}
