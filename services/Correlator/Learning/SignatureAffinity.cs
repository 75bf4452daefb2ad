using System.Text.Json;
using System.Text.Json.Serialization;

namespace Correlation.Correlator.Learning;

/// <summary>
/// How often two alarm signatures, raised close together, turned out to belong to one incident in a
/// labelled history: <see cref="PairCount.Affinity"/> over the pairs of alarms raised within a window of
/// each other. Finer than the affinity of alarm types: "interface down" and "interface flapping" share a
/// type but not a signature. Learned offline with the signature model and saved in its file; signature
/// pairs never seen near each other get the neutral 0.5.
/// </summary>
public sealed class SignatureAffinity
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<(int Low, int High), PairCount> _pairs;

    private SignatureAffinity(Dictionary<(int Low, int High), PairCount> pairs, TimeSpan window)
    {
        _pairs = pairs;
        Window = window;
    }

    /// <summary>No history: every pair is neutral.</summary>
    public static SignatureAffinity None { get; } = new([], TimeSpan.Zero);

    public bool IsEmpty => _pairs.Count == 0;

    public TimeSpan Window { get; }

    /// <summary>Signature pairs seen near each other at least once.</summary>
    public int KnownPairs => _pairs.Count;

    public double Of(int a, int b) => Counts(a, b).Affinity;

    /// <summary>The raw counts behind <see cref="Of"/>; zero for a pair never seen near each other.</summary>
    public PairCount Counts(int a, int b) => _pairs.GetValueOrDefault(Key(a, b));

    /// <param name="alarms">The labelled history in time order: each alarm's signature, time and true incident.</param>
    /// <param name="window">Two alarms further apart than this are not a pair.</param>
    public static SignatureAffinity Learn(IReadOnlyList<(int Signature, DateTimeOffset Time, string Group)> alarms, TimeSpan window) =>
        new(NearPairs.Count(alarms, window, Comparer<int>.Default), window);

    internal byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(
        new AffinityTable(Window, [.. _pairs.OrderBy(p => p.Key).Select(p => new AffinityPair(p.Key.Low, p.Key.High, p.Value.Together, p.Value.Near))]),
        Json);

    /// <exception cref="InvalidDataException">The table is not valid JSON or holds impossible pairs.</exception>
    internal static SignatureAffinity FromJson(byte[] json, string name, int clusters)
    {
        AffinityTable? table;
        try
        {
            table = JsonSerializer.Deserialize<AffinityTable>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{name}: the signature affinity is not valid: {ex.Message}", ex);
        }

        if (table?.Pairs is null || table.Window < TimeSpan.Zero)
        {
            throw new InvalidDataException($"{name}: the signature affinity has no window and pairs");
        }

        var pairs = new Dictionary<(int, int), PairCount>();
        foreach (var pair in table.Pairs)
        {
            var counts = new PairCount(pair.Together, pair.Near);
            if (pair.A < 0 || pair.B < 0 || pair.A >= clusters || pair.B >= clusters || !counts.IsPossible)
            {
                throw new InvalidDataException($"{name}: signature pair {pair.A}/{pair.B} has impossible counts or signatures for {clusters} clusters");
            }

            pairs[Key(pair.A, pair.B)] = counts;
        }

        return new SignatureAffinity(pairs, table.Window);
    }

    /// <summary>The highest signature in the table, so a model can check the table fits its clusters; -1 when empty.</summary>
    internal int HighestSignature => _pairs.Count == 0 ? -1 : _pairs.Keys.Max(k => k.High);

    private static (int, int) Key(int a, int b) => a <= b ? (a, b) : (b, a);

    private sealed record AffinityTable(
        [property: JsonPropertyName("window")] TimeSpan Window,
        [property: JsonPropertyName("pairs")] IReadOnlyList<AffinityPair>? Pairs);

    private sealed record AffinityPair(int A, int B, long Together, long Near);
}
