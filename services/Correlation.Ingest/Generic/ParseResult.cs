using Correlation.Contracts;

namespace Correlation.Ingest.Generic;

/// <summary>The alarms a request holds, or every problem found in it; never both.</summary>
public sealed record ParseResult(IReadOnlyList<Alarm> Alarms, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public static ParseResult Ok(IReadOnlyList<Alarm> alarms) => new(alarms, []);

    public static ParseResult Failed(params FieldError[] errors) => new([], errors);
}
