namespace Correlation.Contracts;

/// <summary>A resolved incident that looks like the current one, with what its root cause was found to be.</summary>
public sealed record SimilarIncident(Guid IncidentId, string Title, double Similarity, RootCause? RootCause, DateTimeOffset ResolvedAt);
