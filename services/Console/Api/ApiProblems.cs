using System.Text.Json;
using Correlation.Console.Projection;

namespace Correlation.Console.Api;

/// <summary>Problem details (RFC 9457) for the API's refusals; a bad input names its field.</summary>
internal static class ApiProblems
{
    public static IResult Field(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            detail: $"{field}: {message}", title: "The request is not valid.");

    public static IResult NotFound(string message) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: message);

    public static IResult Conflict(string message) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refused in the incident's current state", detail: message);

    /// <summary>
    /// The request's JSON body as <typeparamref name="T"/>, or a 400 naming the field that could not be read.
    /// Bodies are read here rather than bound by the framework so that a malformed field is named in the answer.
    /// </summary>
    public static async Task<(T? Body, IResult? Problem)> ReadBodyAsync<T>(HttpRequest request, bool required = true) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var canHaveBody = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (request.ContentLength == 0 || !canHaveBody)
        {
            return required ? (null, Field("body", "a JSON object is required.")) : (null, null);
        }

        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "The body must be application/json."));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, IncidentViewStore.Json, request.HttpContext.RequestAborted);
            return body is null && required ? (null, Field("body", "a JSON object is required.")) : (body, null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path[2..] : "body";
            return (null, Field(field, "is not valid JSON of the expected type" + (ex.LineNumber is { } line ? $" (line {line + 1})." : ".")));
        }
    }

    /// <summary>A required text: present, not blank, at most <paramref name="max"/> characters; the problem names the field.</summary>
    public static IResult? RequireText(string field, string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? Field(field, "is required.")
        : value.Length > max ? Field(field, $"must be at most {max} characters.")
        : null;

    public static IResult? OptionalText(string field, string? value, int max) =>
        value is not null && value.Length > max ? Field(field, $"must be at most {max} characters.") : null;
}
