using Correlation.Contracts;
using Correlation.Router.Configuration;
using Correlation.Router.Projection;

namespace Correlation.Router.Escalation;

/// <summary>What a fired timer found: escalate (for <paramref name="Reason"/>) or not, and when to look again (null: never).</summary>
public sealed record EscalationCheck(EscalationReason? Reason, string Detail, DateTimeOffset? Next)
{
    public static EscalationCheck Done { get; } = new(null, "", null);
}

/// <summary>
/// Decides, when a timer fires, whether the incident is not progressing, from its state at that moment:
/// a timer set long ago for a P3 that is now a P1 acknowledged five minutes ago is judged as it is now.
/// </summary>
public sealed class EscalationPolicy(RoutingConfig config)
{
    private EscalationSettings Settings => config.Escalation;

    public EscalationCheck Check(TimerKind kind, IncidentProjection incident, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (!incident.IsOpen || incident.Route is null || incident.Route.Suppressed || incident.Triage is null)
        {
            return EscalationCheck.Done;
        }

        var priority = incident.Triage.Priority;
        return kind switch
        {
            TimerKind.Acknowledge => Acknowledge(incident, priority, now),
            TimerKind.Progress => Progress(incident, priority, now),
            TimerKind.Growth => Growth(incident, now),
            TimerKind.Deadline => Deadline(incident, priority, now),
            TimerKind.FollowUp => Settings.FollowUpEvery.TryGetValue(priority, out var every)
                ? new EscalationCheck(EscalationReason.FollowUp, $"{priority} incidents are followed up every {Words(every)} until resolved", now + every)
                : EscalationCheck.Done,
            _ => EscalationCheck.Done,
        };
    }

    /// <summary>The growth an escalation compares against: member count and impacted services now.</summary>
    public static (int Members, int Services) Size(IncidentProjection incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return (incident.Snapshot?.MemberCount ?? incident.Members.Count, incident.Triage?.Impact.Services.Count ?? 0);
    }

    private EscalationCheck Acknowledge(IncidentProjection incident, IncidentPriority priority, DateTimeOffset now)
    {
        if (incident.IsAcknowledged || !Settings.AcknowledgeWithin.TryGetValue(priority, out var within))
        {
            return EscalationCheck.Done;
        }

        var paged = incident.FirstPagedAt ?? incident.Route!.RoutedAt;
        return now >= paged + within
            ? new EscalationCheck(EscalationReason.NotAcknowledged,
                $"not acknowledged {Words(now - paged)} after it was paged; {priority} allows {Words(within)}", now + within)
            : new EscalationCheck(null, "", paged + within);
    }

    private EscalationCheck Progress(IncidentProjection incident, IncidentPriority priority, DateTimeOffset now)
    {
        if (!incident.IsAcknowledged || !Settings.ProgressWithin.TryGetValue(priority, out var within))
        {
            return EscalationCheck.Done;
        }

        var last = incident.LastActivity!.Value;
        return now >= last + within
            ? new EscalationCheck(EscalationReason.NoProgress,
                $"acknowledged by {incident.AcknowledgedBy}, but no state change, note or root cause for {Words(now - last)}; {priority} allows {Words(within)}", now + within)
            : new EscalationCheck(null, "", last + within);
    }

    private EscalationCheck Growth(IncidentProjection incident, DateTimeOffset now)
    {
        var (members, services) = Size(incident);
        var (fromMembers, fromServices) = (incident.GrowthMembers ?? members, incident.GrowthServices ?? services);
        var next = now + Settings.GrowthCheckEvery;
        if (members - fromMembers >= Settings.GrowthMembers || services - fromServices >= Settings.GrowthServices)
        {
            return new EscalationCheck(EscalationReason.Growing,
                $"still growing: members {fromMembers} → {members}, impacted services {fromServices} → {services} in the last {Words(Settings.GrowthCheckEvery)}", next);
        }

        return new EscalationCheck(null, "", next);
    }

    private EscalationCheck Deadline(IncidentProjection incident, IncidentPriority priority, DateTimeOffset now)
    {
        if (!Settings.ResolveWithin.TryGetValue(priority, out var within))
        {
            return EscalationCheck.Done;
        }

        var opened = incident.Snapshot?.OpenedAt ?? incident.FirstPagedAt ?? incident.Route!.RoutedAt;
        var deadline = opened + within;
        var atRisk = opened + within * Settings.DeadlineWarningAt;
        var warned = incident.Levels.ContainsKey(EscalationReason.DeadlineAtRisk);
        if (incident.Levels.ContainsKey(EscalationReason.DeadlineMissed))
        {
            return EscalationCheck.Done;
        }

        if (now >= deadline)
        {
            return new EscalationCheck(EscalationReason.DeadlineMissed,
                $"open for {Words(now - opened)}; {priority} incidents are to be resolved within {Words(within)}", null);
        }

        if (now >= atRisk && !warned)
        {
            return new EscalationCheck(EscalationReason.DeadlineAtRisk,
                $"open for {Words(now - opened)}; {Words(deadline - now)} left to resolve it within {Words(within)}", deadline);
        }

        return new EscalationCheck(null, "", now < atRisk ? atRisk : deadline);
    }

    /// <summary>When the deadline timer should first look: when the deadline becomes at risk, or the deadline once warned.</summary>
    public DateTimeOffset? DeadlineCheck(IncidentProjection incident, IncidentPriority priority, DateTimeOffset opened)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (!Settings.ResolveWithin.TryGetValue(priority, out var within) || incident.Levels.ContainsKey(EscalationReason.DeadlineMissed))
        {
            return null;
        }

        return incident.Levels.ContainsKey(EscalationReason.DeadlineAtRisk) ? opened + within : opened + within * Settings.DeadlineWarningAt;
    }

    public static string Words(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.Hours == 0 && span.Minutes == 0 => $"{(int)span.TotalDays}d",
        { TotalHours: >= 1 } when span.Minutes == 0 => $"{(int)span.TotalHours}h",
        { TotalHours: >= 1 } => $"{(int)span.TotalHours}h{span.Minutes:00}m",
        { TotalMinutes: >= 1 } => $"{(int)span.TotalMinutes}m",
        _ => $"{(int)span.TotalSeconds}s",
    };
}
