using System.Diagnostics;
using Correlation.Contracts;
using Correlation.Triage.Impact;
using Correlation.Triage.Planning;
using Correlation.Triage.Policy;
using Correlation.Triage.Similar;
using Correlation.Triage.Store;
using Microsoft.Extensions.Options;

namespace Correlation.Triage.Priority;

/// <summary>
/// Triage's work on one incident: keeps its projection, re-triages it whenever it changes (new members,
/// clears, merges) or an operator watches it, and stores each new decision and action plan before handing it
/// back to publish. A decision is new when the priority, category, impact, watch, site or teams moved;
/// anything else (a stale or repeated event, a repeat alarm) publishes nothing. Decisions and plans are
/// stored by compare-and-set on their revision, so triages of one incident racing in several consumers or
/// processes publish each change once.
/// </summary>
public sealed class IncidentTriager(
    TriageStore store,
    SimilarIncidentStore similar,
    PolicyProvider policies,
    TriageTopology topology,
    IOptions<TriageOptions> options,
    TimeProvider time,
    TriageTelemetry telemetry,
    ILogger<IncidentTriager> logger)
{
    // Each retry means another triage of the same incident stored first; a handful is plenty, and the
    // incident's next event triages again anyway.
    private const int MaxAttempts = 5;

    /// <summary>An incident event (opened, updated, merged with <paramref name="absorbed"/>, resolved).</summary>
    /// <param name="alarm">The alarm that changed the incident; null when an operator's command did.</param>
    public Task<TriageOutcome> OnIncidentAsync(IncidentSnapshot incident, Alarm? alarm, IReadOnlyList<IncidentSnapshot> absorbed) =>
        OnIncidentAsync(incident, alarm is null ? [] : [alarm], absorbed);

    /// <param name="alarms">The alarms that changed the incident, oldest first (one event carries a batch's alarms of an incident); none when an operator's command did.</param>
    public async Task<TriageOutcome> OnIncidentAsync(IncidentSnapshot incident, IReadOnlyList<Alarm> alarms, IReadOnlyList<IncidentSnapshot> absorbed)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(alarms);
        var (changed, mergedInto) = await store.ApplyAsync(incident, alarms.Count > 0 ? alarms[0] : null, absorbed);
        for (var i = 1; i < alarms.Count && mergedInto is null; i++)
        {
            var (more, into) = await store.ApplyAsync(incident, alarms[i], []);
            (changed, mergedInto) = (changed | more, into);
        }

        if (mergedInto is { } survivor && survivor != incident.IncidentId)
        {
            // A late event of an incident merged away: its alarms belong to the survivor now.
            var forwarded = false;
            foreach (var alarm in alarms)
            {
                forwarded |= await store.ForwardAsync(survivor, alarm);
            }

            return forwarded ? await TriageAsync(survivor) : await UnsentAsync(survivor);
        }
        if (incident.State == IncidentState.Resolved)
        {
            await IndexIfResolvedAsync(incident.IncidentId);
            return TriageOutcome.None;
        }
        return changed ? await TriageAsync(incident.IncidentId) : await UnsentAsync(incident.IncidentId);
    }

    /// <summary>An operator moved conditions between incidents (a split or a move): both are triaged again.</summary>
    public async Task<TriageOutcome> OnMovedAsync(AlarmsMoved moved)
    {
        ArgumentNullException.ThrowIfNull(moved);
        await store.ApplyAsync(moved.From, null, []);
        await store.RemoveMembersAsync(moved.From.IncidentId, [.. moved.Alarms.Select(a => a.Fingerprint)]);
        await store.ApplyAsync(moved.To, null, []);
        foreach (var alarm in moved.Alarms)
        {
            await store.ApplyAsync(moved.To, alarm, []);
        }

        var from = await TriageAsync(moved.From.IncidentId);
        var to = await TriageAsync(moved.To.IncidentId);
        return new TriageOutcome([.. from.Triaged, .. to.Triaged], [.. from.Planned, .. to.Planned]);
    }

    public async Task<TriageOutcome> OnWatchAsync(WatchIncident command)
    {
        ArgumentNullException.ThrowIfNull(command);
        TriageLog.Watch(logger, command.IncidentId, command.Watch ? "watched" : "no longer watched", command.By, command.Reason);
        await store.SetWatchAsync(command.IncidentId, command.Watch ? new OperatorWatch(command.By, command.Reason, command.At) : null);
        return await TriageAsync(command.IncidentId);
    }

    public async Task<TriageOutcome> OnChecklistAsync(UpdateChecklist command)
    {
        ArgumentNullException.ThrowIfNull(command);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var record = await store.ReadAsync(command.IncidentId);
            if (record?.Plan is not { } plan)
            {
                return Refuse(command, "the incident has no action plan");
            }
            var (changed, refused) = ActionPlanner.Apply(plan, command);
            if (changed is null)
            {
                return Refuse(command, refused!);
            }
            if (await store.RecordPlanAsync(command.IncidentId, record.PlanRevision, changed))
            {
                telemetry.ChecklistChanged(command.Change, applied: true);
                telemetry.Planned("checklist");
                return new TriageOutcome([], [changed.ToEvent(command.IncidentId, record.PlanRevision + 1)]);
            }
        }
        TriageLog.GaveUp(logger, command.IncidentId, "the checklist");
        return TriageOutcome.None;
    }

    public Task OnRootCauseAsync(IncidentRootCauseRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return similar.RecordRootCauseAsync(recorded.IncidentId, recorded.RootCause);
    }

    /// <summary>Notes that the outcome was published, so it is not published again.</summary>
    public async Task ConfirmAsync(TriageOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        foreach (var triaged in outcome.Triaged)
        {
            await store.MarkDecisionSentAsync(triaged.IncidentId, triaged.Revision);
        }
        foreach (var planned in outcome.Planned)
        {
            await store.MarkPlanSentAsync(planned.IncidentId, planned.Revision);
        }
    }

    /// <summary>Triages the incident as it now stands; publishes nothing when nothing that matters moved.</summary>
    public async Task<TriageOutcome> TriageAsync(Guid incidentId)
    {
        using var activity = TriageTelemetry.Source.StartActivity("triage");
        activity?.SetTag("incident.id", incidentId.ToString("D"));
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var record = await store.ReadAsync(incidentId);
            if (record?.Projection is not { } projection || !record.IsOpen)
            {
                return TriageOutcome.None;
            }
            var policy = policies.Current;
            var now = time.GetUtcNow();
            var assessment = ImpactAssessor.Assess(projection, topology.Current, policy.Classification);
            var decision = PriorityDecider.Decide(assessment, policy, now, record.Watch);
            var incident = projection.Incident;
            var candidate = new IncidentTriaged(incidentId, incident.Version, decision.Priority, record.Decision?.Priority, decision.Reason, now,
                assessment.Category, assessment.Impact, assessment.Site, assessment.Region, assessment.Teams, decision.Watched, record.Revision + 1);

            IncidentTriaged? triaged;
            if (record.Decision is { } previous && !Differs(previous, candidate))
            {
                triaged = record.DecisionSent ? null : previous;
            }
            else if (await store.RecordDecisionAsync(incidentId, record.Revision, candidate))
            {
                triaged = candidate;
                telemetry.Decided(candidate);
                TriageLog.Triaged(logger, incidentId, incident.Version, candidate.Priority, candidate.Category, candidate.Revision, candidate.Reason);
            }
            else
            {
                continue;
            }

            activity?.SetTag("incident.priority", decision.Priority.ToString());
            activity?.SetTag("incident.category", assessment.Category.ToString());
            var planned = await PlanAsync(incidentId, record, projection, assessment, policy, now);
            return new TriageOutcome(triaged is null ? [] : [triaged], planned is null ? [] : [planned]);
        }
        TriageLog.GaveUp(logger, incidentId, "the decision");
        return TriageOutcome.None;
    }

    /// <summary>A new plan when there is none or the template changed; else the stored one if it was never published.</summary>
    private async Task<IncidentActionPlanned?> PlanAsync(Guid incidentId, TriageRecord record, IncidentProjection projection,
        Assessment assessment, TriagePolicy policy, DateTimeOffset now)
    {
        var template = ActionPlanner.TemplateFor(policy, assessment);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (record.Plan is { } plan && string.Equals(plan.Template, template.Name, StringComparison.Ordinal))
            {
                return record.PlanSent ? null : plan.ToEvent(incidentId, record.PlanRevision);
            }
            var made = ActionPlanner.Make(record.Plan, template, assessment.Category, await FindSimilarAsync(projection, assessment, now), now);
            if (await store.RecordPlanAsync(incidentId, record.PlanRevision, made))
            {
                telemetry.Planned(record.Plan is null ? "new" : "template");
                return made.ToEvent(incidentId, record.PlanRevision + 1);
            }
            if (await store.ReadAsync(incidentId) is not { } reread)
            {
                return null;
            }
            record = reread;
        }
        TriageLog.GaveUp(logger, incidentId, "the action plan");
        return null;
    }

    private async Task<IReadOnlyList<SimilarIncident>> FindSimilarAsync(IncidentProjection projection, Assessment assessment, DateTimeOffset now)
    {
        var settings = options.Value;
        if (settings.SimilarResults == 0)
        {
            return [];
        }
        var started = Stopwatch.GetTimestamp();
        var current = IncidentSignature.Of(projection with { Members = [.. projection.Active] }, assessment, now);
        var found = Similarity.Rank(current, await similar.CandidatesAsync(), settings.SimilarResults, settings.MinSimilarity);
        telemetry.Searched(Stopwatch.GetElapsedTime(started));
        return found;
    }

    /// <summary>
    /// Indexes a resolved incident for similarity, as it was at its worst: every member counted as raised, so
    /// the failed elements are those it had, not the nothing it has now that all have cleared.
    /// </summary>
    private async Task IndexIfResolvedAsync(Guid incidentId)
    {
        if (await store.ReadAsync(incidentId) is not { Projection: { Incident.State: IncidentState.Resolved } projection })
        {
            return;
        }
        var asRaised = projection with { Members = [.. projection.Members.Select(m => m with { Cleared = false })] };
        var assessment = ImpactAssessor.Assess(asRaised, topology.Current, policies.Current.Classification);
        await similar.IndexAsync(IncidentSignature.Of(projection, assessment, projection.Incident.UpdatedAt));
    }

    /// <summary>A decision or plan stored but never published (the broker failed after the store): published now.</summary>
    private async Task<TriageOutcome> UnsentAsync(Guid incidentId)
    {
        if (await store.ReadAsync(incidentId) is not { } record)
        {
            return TriageOutcome.None;
        }
        return new TriageOutcome(
            record is { DecisionSent: false, Decision: { } decision } ? [decision] : [],
            record is { PlanSent: false, Plan: { } plan } ? [plan.ToEvent(incidentId, record.PlanRevision)] : []);
    }

    private TriageOutcome Refuse(UpdateChecklist command, string reason)
    {
        telemetry.ChecklistChanged(command.Change, applied: false);
        TriageLog.ChecklistRefused(logger, command.IncidentId, command.Change, command.By, reason);
        return TriageOutcome.None;
    }

    private static bool Differs(IncidentTriaged a, IncidentTriaged b) =>
        a.Priority != b.Priority || a.Category != b.Category || a.Watched != b.Watched
        || !string.Equals(a.Site, b.Site, StringComparison.Ordinal) || !string.Equals(a.Region, b.Region, StringComparison.Ordinal)
        || !a.Teams.SequenceEqual(b.Teams, StringComparer.Ordinal)
        || !a.Impact.FailedElements.SequenceEqual(b.Impact.FailedElements, StringComparer.Ordinal)
        || !a.Impact.Services.SequenceEqual(b.Impact.Services, StringComparer.Ordinal)
        || !a.Impact.Customers.SequenceEqual(b.Impact.Customers, StringComparer.Ordinal)
        || !a.Impact.CutOffDevices.SequenceEqual(b.Impact.CutOffDevices, StringComparer.Ordinal)
        || !a.Impact.DegradedRedundancyGroups.SequenceEqual(b.Impact.DegradedRedundancyGroups, StringComparer.Ordinal)
        || !a.Impact.ExhaustedRedundancyGroups.SequenceEqual(b.Impact.ExhaustedRedundancyGroups, StringComparer.Ordinal);
}
