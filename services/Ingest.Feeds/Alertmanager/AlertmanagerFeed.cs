using Correlation.Contracts;
using Correlation.Ingest.Feeds.Pipeline;
using Correlation.Ingest.Feeds.Prometheus;

namespace Correlation.Ingest.Feeds.Alertmanager;

/// <summary>
/// The Alertmanager webhook (webhook_config, payload version 4): POST /api/v1/feeds/alertmanager. Each alert
/// of the notification becomes one alarm (see <see cref="PrometheusAlertMapper"/>); the alert's own status
/// says firing or resolved, and its fingerprint with startsAt and the status is the idempotency key, so
/// Alertmanager's repeat notifications of a still-firing group are not new alarms.
/// </summary>
public sealed class AlertmanagerFeed(IngestFeedsOptions options) : IFeed
{
    public const string SourceName = "alertmanager";

    private static readonly string[] GroupFields = ["receiver", "groupKey", "externalURL"];

    private readonly PrometheusAlertMapper _mapper = new(SourceKind.Alertmanager, SourceName, options.Alertmanager);

    public string Source => SourceName;

    public string Route => "/api/v1/feeds/alertmanager";

    public FeedSourceOptions Options => options.Alertmanager;

    public FeedOutcome Parse(FeedRequest request) => AlertNotification.Parse(_mapper, request, "4", GroupFields, options.MaxBatchAlarms);
}
