using Correlation.Ingest.Generic;
using Microsoft.AspNetCore.WebUtilities;

namespace Correlation.Ingest.Chat.Pipeline;

/// <summary>
/// Refusals as RFC 9457 problem details (application/problem+json), in the shape the other ingest services
/// use: an <c>error</c> code and an <c>errors</c> list naming each field and what is wrong with it.
/// </summary>
internal static class ChatProblems
{
    public const string ProblemJson = "application/problem+json";

    public static IResult NotConfigured(string detail) => Problem(StatusCodes.Status404NotFound, "not_configured", detail, []);

    public static IResult UnsupportedMediaType(string mediaType, string accepted) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
            $"The body's content type '{mediaType}' is not accepted here; send {accepted}.", [new FieldError("Content-Type", "must be " + accepted)]);

    public static IResult TooLarge(int maxBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "too_large", $"The request body is larger than the {maxBytes} bytes accepted here.", []);

    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "unauthorized", detail, []);

    public static IResult Invalid(IReadOnlyList<FieldError> errors) =>
        Problem(StatusCodes.Status400BadRequest, "invalid_payload", $"The request was not accepted: {errors[0].Field} {errors[0].Message}", errors);

    /// <summary>The broker did not confirm in time; the pipeline adds Retry-After.</summary>
    public static IResult Unavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "broker_unavailable",
            "The message broker did not confirm the report in time; nothing was accepted. Retry later.", []);

    private static IResult Problem(int status, string error, string detail, IReadOnlyList<FieldError> errors) =>
        Results.Json(new ProblemBody("about:blank", ReasonPhrases.GetReasonPhrase(status), status, detail, error, errors),
            contentType: ProblemJson, statusCode: status);

    internal sealed record ProblemBody(string Type, string Title, int Status, string Detail, string Error, IReadOnlyList<FieldError> Errors);
}
