using System.Text;
using Correlation.Ingest.Feeds.Pipeline;

namespace Correlation.Ingest.Feeds.Tests;

/// <summary>Requests for the pure parsers, at a fixed time.</summary>
internal static class FeedRequests
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 40, 0, TimeSpan.Zero);

    public static FeedRequest Json(string body, params (string Name, string Value)[] headers) =>
        FeedRequest.Of(Encoding.UTF8.GetBytes(body), Now,
            headers.Any(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) ? headers : [("Content-Type", "application/json"), .. headers]);

    public static IngestFeedsOptions Options() => new();
}
