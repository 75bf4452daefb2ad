using Correlation.Contracts;

namespace Correlation.Triage;

/// <summary>Triage's log messages, source-generated.</summary>
internal static partial class TriageLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Triage policy loaded from {Source}: {BaseRules} base rules, {Adjustments} adjustments, {Calendars} calendars, {Templates} checklist templates")]
    public static partial void PolicyLoaded(ILogger logger, string source, int baseRules, int adjustments, int calendars, int templates);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Triage policy {Source} rejected; the policy in force (if any) is kept:\n{Problems}")]
    public static partial void PolicyRejected(ILogger logger, string source, string problems);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The triage policy watcher failed; looking at the file again")]
    public static partial void WatcherError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Reloading the triage policy failed")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information,
        Message = "Incident {IncidentId} v{Version} triaged {Priority} ({Category}), revision {Revision}: {Reason}")]
    public static partial void Triaged(ILogger logger, Guid incidentId, long version, IncidentPriority priority, IncidentCategory category, long revision, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Incident {IncidentId}: {What} kept changing under triage; left to the next event")]
    public static partial void GaveUp(ILogger logger, Guid incidentId, string what);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Checklist change {Change} on incident {IncidentId} by {By} refused: {Reason}")]
    public static partial void ChecklistRefused(ILogger logger, Guid incidentId, ChecklistChange change, string by, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Incident {IncidentId} {Watch} by {By}: {Reason}")]
    public static partial void Watch(ILogger logger, Guid incidentId, string watch, string by, string reason);
}
