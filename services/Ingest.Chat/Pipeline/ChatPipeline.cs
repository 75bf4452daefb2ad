using System.Globalization;
using Correlation.Ingest.Chat.Reports;
using Correlation.Ingest.Publishing;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Chat.Pipeline;

/// <summary>
/// The one path every chat endpoint's requests take: is the platform configured, content type, size, the
/// signature over the exact bytes, the platform's reader, then the report's alarm published with the broker's
/// confirm. A refused request publishes nothing; a report is answered as accepted only once the broker holds
/// its alarm, else 503 with Retry-After.
/// </summary>
internal sealed class ChatPipeline(
    ChatAlarms alarms, ReportPublisher reports, IngestTelemetry telemetry, IOptions<ChatOptions> options, TimeProvider time, ILogger<ChatPipeline> logger)
{
    public async Task<IResult> HandleAsync(HttpContext http, IChatPlatform platform, AlarmPublisher publisher)
    {
        if (platform.NotConfigured is { } missing)
        {
            return Refuse(http, platform, "not_configured", ChatProblems.NotConfigured(missing));
        }

        var mediaType = ChatRequest.MediaTypeOf(http.Request.ContentType);
        if (!platform.Accepts(mediaType))
        {
            return Refuse(http, platform, "unsupported_media_type", ChatProblems.UnsupportedMediaType(mediaType, platform.MediaTypes));
        }

        var maxBytes = options.Value.MaxBodyBytes;
        if (await RequestBody.ReadAsync(http.Request, maxBytes, http.RequestAborted) is not { } body)
        {
            return Refuse(http, platform, "too_large", ChatProblems.TooLarge(maxBytes));
        }

        var request = new ChatRequest(body, http.Request.Headers, time.GetUtcNow());
        if (platform.Verify(request) is { } failure)
        {
            return Refuse(http, platform, "bad_signature", ChatProblems.Unauthorized(failure));
        }

        switch (platform.Read(request))
        {
            case ChatInbound.Invalid invalid:
                return Refuse(http, platform, "invalid", ChatProblems.Invalid(invalid.Errors));
            case ChatInbound.Unauthorized unauthorized:
                return Refuse(http, platform, "unauthorized", ChatProblems.Unauthorized(unauthorized.Reason));
            case ChatInbound.Reply reply:
                return reply.Result;
            case ChatInbound.Report report:
                return await PublishAsync(http, platform, report.Message, publisher);
            default:
                throw new InvalidOperationException("A chat platform's reader returned an unknown outcome.");
        }
    }

    private async Task<IResult> PublishAsync(HttpContext http, IChatPlatform platform, ChatReport report, AlarmPublisher publisher)
    {
        telemetry.Received(platform.Source, 1);
        var outcome = await reports.PublishAsync(alarms.Build(report), publisher);
        if (outcome.Status == ReportStatus.Unavailable)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Value.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Refuse(http, platform, "broker_unavailable", ChatProblems.Unavailable());
        }

        return platform.Answer(outcome, ReportReplies.Reported(outcome, ConsoleOf(http.Request)));
    }

    /// <summary>The configured console, else the host the request came to; null when its Host header makes no URL.</summary>
    private Uri? ConsoleOf(HttpRequest request) =>
        options.Value.ConsoleUrl is { } configured
            ? configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/")
            : Uri.TryCreate($"{request.Scheme}://{request.Host}{request.PathBase}/", UriKind.Absolute, out var own) ? own : null;

    private IResult Refuse(HttpContext http, IChatPlatform platform, string reason, IResult answer)
    {
        telemetry.Rejected(platform.Source, reason);
        ChatLog.Refused(logger, platform.Source, reason, http.Connection.RemoteIpAddress);
        return answer;
    }
}
