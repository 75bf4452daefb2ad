namespace Correlation.ServiceDefaults.Tests;

/// <summary>
/// The metrics the NOC's dashboards are built on, as /metrics names them (deploy/grafana/README.md says what
/// each one is). Renaming one breaks the dashboard: these tests fail first.
/// </summary>
internal static class MetricNames
{
    public const string AlarmsReceived = "correlation_ingest_alarms_received_total";
    public const string AlarmsPublished = "correlation_ingest_alarms_published_total";
    public const string Rejected = "correlation_ingest_requests_rejected_total";
    public const string NmsReceived = "correlation_ingest_nms_received_total";
    public const string Decisions = "correlation_correlator_alarms_total";
    public const string Merged = "correlation_correlator_incidents_merged_total";
    public const string DecisionLatency = "correlation_correlator_decision_duration_milliseconds";
    public const string EndToEndLatency = "correlation_correlator_end_to_end_duration_milliseconds";
    public const string Triaged = "correlation_triage_decisions_total";
    public const string Routed = "correlation_router_routed_total";
    public const string Escalations = "correlation_router_escalated_total";
    public const string OpenIncidents = "correlation_console_incidents_open";
    public const string Received = "messaging_masstransit_receive_ea_total";
    public const string Consumed = "messaging_masstransit_consume_ea_total";
    public const string InFlight = "messaging_masstransit_receive_active_ea_total";
    public const string QueueWait = "messaging_masstransit_delivery_duration_milliseconds";

    /// <summary>Every sample name the documented metrics put on /metrics (a histogram as its _bucket, _sum and _count).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AlarmsReceived, AlarmsPublished, Rejected, NmsReceived, Decisions, Merged,
        .. Histogram(DecisionLatency), .. Histogram(EndToEndLatency),
        Triaged, Routed, Escalations, OpenIncidents, Received, Consumed, InFlight, .. Histogram(QueueWait),
    ];

    public static IEnumerable<string> Histogram(string name) => [name + "_bucket", name + "_sum", name + "_count"];
}
