using Correlation.Contracts;

namespace Correlation.Router;

/// <summary>The router's log messages.</summary>
internal static partial class RouterLog
{
    [LoggerMessage(1, LogLevel.Information, "Incident {IncidentId} v{Version} routed as {Priority} to {Destinations}{Suppressed}")]
    public static partial void Routed(this ILogger logger, Guid incidentId, long version, IncidentPriority priority, string destinations, string suppressed);

    [LoggerMessage(2, LogLevel.Warning, "Incident {IncidentId} escalated: {Reason} level {Level} ({Detail})")]
    public static partial void Escalated(this ILogger logger, Guid incidentId, EscalationReason reason, int level, string detail);

    [LoggerMessage(3, LogLevel.Warning, "Delivery {Key} failed (attempt {Attempt}); kept and tried again at {RetryAt:u}: {Error}")]
    public static partial void DeliveryFailed(this ILogger logger, string key, int attempt, DateTimeOffset retryAt, string error);

    [LoggerMessage(4, LogLevel.Warning, "Sweeping the router's timers failed; trying again on the next tick")]
    public static partial void TimerSweepFailed(this ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Sending deliveries failed; trying again on the next tick")]
    public static partial void DeliverySweepFailed(this ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Timer {Kind} of incident {IncidentId} failed; it is taken again when its claim runs out")]
    public static partial void TimerFailed(this ILogger logger, Guid incidentId, string kind, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Alarm on {Resource} in incident {IncidentId} is outside the scope of maintenance window {WindowId}")]
    public static partial void OutOfScope(this ILogger logger, string resource, Guid incidentId, string windowId);

    [LoggerMessage(8, LogLevel.Information, "Maintenance window {WindowId} scheduled by {By}")]
    public static partial void MaintenanceScheduled(this ILogger logger, string windowId, string by);

    [LoggerMessage(9, LogLevel.Information, "Maintenance window {WindowId} cancelled by {By}; {Held} incidents it held are looked at again")]
    public static partial void MaintenanceCancelled(this ILogger logger, string windowId, string by, int held);

    [LoggerMessage(10, LogLevel.Warning, "Maintenance window {WindowId} from {By} refused: {Problem}")]
    public static partial void MaintenanceRefused(this ILogger logger, string windowId, string by, string problem);

    [LoggerMessage(11, LogLevel.Information, "Routing configuration loaded from {Files}: {Rules} rules, {Webhooks} webhooks, {Functions} rostered functions, {Windows} maintenance windows")]
    public static partial void ConfigLoaded(this ILogger logger, string files, int rules, int webhooks, int functions, int windows);
}
