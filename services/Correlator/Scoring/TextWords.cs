namespace Correlation.Correlator.Scoring;

/// <summary>
/// The words of a summary that say something: lower-cased letter runs of three or more, without
/// numbers, addresses or the filler that every alarm text carries.
/// </summary>
public static class TextWords
{
    private const int MaxWords = 32;

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "has", "was", "are", "changed", "state", "from", "with", "alarm", "alert", "error", "critical",
        "major", "minor", "warning", "info", "problem", "service", "host", "device",
    };

    public static IReadOnlySet<string> Of(params string?[] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var words = new HashSet<string>(StringComparer.Ordinal);
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
                    if (i - start >= 3)
                    {
                        var word = text[start..i].ToLowerInvariant();
                        if (!Filler.Contains(word))
                        {
                            words.Add(word);
                        }
                    }

                    start = -1;
                }
            }
        }

        return words;
    }

    /// <summary>Jaccard similarity of two word sets: shared words over all words.</summary>
    public static double Similarity(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
