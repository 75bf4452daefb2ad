using Microsoft.Extensions.Primitives;

namespace Correlation.Ingest.Chat.Pipeline;

/// <summary>What a platform's reader sees of a request: the raw body (signatures cover its exact bytes), the headers and when it arrived.</summary>
internal sealed record ChatRequest(ReadOnlyMemory<byte> Body, IDictionary<string, StringValues> Headers, DateTimeOffset Now)
{
    /// <summary>A header's first value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    /// <summary>The media type without parameters, lower-case; empty when none was named.</summary>
    public string MediaType => MediaTypeOf(Header("Content-Type"));

    public static string MediaTypeOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "";
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    /// <summary>A request as a test builds it (header names in any case).</summary>
    public static ChatRequest Of(ReadOnlyMemory<byte> body, DateTimeOffset now, params (string Name, string Value)[] headers) =>
        new(body, headers.ToDictionary(h => h.Name, h => new StringValues(h.Value), StringComparer.OrdinalIgnoreCase), now);
}
