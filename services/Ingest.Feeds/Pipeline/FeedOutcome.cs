using Correlation.Contracts;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest.Feeds.Pipeline;

/// <summary>
/// What a parser made of a request: the alarms to publish, or every problem found (never both).
/// <paramref name="Credential"/> is a key the sender put in the body (PagerDuty's routing_key);
/// <paramref name="Reference"/> is what the answer hands back (PagerDuty's dedup_key).
/// A valid outcome may hold no alarm (a PagerDuty acknowledge).
/// </summary>
public sealed record FeedOutcome(IReadOnlyList<Alarm> Alarms, IReadOnlyList<FieldError> Errors, string? Credential = null, string? Reference = null)
{
    public bool IsValid => Errors.Count == 0;

    public static FeedOutcome Ok(IReadOnlyList<Alarm> alarms) => new(alarms, []);

    public static FeedOutcome Failed(params FieldError[] errors) => new([], errors);

    public static FeedOutcome From(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new FeedOutcome(result.Alarms, result.Errors);
    }
}
