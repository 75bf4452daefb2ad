using System.Text.Json;
using System.Text.Json.Serialization;

namespace Correlation.Correlator.Scoring;

/// <summary>
/// How often two alarm types, raised close together, turned out to belong to one incident in a labelled
/// history: (together + 1) / (near + 2) over the pairs of alarms raised within a window of each other.
/// Learned offline by `correlation train`, never on the hot path. Types never seen near each other get
/// the neutral 0.5.
/// </summary>
public sealed class TypeAffinity
{
    public const int FormatVersion = 1;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Dictionary<(string, string), (long Together, long Near)> _pairs;

    private TypeAffinity(Dictionary<(string, string), (long Together, long Near)> pairs, TimeSpan window)
    {
        _pairs = pairs;
        Window = window;
    }

    /// <summary>No history: every pair is neutral and scoring leaves the component out.</summary>
    public static TypeAffinity None { get; } = new([], TimeSpan.Zero);

    public bool IsEmpty => _pairs.Count == 0;

    public TimeSpan Window { get; }

    public int PairCount => _pairs.Count;

    public double Of(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return _pairs.TryGetValue(Key(a, b), out var counts) ? (counts.Together + 1.0) / (counts.Near + 2.0) : 0.5;
    }

    /// <summary>Counts, over alarms in time order, every pair raised within <paramref name="window"/> of each other.</summary>
    public static TypeAffinity Learn(IReadOnlyList<(string AlarmType, DateTimeOffset Time, string Group)> alarms, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        var pairs = new Dictionary<(string, string), (long Together, long Near)>();
        var start = 0;
        for (var i = 0; i < alarms.Count; i++)
        {
            while (alarms[i].Time - alarms[start].Time > window)
            {
                start++;
            }

            for (var j = start; j < i; j++)
            {
                var key = Key(alarms[i].AlarmType, alarms[j].AlarmType);
                var counts = pairs.GetValueOrDefault(key);
                pairs[key] = (counts.Together + (alarms[i].Group == alarms[j].Group ? 1 : 0), counts.Near + 1);
            }
        }

        return new TypeAffinity(pairs, window);
    }

    public void Save(Stream stream)
    {
        var file = new AffinityFile(FormatVersion, Window,
            [.. _pairs.OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal)
                .Select(p => new AffinityPair(p.Key.Item1, p.Key.Item2, p.Value.Together, p.Value.Near))]);
        JsonSerializer.Serialize(stream, file, Json);
    }

    /// <exception cref="InvalidDataException">The file is not an affinity model this version reads.</exception>
    public static TypeAffinity Load(Stream stream, string name)
    {
        AffinityFile? file;
        try
        {
            file = JsonSerializer.Deserialize<AffinityFile>(stream, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{name}: not an affinity model: {ex.Message}", ex);
        }

        if (file is null || file.Version != FormatVersion || file.Pairs is null)
        {
            throw new InvalidDataException($"{name}: not an affinity model of format version {FormatVersion}");
        }

        var pairs = new Dictionary<(string, string), (long Together, long Near)>();
        foreach (var pair in file.Pairs)
        {
            if (pair.A is null || pair.B is null || pair.Together < 0 || pair.Near < pair.Together)
            {
                throw new InvalidDataException($"{name}: pair {pair.A}/{pair.B} has impossible counts");
            }

            pairs[Key(pair.A, pair.B)] = (pair.Together, pair.Near);
        }

        return new TypeAffinity(pairs, file.Window);
    }

    private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    private sealed record AffinityFile(
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("window")] TimeSpan Window,
        [property: JsonPropertyName("pairs")] IReadOnlyList<AffinityPair>? Pairs);

    private sealed record AffinityPair(string? A, string? B, long Together, long Near);
}
