namespace Correlation.Ingest.Generic;

/// <summary>One problem with the request, and where in it (a JSON path such as "$.alerts[2].labels").</summary>
public sealed record FieldError(string Field, string Message);
