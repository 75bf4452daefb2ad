using Correlation.Contracts;

namespace Correlation.Triage.Similar;

/// <summary>
/// How alike two incidents are, from 0 to 1: a weighted mean of the overlap (Jaccard) of their words, alarm
/// types, failed element kinds and places. A part neither incident has anything for is left out of the mean
/// rather than counted as a match or a miss, so incidents outside the CMDB compare on text and types alone.
/// Alarm types and words weigh most: the same symptoms in the same words are the strongest hint of the same
/// cause; the same kind of element (a microwave radio) and the same place back it up.
/// </summary>
public static class Similarity
{
    private const double WordWeight = 0.3;
    private const double TypeWeight = 0.3;
    private const double ElementWeight = 0.2;
    private const double PlaceWeight = 0.2;

    public static double Score(IncidentSignature a, IncidentSignature b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double sum = 0, weights = 0;
        Add(a.Words, b.Words, WordWeight);
        Add(a.Types, b.Types, TypeWeight);
        Add(a.Elements, b.Elements, ElementWeight);
        Add(a.Places, b.Places, PlaceWeight);
        return weights == 0 ? 0 : sum / weights;

        void Add(IReadOnlyList<string> x, IReadOnlyList<string> y, double weight)
        {
            if (x.Count + y.Count == 0)
            {
                return;
            }
            var shared = x.Intersect(y, StringComparer.Ordinal).Count();
            sum += weight * shared / (x.Count + y.Count - shared);
            weights += weight;
        }
    }

    /// <summary>The <paramref name="count"/> most similar at or above <paramref name="minimum"/>, most similar first, then newest.</summary>
    public static IReadOnlyList<SimilarIncident> Rank(IncidentSignature current, IEnumerable<(IncidentSignature Past, RootCause? Cause)> candidates,
        int count, double minimum)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(candidates);
        return [.. candidates
            .Where(c => c.Past.IncidentId != current.IncidentId)
            .Select(c => (c.Past, c.Cause, Score: Score(current, c.Past)))
            .Where(c => c.Score >= minimum)
            .OrderByDescending(c => c.Score)
            .ThenByDescending(c => c.Past.ResolvedAt)
            .Take(count)
            .Select(c => new SimilarIncident(c.Past.IncidentId, c.Past.Title, Math.Round(c.Score, 3), c.Cause, c.Past.ResolvedAt))];
    }
}
