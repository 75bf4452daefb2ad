namespace Correlation.Topology;

/// <summary>"Did you mean" hints: most CMDB mistakes are typos of a name that exists.</summary>
public static class Suggest
{
    private const int MinLength = 4;

    /// <summary>" (did you mean 'x'?)" for the closest candidate within a small edit distance, else "".</summary>
    public static string Hint(string typed, IEnumerable<string> candidates)
    {
        // One or two edits turn any short name into any other ("r9" into "r1"): no hint is better than a wrong one.
        if (typed.Length < MinLength)
        {
            return "";
        }
        var limit = Math.Max(1, Math.Min(3, typed.Length / 3));
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(typed, candidate, limit);
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }
        return best is not null && bestDistance <= limit ? $" (did you mean '{best}'?)" : "";
    }

    /// <summary>Case-insensitive Levenshtein distance, giving up early once it exceeds <paramref name="limit"/>.</summary>
    internal static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return int.MaxValue;
        }
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit)
            {
                return int.MaxValue;
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
