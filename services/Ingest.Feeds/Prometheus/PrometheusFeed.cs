using System.Text.Json;
using Correlation.Contracts;
using Correlation.Ingest.Feeds.Pipeline;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest.Feeds.Prometheus;

/// <summary>
/// Prometheus' own alerting path: POST /api/v2/alerts with a JSON array of alerts (labels, annotations,
/// startsAt, endsAt, generatorURL), as Prometheus sends to an Alertmanager, so Prometheus can point its
/// alertmanager_config at this service. An alert whose endsAt has passed is a clear.
/// </summary>
public sealed class PrometheusFeed(IngestFeedsOptions options) : IFeed
{
    public const string SourceName = "prometheus";

    private readonly PrometheusAlertMapper _mapper = new(SourceKind.Prometheus, SourceName, options.Prometheus);

    public string Source => SourceName;

    public string Route => "/api/v2/alerts";

    public FeedSourceOptions Options => options.Prometheus;

    public FeedOutcome Parse(FeedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!JsonFields.TryParse(request.Body.Span, out var document, out var error))
        {
            return FeedOutcome.Failed(error);
        }

        using (document)
        {
            var errors = new List<FieldError>();
            var alarms = _mapper.ReadAll(document.RootElement, "$", request.Now, EmptyDetails, options.MaxBatchAlarms, errors);
            return errors.Count > 0 ? FeedOutcome.Failed([.. errors]) : FeedOutcome.Ok(alarms);
        }
    }

    private static readonly Dictionary<string, string> EmptyDetails = [];
}
