namespace Correlation.Correlator.Learning;

/// <summary>
/// The featurisation the fitted ML.NET pipeline applies, as plain lookups: a one-hot slot per alarm
/// type seen in training, then a slot per word and per pair of adjacent words of the summary templates
/// seen in training, their counts scaled to unit length. Read from the fitted pipeline's slot names, so
/// that predicting needs no ML.NET engine: lookups in tables that never change are thread-safe, where
/// a PredictionEngine is not.
/// </summary>
/// <remarks>
/// Unknown alarm types and words get no slot, as in ML.NET: an alarm of a type never seen is placed by
/// its words alone.
/// </remarks>
internal sealed class SignatureFeaturizer
{
    /// <summary>The most slots one alarm fills: its type, and each word and word pair of its template.</summary>
    public const int MaxSlots = 1 + (2 * SummaryTemplate.MaxWords);

    private readonly Dictionary<string, int> _types;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly int[] _wordSlots;
    private readonly Dictionary<long, int> _wordPairs;

    /// <param name="typeSlots">The alarm type of each one-hot slot, in slot order.</param>
    /// <param name="textSlots">Each text slot's n-gram as ML.NET names it: a word, or two joined by '|'.</param>
    /// <exception cref="FormatException">A text slot is not a word or a pair of words.</exception>
    public SignatureFeaturizer(IReadOnlyList<string> typeSlots, IReadOnlyList<string> textSlots)
    {
        _types = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var slot = 0; slot < typeSlots.Count; slot++)
        {
            _types[typeSlots[slot]] = slot;
        }

        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var wordSlots = new List<int>();
        _wordPairs = [];
        for (var i = 0; i < textSlots.Count; i++)
        {
            var slot = typeSlots.Count + i;
            var parts = textSlots[i].Split('|');
            switch (parts)
            {
                case [var word] when word.Length > 0:
                    wordSlots[Word(word)] = slot;
                    break;
                case [var first, var second] when first.Length > 0 && second.Length > 0:
                    _wordPairs[Pair(Word(first), Word(second))] = slot;
                    break;
                default:
                    throw new FormatException($"text slot {i} is '{textSlots[i]}', not a word or a pair of words");
            }
        }

        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        _wordSlots = [.. wordSlots];
        Length = typeSlots.Count + textSlots.Count;

        int Word(string word)
        {
            if (!words.TryGetValue(word, out var id))
            {
                id = words.Count;
                words[word] = id;
                wordSlots.Add(-1);
            }

            return id;
        }
    }

    /// <summary>Slots in the feature vector: the model's centroids have this many coordinates.</summary>
    public int Length { get; }

    /// <summary>
    /// Writes the alarm's non-zero features, slots ascending, into <paramref name="slots"/> and
    /// <paramref name="values"/> (each at least <see cref="MaxSlots"/> long) and returns how many.
    /// </summary>
    /// <param name="template">The summary as <see cref="SummaryTemplate.Of"/> gives it.</param>
    public int Featurize(string alarmType, string template, Span<int> slots, Span<float> values)
    {
        var count = 0;
        if (_types.TryGetValue(alarmType, out var typeSlot))
        {
            slots[count] = typeSlot;
            values[count++] = 1f;
        }

        Span<int> grams = stackalloc int[MaxSlots - 1];
        var gramCount = 0;
        var previous = -1;
        var words = 0;
        foreach (var range in template.AsSpan().Split(' '))
        {
            if (range.End.Value == range.Start.Value || words++ == SummaryTemplate.MaxWords)
            {
                break;
            }

            var id = _words.TryGetValue(template.AsSpan()[range], out var known) ? known : -1;
            if (id >= 0 && _wordSlots[id] >= 0)
            {
                grams[gramCount++] = _wordSlots[id];
            }

            if (previous >= 0 && id >= 0 && _wordPairs.TryGetValue(Pair(previous, id), out var pairSlot))
            {
                grams[gramCount++] = pairSlot;
            }

            previous = id;
        }

        if (gramCount == 0)
        {
            return count;
        }

        // Term counts scaled to unit length (ML.NET's L2 norm), one slot per distinct n-gram.
        grams = grams[..gramCount];
        grams.Sort();
        var first = count;
        var sumOfSquares = 0f;
        for (var i = 0; i < grams.Length;)
        {
            var run = 1;
            while (i + run < grams.Length && grams[i + run] == grams[i])
            {
                run++;
            }

            slots[count] = grams[i];
            values[count++] = run;
            sumOfSquares += run * run;
            i += run;
        }

        var scale = 1f / MathF.Sqrt(sumOfSquares);
        foreach (ref var value in values[first..count])
        {
            value *= scale;
        }

        return count;
    }

    private static long Pair(int first, int second) => ((long)first << 32) | (uint)second;
}
