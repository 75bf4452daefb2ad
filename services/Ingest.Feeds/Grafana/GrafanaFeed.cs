using Correlation.Contracts;
using Correlation.Ingest.Feeds.Pipeline;
using Correlation.Ingest.Feeds.Prometheus;

namespace Correlation.Ingest.Feeds.Grafana;

/// <summary>
/// Grafana alerting's webhook contact point: POST /api/v1/feeds/grafana. The payload is Alertmanager's shape
/// (version "1") plus Grafana's fields (title, message, state, orgId; per alert values and dashboard, panel,
/// silence and image links, kept in details). When <see cref="GrafanaOptions.HmacSecret"/> is set, the HMAC
/// signature header is required and checked before anything is read.
/// </summary>
public sealed class GrafanaFeed(IngestFeedsOptions options) : IFeed
{
    public const string SourceName = "grafana";

    private static readonly string[] GroupFields = ["receiver", "groupKey", "externalURL", "title", "state", "message", "orgId"];

    private readonly PrometheusAlertMapper _mapper = new(SourceKind.Grafana, SourceName, options.Grafana);

    public string Source => SourceName;

    public string Route => "/api/v1/feeds/grafana";

    public FeedSourceOptions Options => options.Grafana;

    public string? Verify(FeedRequest request) => GrafanaSignature.Check(request, options.Grafana);

    public FeedOutcome Parse(FeedRequest request) => AlertNotification.Parse(_mapper, request, "1", GroupFields, options.MaxBatchAlarms);
}
