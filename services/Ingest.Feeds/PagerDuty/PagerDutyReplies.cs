using System.Text.Json.Serialization;
using Correlation.Ingest.Feeds.Pipeline;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest.Feeds.PagerDuty;

/// <summary>
/// Answers in the shape of PagerDuty's Events API v2, so that its clients read them as they read PagerDuty's:
/// 202 {"status":"success","message":"Event processed","dedup_key":...}; 400 {"status":"invalid event",
/// "message":"Event object is invalid","errors":[...]} (also for a routing_key this feed does not accept, as
/// PagerDuty has no 401); 503 with Retry-After when the broker did not confirm.
/// </summary>
public sealed class PagerDutyReplies : FeedReplies
{
    public static readonly PagerDutyReplies Instance = new();

    public override IResult Accepted(FeedOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Answer(StatusCodes.Status202Accepted, "success", "Event processed", outcome.Reference, null);
    }

    public override IResult Invalid(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Answer(StatusCodes.Status400BadRequest, "invalid event", "Event object is invalid", null,
            [.. errors.Select(e => $"{(e.Field.StartsWith("$.", StringComparison.Ordinal) ? e.Field[2..] : e.Field)} {e.Message}")]);
    }

    public override IResult Unauthorized(string reason) =>
        Answer(StatusCodes.Status400BadRequest, "invalid event", "Event object is invalid", null, ["Invalid routing key"]);

    public override IResult TooLarge(int maxBytes) =>
        Answer(StatusCodes.Status413PayloadTooLarge, "invalid event", $"Event object is larger than {maxBytes} bytes", null, null);

    public override IResult UnsupportedMediaType(string? contentType) =>
        Answer(StatusCodes.Status415UnsupportedMediaType, "invalid event", "Events must be sent as application/json", null, null);

    public override IResult Unavailable() =>
        Answer(StatusCodes.Status503ServiceUnavailable, "unavailable", "The event could not be stored; retry later", null, null);

    private static IResult Answer(int status, string text, string message, string? dedupKey, IReadOnlyList<string>? errors) =>
        Results.Json(new PagerDutyAnswer(text, message, dedupKey, errors), statusCode: status);

    public sealed record PagerDutyAnswer(
        string Status,
        string Message,
        [property: JsonPropertyName("dedup_key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DedupKey,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Errors);
}
