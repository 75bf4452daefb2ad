using System.Diagnostics;
using Correlation.Contracts;
using Correlation.Correlator.Windows;

namespace Correlation.Correlator.Engine;

/// <summary>
/// Decides which incident an alarm belongs to and which incident events follow.
/// This is the walking skeleton's placeholder rule: every raise at a site within the site's sliding
/// window joins the incident open there; a repeat of a condition joins the incident that holds it; an
/// incident resolves when each of its conditions has cleared. The scoring engine replaces the rule.
/// </summary>
public sealed class CorrelationEngine(CorrelationWindowStore store, TimeProvider timeProvider, CorrelatorTelemetry telemetry)
{
    public async Task<IReadOnlyList<object>> CorrelateAsync(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var started = Stopwatch.GetTimestamp();
        var now = timeProvider.GetUtcNow();
        var decision = await store.ApplyAsync(alarm, Guid.CreateVersion7(now), TitleFor(alarm), now);
        telemetry.Decided(decision.Outcome.ToString().ToLowerInvariant(), Stopwatch.GetElapsedTime(started));

        return decision switch
        {
            { Outcome: WindowOutcome.Ignored } or { Incident: null } => [],
            { Outcome: WindowOutcome.Opened } => [new IncidentOpened(decision.Incident, alarm)],
            { Outcome: WindowOutcome.Resolved } => [new IncidentResolved(decision.Incident, alarm)],
            // A duplicate is published again with the incident's current version: if this process died
            // after the update but before its publish, the redelivery still tells everyone; consumers
            // drop versions they have already seen.
            _ => [new IncidentUpdated(decision.Incident, alarm)],
        };
    }

    public static string TitleFor(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return alarm.Site is null
            ? $"{alarm.AlarmType} on {alarm.Resource}"
            : $"{alarm.AlarmType} on {alarm.Resource} at {alarm.Site}";
    }
}
