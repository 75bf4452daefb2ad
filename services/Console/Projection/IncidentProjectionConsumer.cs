using Correlation.Contracts;
using MassTransit;

namespace Correlation.Console.Projection;

/// <summary>
/// Keeps the console's incident view, timeline and event stream up to date from every incident event: the
/// correlator's, triage's, the router's and the console's own. Events without a version are told apart by their
/// message id, so a redelivery is applied once.
/// </summary>
public sealed class IncidentProjectionConsumer(IncidentViewStore store, IncidentEventSignal signal) :
    IConsumer<IncidentOpened>, IConsumer<IncidentUpdated>, IConsumer<IncidentResolved>, IConsumer<IncidentMerged>,
    IConsumer<IncidentReopened>, IConsumer<AlarmsMoved>, IConsumer<OperatorActionRefused>,
    IConsumer<IncidentTriaged>, IConsumer<IncidentActionPlanned>, IConsumer<IncidentRouted>,
    IConsumer<IncidentAcknowledged>, IConsumer<IncidentNoteAdded>, IConsumer<IncidentRootCauseRecorded>,
    IConsumer<IncidentChannelLinked>, IConsumer<IncidentFunctionAssigned>,
    IConsumer<IncidentEscalated>, IConsumer<IncidentTeamChanged>, IConsumer<MaintenanceScopeExceeded>
{
    public Task Consume(ConsumeContext<IncidentOpened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message.Incident, context.Message.Alarm, nameof(IncidentOpened), context.Message,
            earlier: context.Message.Earlier));
    }

    public Task Consume(ConsumeContext<IncidentUpdated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message.Incident, context.Message.Alarm, nameof(IncidentUpdated), context.Message,
            earlier: context.Message.Earlier));
    }

    public Task Consume(ConsumeContext<IncidentResolved> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resolved = context.Message;
        // By an operator (who and why), expired by the correlator (why: no alarm for its dedup horizon), or cleared (the last clear).
        var summary = resolved.By is null && resolved.Reason is not null ? $"resolved: {resolved.Reason}" : resolved.Resolution();
        return Applied(store.ApplyAsync(resolved.Incident, resolved.Alarm, nameof(IncidentResolved), resolved, resolved.By, summary));
    }

    /// <summary>The survivor takes the alarm; each absorbed incident's view shows it merged (its last version).</summary>
    public async Task Consume(ConsumeContext<IncidentMerged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var merged = context.Message;
        var into = merged.By is null ? null : $"{merged.By} merged {merged.Absorbed.Count} incident(s) into this one";
        await Applied(store.ApplyAsync(merged.Incident, merged.Alarm, nameof(IncidentMerged), merged, merged.By, into));
        foreach (var absorbed in merged.Absorbed)
        {
            // The alarm joined the survivor only; it is counted and listed there once.
            await Applied(store.ApplyAsync(absorbed, null, nameof(IncidentMerged), merged, merged.By,
                $"merged into {merged.Incident.Title}" + (merged.By is null ? "" : $" by {merged.By}")));
        }

        await store.AdoptMembersAsync(merged.Incident.IncidentId, merged.Absorbed.Select(a => a.IncidentId));
    }

    public Task Consume(ConsumeContext<IncidentReopened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reopened = context.Message;
        return Applied(store.ApplyAsync(reopened.Incident, null, nameof(IncidentReopened), reopened, reopened.By,
            $"reopened by {reopened.By}" + (reopened.Reason is null ? "" : $": {reopened.Reason}")));
    }

    public Task Consume(ConsumeContext<AlarmsMoved> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message, Dedup(context)));
    }

    public Task Consume(ConsumeContext<OperatorActionRefused> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var refused = context.Message;
        return Applied(store.AppendAsync(refused.IncidentId, Dedup(context), nameof(OperatorActionRefused), refused, refused.At, refused.By,
            $"{refused.Command} by {refused.By} refused: {refused.Reason}"));
    }

    public Task Consume(ConsumeContext<IncidentTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message, Dedup(context)));
    }

    public Task Consume(ConsumeContext<IncidentActionPlanned> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message, Dedup(context)));
    }

    public Task Consume(ConsumeContext<IncidentRouted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message, Dedup(context)));
    }

    public Task Consume(ConsumeContext<IncidentAcknowledged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message, Dedup(context)));
    }

    public Task Consume(ConsumeContext<IncidentNoteAdded> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var note = context.Message;
        return Applied(store.AppendAsync(note.IncidentId, Dedup(context), nameof(IncidentNoteAdded), note, note.At, note.By, note.Text));
    }

    public Task Consume(ConsumeContext<IncidentRootCauseRecorded> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message, Dedup(context)));
    }

    public Task Consume(ConsumeContext<IncidentChannelLinked> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message, Dedup(context)));
    }

    public Task Consume(ConsumeContext<IncidentFunctionAssigned> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message, Dedup(context)));
    }

    public Task Consume(ConsumeContext<IncidentEscalated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var e = context.Message;
        return Applied(store.AppendAsync(e.IncidentId, Dedup(context), nameof(IncidentEscalated), e, e.EscalatedAt, "router",
            $"escalated ({e.Reason}, level {e.Level}): {e.Detail}"));
    }

    public Task Consume(ConsumeContext<IncidentTeamChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var e = context.Message;
        var change = string.Join("; ", e.Joined.Select(m => $"{m.Name} joined as {m.Function}").Concat(e.Left.Select(m => $"{m.Name} left {m.Function}")));
        return Applied(store.ApplyAsync(e, Dedup(context), $"team {e.Template}: {(change.Length > 0 ? change : e.Reason)}"));
    }

    public Task Consume(ConsumeContext<MaintenanceScopeExceeded> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var e = context.Message;
        return Applied(store.AppendAsync(e.IncidentId, Dedup(context), nameof(MaintenanceScopeExceeded), e, e.At, "router",
            $"{e.Resource} alarmed outside maintenance window '{e.WindowName}'" + (e.ChangeReference is null ? "" : $" ({e.ChangeReference})")));
    }

    private static string Dedup(ConsumeContext context) => context.MessageId?.ToString("N") ?? Guid.NewGuid().ToString("N");

    private async Task Applied(Task<string?> apply)
    {
        if (await apply is not null)
        {
            signal.Pulse();
        }
    }
}
