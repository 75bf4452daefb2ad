using Microsoft.Extensions.Primitives;

namespace Correlation.Ingest.Feeds.Pipeline;

/// <summary>What a feed's parser sees of a request: its body, its headers and the time it arrived.</summary>
public sealed record FeedRequest(ReadOnlyMemory<byte> Body, IDictionary<string, StringValues> Headers, DateTimeOffset Now)
{
    public string? ContentType => Header("Content-Type");

    /// <summary>A header's first value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    /// <summary>A request as a test or benchmark builds it (header names in any case).</summary>
    public static FeedRequest Of(ReadOnlyMemory<byte> body, DateTimeOffset now, params (string Name, string Value)[] headers) =>
        new(body, headers.ToDictionary(h => h.Name, h => new StringValues(h.Value), StringComparer.OrdinalIgnoreCase), now);
}
