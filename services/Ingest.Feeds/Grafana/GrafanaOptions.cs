using System.ComponentModel.DataAnnotations;

namespace Correlation.Ingest.Feeds.Grafana;

/// <summary>The Grafana feed: API keys and severity as every feed, plus Grafana's HMAC signature.</summary>
public sealed class GrafanaOptions : FeedSourceOptions
{
    /// <summary>The contact point's HMAC secret. When set, every request must carry a valid signature.</summary>
    public string? HmacSecret { get; set; }

    /// <summary>The header Grafana puts the hex HMAC-SHA256 in (Grafana's default).</summary>
    [Required]
    public string SignatureHeader { get; set; } = "X-Grafana-Alerting-Signature";

    /// <summary>
    /// The contact point's timestamp header, when one is configured there: the signature then covers
    /// "timestamp:body" and a request older than <see cref="MaxSignatureAge"/> is refused (replay).
    /// </summary>
    public string? TimestampHeader { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxSignatureAge { get; set; } = TimeSpan.FromMinutes(5);
}
