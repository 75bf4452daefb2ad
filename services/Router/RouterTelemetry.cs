using System.Diagnostics;
using System.Diagnostics.Metrics;
using Correlation.Contracts;

namespace Correlation.Router;

/// <summary>The router's activity source and meter: routes, escalations, deliveries, flags and timers.</summary>
public sealed class RouterTelemetry : IDisposable
{
    public const string Name = "Correlation.Router";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _routed;
    private readonly Counter<long> _escalated;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _deliveryDuration;
    private readonly Counter<long> _flagged;
    private readonly Counter<long> _timers;

    public RouterTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(Name);
        _routed = _meter.CreateCounter<long>("correlation.router.routed", "{incident}", "Incidents routed, by priority and whether maintenance held them back.");
        _escalated = _meter.CreateCounter<long>("correlation.router.escalated", "{escalation}", "Escalations, by reason.");
        _deliveries = _meter.CreateCounter<long>("correlation.router.deliveries", "{delivery}", "Delivery attempts, by channel kind and outcome.");
        _deliveryDuration = _meter.CreateHistogram<double>("correlation.router.delivery.duration", "ms", "Time to deliver one notification, in-place retries included.");
        _flagged = _meter.CreateCounter<long>("correlation.router.maintenance.flagged", "{alarm}", "Alarms flagged outside a maintenance window's declared scope.");
        _timers = _meter.CreateCounter<long>("correlation.router.timers.fired", "{timer}", "Router timers fired, by kind.");
    }

    public void Routed(IncidentPriority priority, bool suppressed) =>
        _routed.Add(1, new KeyValuePair<string, object?>("priority", priority.ToString()), new KeyValuePair<string, object?>("suppressed", suppressed));

    public void Escalated(EscalationReason reason) => _escalated.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));

    public void Delivered(string channelKind, bool ok, TimeSpan elapsed)
    {
        var tags = new TagList { { "channel", channelKind }, { "outcome", ok ? "delivered" : "failed" } };
        _deliveries.Add(1, tags);
        _deliveryDuration.Record(elapsed.TotalMilliseconds, tags);
    }

    public void Flagged() => _flagged.Add(1);

    public void TimerFired(string kind) => _timers.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Dispose() => _meter.Dispose();
}
