using System.Globalization;
using System.Net;
using Correlation.Ingest.Generic;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Correlation.Ingest.Admission;

/// <summary>
/// Backpressure for one group of HTTP ingest endpoints (the feeds, the chat webhooks), before a body is read:
/// a sender over its rate is answered 429 and, when more requests are in flight than the group may hold (the
/// broker is slow to confirm, or senders are slow to send), the next is answered 503, both with Retry-After and
/// in problem details. Memory therefore stays within the in-flight limit times the largest body accepted, however
/// hard senders push. Refusals are counted as rejected with reason "rate_limited" or "overloaded".
/// </summary>
public sealed class IngestAdmission
{
    public const string RateLimited = "rate_limited";
    public const string Overloaded = "overloaded";

    private readonly string _group;
    private readonly int _maxInFlight;
    private readonly TimeSpan _retryAfter;
    private readonly IngestTelemetry _telemetry;
    private int _inFlight;

    /// <param name="group">Names the group in the 503's detail, e.g. "feeds".</param>
    /// <param name="maxInFlight">Requests handled at once; the next is refused with 503.</param>
    /// <param name="retryAfter">What a 503 tells the sender to wait.</param>
    public IngestAdmission(string group, int maxInFlight, TimeSpan retryAfter, IngestTelemetry telemetry)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxInFlight);
        _group = group;
        _maxInFlight = maxInFlight;
        _retryAfter = retryAfter;
        _telemetry = telemetry;
    }

    /// <summary>Requests being handled now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>A filter for one endpoint of the group; <paramref name="perSender"/> (null: no rate limit) limits each sender address.</summary>
    public IEndpointFilter For(string source, SenderRateLimiter<IPAddress>? perSender) => new Filter(this, source, perSender);

    /// <summary>Builds a per-sender limiter from settings; null when the rate is 0 (no limit).</summary>
    public static SenderRateLimiter<IPAddress>? PerSender(double perSecond, int burst, int maxSenders, TimeProvider time) =>
        perSecond <= 0 ? null : new SenderRateLimiter<IPAddress>(perSecond, burst > 0 ? burst : Math.Max(1, (int)Math.Ceiling(perSecond * 2)), maxSenders, time);

    private sealed class Filter(IngestAdmission admission, string source, SenderRateLimiter<IPAddress>? perSender) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            if (perSender is not null && !perSender.TryTake(http.Connection.RemoteIpAddress ?? IPAddress.None, out var wait))
            {
                admission._telemetry.Rejected(source, RateLimited);
                return Refuse(http, StatusCodes.Status429TooManyRequests, RateLimited, wait,
                    "This sender is over its request rate here; nothing was accepted. Retry after the time in Retry-After.");
            }

            if (Interlocked.Increment(ref admission._inFlight) > admission._maxInFlight)
            {
                Interlocked.Decrement(ref admission._inFlight);
                admission._telemetry.Rejected(source, Overloaded);
                return Refuse(http, StatusCodes.Status503ServiceUnavailable, Overloaded, admission._retryAfter,
                    $"The {admission._group} endpoints are handling as many requests as they may hold; nothing was accepted. Retry later.");
            }

            try
            {
                return await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref admission._inFlight);
            }
        }
    }

    private static IResult Refuse(HttpContext http, int status, string error, TimeSpan retryAfter, string detail)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Results.Json(new AdmissionProblem("about:blank", ReasonPhrases.GetReasonPhrase(status), status, detail, error, []),
            contentType: "application/problem+json", statusCode: status);
    }

    /// <summary>The problem-details shape every ingest endpoint answers in.</summary>
    public sealed record AdmissionProblem(string Type, string Title, int Status, string Detail, string Error, IReadOnlyList<FieldError> Errors);
}
