using System.Globalization;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Router.Configuration;
using Correlation.Router.Delivery;
using Correlation.Router.Escalation;
using Correlation.Router.Maintenance;
using Correlation.Router.Projection;
using Correlation.Router.Rules;
using Correlation.Router.Teams;
using Correlation.ServiceDefaults;

namespace Correlation.Router;

/// <summary>
/// The router's decisions, driven by the incident events, triage, people's work, maintenance commands and
/// the router's own timers: route (or hold back for maintenance), form and hand over the team, escalate
/// what is not progressing, and hand notifications to the outbox. Every decision reads the projection as it
/// is at that moment, so an escalation always carries the incident's current state.
/// Publishing comes before the route is committed: a failure in between redoes the decision, whose
/// deliveries and timers are idempotent, rather than losing it.
/// </summary>
public sealed class IncidentRouter(
    RoutingConfig config,
    RoutingRules rules,
    Roster roster,
    TeamBuilder teams,
    EscalationPolicy escalation,
    IncidentProjectionStore store,
    TimerStore timers,
    DeliveryOutbox outbox,
    MaintenanceCalendar calendar,
    MaintenanceStore maintenance,
    MaintenanceScopes scopes,
    RouterTelemetry telemetry,
    TimeProvider time,
    ILogger<IncidentRouter> logger)
{
    private static readonly TimerKind[] PagingTimers =
        [TimerKind.Acknowledge, TimerKind.Progress, TimerKind.Growth, TimerKind.Deadline, TimerKind.FollowUp];

    /// <summary>IncidentOpened, IncidentUpdated and IncidentResolved: the snapshot and the alarm's resource.</summary>
    /// <param name="earlier">Alarms of the same event before <paramref name="alarm"/>, oldest first (a correlator batch's alarms of the incident).</param>
    /// <param name="resolution">Why it resolved, when it did not because every member cleared (an operator, or the correlator's expiry).</param>
    public async Task IncidentChangedAsync(IncidentSnapshot snapshot, Alarm? alarm, IRouterEvents events, CancellationToken cancellationToken,
        IReadOnlyList<Alarm>? earlier = null, string? resolution = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var now = time.GetUtcNow();
        var applied = await store.ApplySnapshotAsync(snapshot, alarm, now, earlier);
        // Without its members: a storm's incident has thousands, and most events need none of them.
        var incident = await store.GetAsync(snapshot.IncidentId, withMembers: false);
        if (incident is null)
        {
            return;
        }

        if (!incident.IsOpen)
        {
            if (applied > 0)
            {
                await ClosedAsync(incident, now, events, cancellationToken, resolution);
            }

            return;
        }

        // Until triage has spoken the incident is not routed; the route will look at every member then. With no
        // maintenance window open, a route not held back by one has nothing to look at.
        if (alarm is not null && incident.Route is not null)
        {
            var windows = await calendar.ActiveAsync(now);
            if (windows.Count > 0 || incident.Route.Suppressed)
            {
                await CheckMaintenanceAsync(await store.GetAsync(snapshot.IncidentId) ?? incident, windows, now, events, cancellationToken);
            }
        }
    }

    /// <summary>The survivor takes the alarm and the absorbed incidents' members; the absorbed ones close.</summary>
    public async Task MergedAsync(IncidentMerged merged, IRouterEvents events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merged);
        await store.CopyMembersAsync(merged.Incident.IncidentId, merged.Absorbed.Select(a => a.IncidentId));
        foreach (var absorbed in merged.Absorbed)
        {
            await IncidentChangedAsync(absorbed, null, events, cancellationToken);
        }

        await IncidentChangedAsync(merged.Incident, merged.Alarm, events, cancellationToken);
    }

    /// <returns>The route, or null when the decision was older than one held or routed already.</returns>
    public async Task<IncidentRouted?> TriagedAsync(IncidentTriaged triaged, IRouterEvents events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(triaged);
        if (!await store.ApplyTriageAsync(triaged) || await store.GetAsync(triaged.IncidentId) is not { } incident)
        {
            return null;
        }

        return await RouteAsync(incident, time.GetUtcNow(), null, events, cancellationToken);
    }

    public async Task AcknowledgedAsync(IncidentAcknowledged acknowledged)
    {
        ArgumentNullException.ThrowIfNull(acknowledged);
        if (!await store.AcknowledgeAsync(acknowledged.IncidentId, acknowledged.By, acknowledged.At))
        {
            return;
        }

        await timers.CancelAsync(acknowledged.IncidentId, TimerKind.Acknowledge);
        await ScheduleProgressAsync(acknowledged.IncidentId);
    }

    /// <summary>A note, a root cause or a state change: someone is working on it, so the no-progress clock starts again.</summary>
    public async Task ProgressedAsync(Guid incidentId, DateTimeOffset at)
    {
        if (await store.ProgressAsync(incidentId, at))
        {
            await ScheduleProgressAsync(incidentId);
        }
    }

    public async Task ScheduleMaintenanceAsync(ScheduleMaintenance command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (MaintenanceCalendar.Problem(command.Window) is { } problem)
        {
            logger.MaintenanceRefused(command.Window?.Id ?? "", command.By, problem);
            return;
        }

        await maintenance.ScheduleAsync(command.Window);
        logger.MaintenanceScheduled(command.Window.Id, command.By);
    }

    /// <summary>Cancels the window and looks again, at once, at every incident it was holding back.</summary>
    public async Task CancelMaintenanceAsync(CancelMaintenance command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await maintenance.CancelAsync(command.WindowId);
        var held = await maintenance.HeldAsync(command.WindowId);
        var now = time.GetUtcNow();
        foreach (var incident in held)
        {
            await timers.SetAsync(incident, TimerKind.MaintenanceEnd, now);
        }

        logger.MaintenanceCancelled(command.WindowId, command.By, held.Count);
    }

    /// <summary>A due timer: escalate, hand over, or route what a maintenance window held back.</summary>
    /// <returns>When the timer should fire again; null removes it.</returns>
    public async Task<DateTimeOffset?> FireAsync(TimerKind kind, Guid incidentId, DateTimeOffset due, IRouterEvents events, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        telemetry.TimerFired(kind.ToString());
        if (await store.GetAsync(incidentId) is not { } incident)
        {
            return null;
        }

        switch (kind)
        {
            case TimerKind.Handover:
                return incident.IsOpen && incident.Route is { Suppressed: false }
                    ? await UpdateTeamAsync(incident, now, "shift hand-over", events, cancellationToken)
                    : null;
            case TimerKind.MaintenanceEnd:
                if (incident.Route?.Maintenance is { } held)
                {
                    await maintenance.ReleaseAsync(held.WindowId, incidentId);
                    if (incident.IsOpen && (incident.Snapshot is null || incident.Snapshot.ActiveMemberCount > 0))
                    {
                        await RouteAsync(incident, now, $"maintenance window '{held.Name}' no longer holds it back and it is still failing", events, cancellationToken);
                    }
                }

                return null;
        }

        var check = escalation.Check(kind, incident, now);
        if (kind == TimerKind.Growth)
        {
            var (members, services) = EscalationPolicy.Size(incident);
            await store.SaveGrowthBaselineAsync(incidentId, members, services);
        }

        if (check.Reason is { } reason)
        {
            await EscalateAsync(incident, kind, due, reason, check.Detail, now, events, cancellationToken);
        }

        return check.Next;
    }

    private async Task<IncidentRouted?> RouteAsync(IncidentProjection incident, DateTimeOffset now, string? trigger, IRouterEvents events, CancellationToken cancellationToken)
    {
        if (incident.Triage is not { } triage || !incident.IsOpen)
        {
            return null;
        }

        var id = incident.IncidentId;
        var decision = rules.Decide(triage);
        var verdict = scopes.Evaluate(Members(incident), await calendar.ActiveAsync(now));
        await FlagAsync(incident, verdict, now, events, cancellationToken);
        var previous = incident.Route?.Maintenance;
        var triagedAtMs = triage.TriagedAt.ToUnixTimeMilliseconds();
        IncidentRouted routed;
        RouteRecord record;
        if (verdict.HeldBy is { } held)
        {
            var match = held.ToMatch();
            await maintenance.HoldAsync(held.Window.Id, id);
            await timers.SetAsync(id, TimerKind.MaintenanceEnd, held.End);
            await timers.CancelAsync(id, [.. PagingTimers, TimerKind.Handover]);
            var change = held.Window.ChangeReference is { } c ? $" ({c})" : "";
            var reason = $"expected work of maintenance window '{held.Window.Name}'{change} until {held.End:u}: not paged; {decision.Reason}";
            routed = new IncidentRouted(id, triage.IncidentVersion, triage.Priority, [], reason, now, [], decision.Rules, true, match);
            record = new RouteRecord(triage.IncidentVersion, triagedAtMs, triage.Priority, [], [], decision.Rules, reason, now, match);
        }
        else
        {
            if (previous is not null)
            {
                await maintenance.ReleaseAsync(previous.WindowId, id);
                await timers.CancelAsync(id, TimerKind.MaintenanceEnd);
            }

            var reason = trigger is null ? decision.Reason : $"{trigger}; {decision.Reason}";
            var recipients = Recipients(decision.Destinations, now);
            var destinations = decision.Destinations.Select(d => d.ToString()).ToList();
            var channels = Channels(decision.Destinations);
            routed = new IncidentRouted(id, triage.IncidentVersion, triage.Priority, destinations, reason, now, recipients, decision.Rules, false, null);
            record = new RouteRecord(triage.IncidentVersion, triagedAtMs, triage.Priority, destinations, [.. channels.Select(c => c.ToString())],
                decision.Rules, reason, now, null);
            var notice = Notice(NoticeKind.Routed, incident, triage.Priority, reason, destinations, recipients, null, null, now);
            var json = JsonSerializer.Serialize(routed, IncidentProjectionStore.Json);
            foreach (var channel in channels)
            {
                await outbox.EnqueueAsync(new ChannelDelivery($"{id:N}:v{triage.IncidentVersion}.{triagedAtMs}:{channel}", channel.ToString(), id, notice,
                    nameof(IncidentRouted), json), now);
            }

            await UpdateTeamAsync(incident, now, incident.TeamTemplate is null ? "team formed" : "triage changed", events, cancellationToken);
            await ScheduleTimersAsync(incident, triage, now);
        }

        // The same route of the same triage decision (two routers, or one again after a crash before the commit) is one
        // message; a route the clock triggers (escalation, handover) is another.
        await events.PublishAsync(routed, cancellationToken, DerivedMessageId.Of(nameof(IncidentRouted), id.ToString("N"),
            triage.IncidentVersion.ToString(CultureInfo.InvariantCulture), triagedAtMs.ToString(CultureInfo.InvariantCulture), trigger ?? ""));
        await store.CommitRouteAsync(id, record);
        telemetry.Routed(triage.Priority, routed.Suppressed);
        logger.Routed(id, triage.IncidentVersion, triage.Priority, string.Join(", ", routed.Destinations),
            routed.Suppressed ? $" (held back by maintenance window {routed.Maintenance!.WindowId})" : "");
        return routed;
    }

    private async Task ScheduleTimersAsync(IncidentProjection incident, IncidentTriaged triage, DateTimeOffset now)
    {
        var id = incident.IncidentId;
        var settings = config.Escalation;
        var paged = incident.FirstPagedAt ?? now;
        if (!incident.IsAcknowledged && settings.AcknowledgeWithin.TryGetValue(triage.Priority, out var ack))
        {
            await timers.SetEarlierAsync(id, TimerKind.Acknowledge, paged + ack);
        }

        if (incident.LastActivity is { } last && settings.ProgressWithin.TryGetValue(triage.Priority, out var progress))
        {
            await timers.SetEarlierAsync(id, TimerKind.Progress, last + progress);
        }

        if (settings.FollowUpEvery.TryGetValue(triage.Priority, out var followUp))
        {
            await timers.AddAsync(id, TimerKind.FollowUp, now + followUp);
        }

        if (incident.GrowthMembers is null)
        {
            var (members, services) = EscalationPolicy.Size(incident);
            await store.SaveGrowthBaselineAsync(id, members, services);
        }

        await timers.AddAsync(id, TimerKind.Growth, now + settings.GrowthCheckEvery);
        if (escalation.DeadlineCheck(incident, triage.Priority, incident.Snapshot?.OpenedAt ?? paged) is { } deadline)
        {
            await timers.SetAsync(id, TimerKind.Deadline, deadline);
        }
    }

    private async Task ScheduleProgressAsync(Guid incidentId)
    {
        if (await store.GetAsync(incidentId) is { Triage: { } triage, LastActivity: { } last, Route.Suppressed: false }
            && config.Escalation.ProgressWithin.TryGetValue(triage.Priority, out var within))
        {
            await timers.SetAsync(incidentId, TimerKind.Progress, last + within);
        }
    }

    private async Task EscalateAsync(IncidentProjection incident, TimerKind kind, DateTimeOffset due, EscalationReason reason, string detail,
        DateTimeOffset now, IRouterEvents events, CancellationToken cancellationToken)
    {
        var id = incident.IncidentId;
        var triage = incident.Triage!;
        var level = await store.NextLevelAsync(id, reason);
        var escalationId = $"{id:N}-{kind}-{due.ToUnixTimeMilliseconds()}";
        var wanted = incident.Route!.Destinations.Select(d => Destination.TryParse(d, out var parsed) ? parsed : null).OfType<Destination>()
            .Concat(config.Escalation.Notify).Distinct().ToList();
        var destinations = wanted.Select(d => d.ToString()).ToList();
        var recipients = Recipients(wanted, now);
        var snapshot = incident.Snapshot ?? new IncidentSnapshot(id, triage.IncidentVersion, IncidentState.Open, $"incident {id:D}", triage.Site,
            AlarmSeverity.Major, incident.Members.Count, incident.Members.Count, incident.Members.Count, triage.TriagedAt, triage.TriagedAt);
        var escalated = new IncidentEscalated(id, escalationId, reason, level, detail, snapshot, triage.Priority, triage.Category,
            destinations, recipients, incident.AcknowledgedBy, incident.AcknowledgedAt, incident.LastProgressAt, now);
        var notice = Notice(NoticeKind.Escalated, incident, triage.Priority, detail, destinations, recipients, reason, level, now);
        var json = JsonSerializer.Serialize(escalated, IncidentProjectionStore.Json);
        foreach (var channel in Channels(wanted))
        {
            await outbox.EnqueueAsync(new ChannelDelivery($"{id:N}:e.{escalationId}:{channel}", channel.ToString(), id, notice, nameof(IncidentEscalated), json), now);
        }

        await events.PublishAsync(escalated, cancellationToken);
        telemetry.Escalated(reason);
        logger.Escalated(id, reason, level, detail);
    }

    private async Task ClosedAsync(IncidentProjection incident, DateTimeOffset now, IRouterEvents events, CancellationToken cancellationToken,
        string? resolution = null)
    {
        var id = incident.IncidentId;
        await timers.CancelAsync(id);
        if (incident.Route?.Maintenance is { } held)
        {
            await maintenance.ReleaseAsync(held.WindowId, id);
        }

        if (incident.Team.Any(m => m.LeftAt is null))
        {
            var change = TeamBuilder.Disband(incident.Team, incident.TeamTemplate ?? "", now);
            await store.SaveTeamAsync(id, change.Template, change.Members);
            await events.PublishAsync(new IncidentTeamChanged(id, change.Template, change.Members, [], change.Left, [],
                $"incident {incident.Snapshot?.State.ToString().ToLowerInvariant()}", now), cancellationToken);
        }

        // Paging services (PagerDuty) close their alert; chat channels hear that it is over.
        if (incident.Snapshot?.State == IncidentState.Resolved && incident.Route is { Suppressed: false } route && incident.Triage is { } triage)
        {
            var notice = Notice(NoticeKind.Resolved, incident, triage.Priority, resolution ?? "every member has cleared", route.Destinations, [], null, null, now);
            foreach (var channel in route.Channels.Where(c => c.StartsWith("webhook:", StringComparison.Ordinal)))
            {
                await outbox.EnqueueAsync(new ChannelDelivery($"{id:N}:resolved:{channel}", channel, id, notice, null, null), now);
            }
        }
    }

    private async Task CheckMaintenanceAsync(IncidentProjection incident, IReadOnlyList<ActiveWindow> windows, DateTimeOffset now, IRouterEvents events,
        CancellationToken cancellationToken)
    {
        var verdict = scopes.Evaluate(Members(incident), windows);
        await FlagAsync(incident, verdict, now, events, cancellationToken);
        if (incident.Route is { Suppressed: true } && verdict.HeldBy is null)
        {
            await RouteAsync(incident, now, "the incident reaches beyond the maintenance window's scope", events, cancellationToken);
        }
    }

    private async Task FlagAsync(IncidentProjection incident, MaintenanceVerdict verdict, DateTimeOffset now, IRouterEvents events, CancellationToken cancellationToken)
    {
        foreach (var (window, member) in verdict.OutOfScope)
        {
            if (await store.IsFlaggedAsync(incident.IncidentId, window.Window.Id, member.Resource))
            {
                continue;
            }

            await events.PublishAsync(new MaintenanceScopeExceeded(incident.IncidentId, window.Window.Id, window.Window.Name,
                window.Window.ChangeReference, member.Resource, member.Site, now), cancellationToken);
            await store.FlagAsync(incident.IncidentId, window.Window.Id, member.Resource);
            telemetry.Flagged();
            logger.OutOfScope(member.Resource, incident.IncidentId, window.Window.Id);
        }
    }

    /// <returns>When the next member's shift ends.</returns>
    private async Task<DateTimeOffset?> UpdateTeamAsync(IncidentProjection incident, DateTimeOffset now, string reason, IRouterEvents events, CancellationToken cancellationToken)
    {
        if (incident.Triage is not { } triage)
        {
            return null;
        }

        var change = teams.Update(incident.Team, triage.Category, now);
        if (change.Changed || incident.TeamTemplate != change.Template)
        {
            await store.SaveTeamAsync(incident.IncidentId, change.Template, change.Members);
            await events.PublishAsync(new IncidentTeamChanged(incident.IncidentId, change.Template, change.Members, change.Joined, change.Left,
                change.Unfilled, reason, now), cancellationToken);
        }

        if (change.NextHandover is { } handover)
        {
            await timers.SetAsync(incident.IncidentId, TimerKind.Handover, handover);
        }
        else
        {
            await timers.CancelAsync(incident.IncidentId, TimerKind.Handover);
        }

        return change.NextHandover;
    }

    private List<OnCallRecipient> Recipients(IEnumerable<Destination> destinations, DateTimeOffset now) =>
        [.. destinations.Where(d => d.Kind == DestinationKind.Function).SelectMany(d => roster.OnCall(d.Name, now)).Select(o => o.ToRecipient())];

    /// <summary>Queues and webhooks named directly, and those that reach the functions' on-call people.</summary>
    private List<Destination> Channels(IEnumerable<Destination> destinations) =>
        [.. destinations.SelectMany(d => d.Kind == DestinationKind.Function ? roster.Channels(d.Name) : [d]).Distinct()];

    /// <summary>The members, or before the router has seen any, the failed devices triage named.</summary>
    private static IReadOnlyList<MemberResource> Members(IncidentProjection incident) =>
        incident.Members.Count > 0 || incident.Triage is null
            ? incident.Members
            : [.. incident.Triage.Impact.FailedElements
                .Where(e => e.StartsWith("device ", StringComparison.OrdinalIgnoreCase))
                .Select(e => new MemberResource(e[7..].Trim(), incident.Triage.Site, null))];

    private static Notice Notice(NoticeKind kind, IncidentProjection incident, IncidentPriority priority, string reason,
        IReadOnlyList<string> destinations, IReadOnlyList<OnCallRecipient> recipients, EscalationReason? escalationReason, int? level, DateTimeOffset now)
    {
        var snapshot = incident.Snapshot;
        var triage = incident.Triage;
        var version = kind == NoticeKind.Routed ? triage?.IncidentVersion ?? 0 : snapshot?.Version ?? triage?.IncidentVersion ?? 0;
        return new Notice(kind, incident.IncidentId, version, snapshot?.Title ?? $"incident {incident.IncidentId:D}",
            snapshot?.State ?? IncidentState.Open, priority, triage?.Category, triage?.Site ?? snapshot?.Site, triage?.Region,
            snapshot?.MemberCount ?? incident.Members.Count, snapshot?.ActiveMemberCount ?? incident.Members.Count,
            triage?.Impact.Services ?? [], triage?.Impact.Customers ?? [], reason, destinations, recipients, escalationReason, level,
            incident.AcknowledgedBy, now);
    }
}
