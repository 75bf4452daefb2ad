using Correlation.Ingest.Generic;
using Microsoft.AspNetCore.WebUtilities;

namespace Correlation.Ingest.Feeds.Pipeline;

/// <summary>
/// How a feed answers. The default is RFC 9457 problem details (application/problem+json) with an
/// <c>error</c> code and an <c>errors</c> list naming each field's JSON path and what is wrong with it; a feed
/// that imitates another API (PagerDuty) answers in that API's shape instead.
/// </summary>
public class FeedReplies
{
    public static readonly FeedReplies Problems = new();

    public const string ProblemJson = "application/problem+json";

    public virtual IResult Accepted(FeedOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Results.Json(
            new AcceptedAlarms(outcome.Alarms.Count, [.. outcome.Alarms.Select(a => new AcceptedAlarm(a.Id, a.IdempotencyKey, a.Fingerprint))]),
            statusCode: StatusCodes.Status202Accepted);
    }

    public virtual IResult Invalid(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Problem(StatusCodes.Status400BadRequest, "invalid_alarm",
            $"The request was not accepted: {errors[0].Field} {errors[0].Message}", errors);
    }

    public virtual IResult Unauthorized(string reason) =>
        Problem(StatusCodes.Status401Unauthorized, "unauthorized", reason, []);

    public virtual IResult TooLarge(int maxBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "too_large", $"The request body is larger than the {maxBytes} bytes accepted here.", []);

    public virtual IResult UnsupportedMediaType(string? contentType) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
            $"The body's content type '{contentType}' is not accepted here; send application/json.", [new FieldError("Content-Type", "must be JSON")]);

    /// <summary>The broker did not confirm; the pipeline adds Retry-After.</summary>
    public virtual IResult Unavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "broker_unavailable",
            "The message broker did not confirm the alarms; nothing was accepted. Retry later.", []);

    protected static IResult Problem(int status, string error, string detail, IReadOnlyList<FieldError> errors) =>
        Results.Json(new ProblemBody("about:blank", ReasonPhrases.GetReasonPhrase(status), status, detail, error, errors),
            contentType: ProblemJson, statusCode: status);

    public sealed record ProblemBody(string Type, string Title, int Status, string Detail, string Error, IReadOnlyList<FieldError> Errors);

    public sealed record AcceptedAlarms(int Accepted, IReadOnlyList<AcceptedAlarm> Alarms);

    public sealed record AcceptedAlarm(Guid Id, string IdempotencyKey, string Fingerprint);
}
