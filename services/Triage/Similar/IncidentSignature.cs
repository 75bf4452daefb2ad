using Correlation.Triage.Impact;

namespace Correlation.Triage.Similar;

/// <summary>
/// What a resolved incident is compared on: the words of its title and alarm summaries, its alarm types,
/// the kinds of element that failed (device roles, link kinds) and where (failed elements, sites, probable cause).
/// </summary>
public sealed record IncidentSignature(
    Guid IncidentId,
    string Title,
    IReadOnlyList<string> Words,
    IReadOnlyList<string> Types,
    IReadOnlyList<string> Elements,
    IReadOnlyList<string> Places,
    DateTimeOffset ResolvedAt)
{
    private const int MaxWords = 64;

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "has", "was", "are", "from", "with", "alarm", "alert", "state", "changed", "critical", "major", "minor",
        "warning", "info",
    };

    public static IncidentSignature Of(IncidentProjection projection, Assessment assessment, DateTimeOffset resolvedAt)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(assessment);
        var incident = projection.Incident;
        var words = WordsOf([incident.Title, .. projection.Members.Select(m => m.Summary)]);
        var places = new HashSet<string>(assessment.Impact.FailedElements, StringComparer.OrdinalIgnoreCase);
        places.UnionWith(assessment.Sites.Select(s => "site " + s));
        if (incident.ProbableCause is { Length: > 0 } cause)
        {
            places.Add(cause);
        }
        return new IncidentSignature(incident.IncidentId, incident.Title, words,
            [.. projection.Members.Select(m => m.AlarmType.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. assessment.Elements.Select(e => e.ToLowerInvariant()).Order(StringComparer.Ordinal)],
            [.. places.Select(p => p.ToLowerInvariant()).Order(StringComparer.Ordinal)],
            resolvedAt);
    }

    /// <summary>Lower-cased letter runs of three or more, without the filler every alarm text carries; at most <see cref="MaxWords"/>.</summary>
    public static IReadOnlyList<string> WordsOf(IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (text is null)
            {
                continue;
            }
            var start = -1;
            for (var i = 0; i <= text.Length && words.Count < MaxWords; i++)
            {
                var letter = i < text.Length && char.IsLetter(text[i]);
                if (letter && start < 0)
                {
                    start = i;
                }
                else if (!letter && start >= 0)
                {
                    var word = text[start..i].ToLowerInvariant();
                    if (word.Length >= 3 && !Filler.Contains(word))
                    {
                        words.Add(word);
                    }
                    start = -1;
                }
            }
        }
        return [.. words];
    }
}
