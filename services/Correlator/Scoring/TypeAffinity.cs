using System.Text.Json;
using System.Text.Json.Serialization;
using Correlation.Correlator.Learning;

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
    private readonly Dictionary<(string Low, string High), PairCount> _pairs;

    private TypeAffinity(Dictionary<(string Low, string High), PairCount> pairs, TimeSpan window)
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
        return _pairs.GetValueOrDefault(Key(a, b)).Affinity;
    }

    /// <summary>Counts, over alarms in time order, every pair raised within <paramref name="window"/> of each other.</summary>
    public static TypeAffinity Learn(IReadOnlyList<(string AlarmType, DateTimeOffset Time, string Group)> alarms, TimeSpan window) =>
        new(NearPairs.Count(alarms, window, StringComparer.Ordinal), window);

    public void Save(Stream stream)
    {
        var file = new AffinityFile(FormatVersion, Window,
            [.. _pairs.OrderBy(p => p.Key.Low, StringComparer.Ordinal).ThenBy(p => p.Key.High, StringComparer.Ordinal)
                .Select(p => new AffinityPair(p.Key.Low, p.Key.High, p.Value.Together, p.Value.Near))]);
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

        var pairs = new Dictionary<(string Low, string High), PairCount>();
        foreach (var pair in file.Pairs)
        {
            var counts = new PairCount(pair.Together, pair.Near);
            if (pair.A is null || pair.B is null || !counts.IsPossible)
            {
                throw new InvalidDataException($"{name}: pair {pair.A}/{pair.B} has impossible counts");
            }

            pairs[Key(pair.A, pair.B)] = counts;
        }

        return new TypeAffinity(pairs, file.Window);
    }

    private static (string Low, string High) Key(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    private sealed record AffinityFile(
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("window")] TimeSpan Window,
        [property: JsonPropertyName("pairs")] IReadOnlyList<AffinityPair>? Pairs);

    private sealed record AffinityPair(string? A, string? B, long Together, long Near);
}
