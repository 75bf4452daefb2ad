using System.Text.RegularExpressions;
using Correlation.Console.Audit;
using Correlation.Console.Projection;
using Correlation.Contracts;
using Correlation.ServiceDefaults.Access;
using MassTransit;

namespace Correlation.Console.Api;

/// <summary>
/// Operators' actions on incidents. Each is checked against the console's view (400 naming the field, 404, 409),
/// published on the bus as the command or event the other services act on, and audited (accepted or refused).
/// The services re-check commands against their own state and answer with events (or OperatorActionRefused) that
/// reach the stream. Operators and admins may call them.
/// </summary>
public static partial class ActionEndpoints
{
    private const int MaxReason = 1000;
    private const int MaxText = 4000;
    private const int MaxName = 200;
    private const int MaxFingerprints = 10_000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/incidents/{id:guid}").WithTags("Incident actions").RequireOperator();
        Action(group, "acknowledge", "AcknowledgeIncident", "Take ownership of an open incident (publishes IncidentAcknowledged).", AcknowledgeAsync);
        Action<ResolveRequest>(group, "resolve", "ResolveIncident",
            "Resolve an open incident (publishes ResolveIncident). Refused with 409 while members still fire unless force is true with a reason.", ResolveAsync);
        Action<ReopenRequest>(group, "reopen", "ReopenIncident", "Reopen a resolved incident (publishes ReopenIncident).", ReopenAsync);
        Action<NoteRequest>(group, "notes", "AddIncidentNote", "Add a note (publishes IncidentNoteAdded).", NoteAsync);
        Action<FunctionRequest>(group, "functions", "AssignIncidentFunction",
            "Put a person in one of the incident team's functions (publishes IncidentFunctionAssigned).", FunctionAsync);
        Action<ChannelRequest>(group, "channels", "LinkIncidentChannel",
            "Link a chat channel, bridge call or vendor ticket (publishes IncidentChannelLinked).", ChannelAsync);
        Action<RootCauseRequest>(group, "root-cause", "RecordIncidentRootCause",
            "Record the structured root cause (publishes IncidentRootCauseRecorded).", RootCauseAsync);
        Action<WatchRequest>(group, "watch", "WatchIncident", "Put the incident on the watch list or take it off (publishes WatchIncident).", WatchAsync);
        Action<ChecklistRequest>(group, "checklist", "UpdateIncidentChecklist", "Tick, untick, drop or add a checklist step (publishes UpdateChecklist).", ChecklistAsync);
        Action<MergeRequest>(group, "merge", "MergeIncidents", "Merge other open incidents into this one (publishes MergeIncidents).", MergeAsync);
        Action<SplitRequest>(group, "split", "SplitIncident", "Take conditions out into a new incident (publishes SplitIncident).", SplitAsync);
        Action<MoveRequest>(group, "move", "MoveAlarms", "Move conditions to another open incident (publishes MoveAlarms).", MoveAsync);
        Action<ConfirmGroupingRequest>(group, "confirm-grouping", "ConfirmGrouping",
            "Confirm the grouping is right, as feedback for the correlator (publishes ConfirmGrouping).", ConfirmAsync);
    }

    private delegate Task<IResult> Handler<in T>(ActionContext context, IncidentView incident, T body);

    private static void Action(RouteGroupBuilder group, string path, string name, string summary, Handler<object?> handler) =>
        group.MapPost("/" + path, async (Guid id, HttpContext http, IncidentViewStore store, AuditTrail audit, IPublishEndpoint bus, TimeProvider clock, IncidentEventSignal signal) =>
            {
                var incident = await store.GetViewAsync(id);
                return incident is null
                    ? ApiProblems.NotFound($"No incident {id}.")
                    : await handler(new ActionContext(http, store, audit, bus, clock, signal, name), incident, null);
            })
            .WithName(name).WithSummary(summary)
            .Produces<ActionAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    private static void Action<T>(RouteGroupBuilder group, string path, string name, string summary, Handler<T> handler) where T : class =>
        group.MapPost("/" + path, async (Guid id, HttpContext http, IncidentViewStore store, AuditTrail audit, IPublishEndpoint bus, TimeProvider clock, IncidentEventSignal signal) =>
            {
                var (body, problem) = await ApiProblems.ReadBodyAsync<T>(http.Request);
                if (problem is not null)
                {
                    return problem;
                }

                var incident = await store.GetViewAsync(id);
                return incident is null
                    ? ApiProblems.NotFound($"No incident {id}.")
                    : await handler(new ActionContext(http, store, audit, bus, clock, signal, name), incident, body!);
            })
            .WithName(name).WithSummary(summary).Accepts<T>("application/json")
            .Produces<ActionAccepted>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    private static Task<IResult> AcknowledgeAsync(ActionContext c, IncidentView incident, object? _) =>
        incident.State != IncidentState.Open
            ? c.RefuseAsync([incident.Id], $"Incident {incident.Id} is {incident.State}; only open incidents are acknowledged.", null)
            : c.AcceptAsync([incident.Id], null, new IncidentAcknowledged(incident.Id, c.By, c.Now));

    private static async Task<IResult> ResolveAsync(ActionContext c, IncidentView incident, ResolveRequest body)
    {
        var force = body.Force ?? false;
        if (force && ApiProblems.RequireText("reason", body.Reason, MaxReason) is { } noReason)
        {
            return noReason;
        }

        if (ApiProblems.OptionalText("reason", body.Reason, MaxReason) is { } longReason)
        {
            return longReason;
        }

        RootCause? cause = null;
        if (body.RootCause is { } requested)
        {
            var (parsed, problem) = ParseRootCause(requested, "rootCause.");
            if (problem is not null)
            {
                return problem;
            }

            cause = parsed;
        }

        if (incident.State != IncidentState.Open)
        {
            return await c.RefuseAsync([incident.Id], $"Incident {incident.Id} is {incident.State}; only open incidents are resolved.", body);
        }

        if (incident.ActiveMemberCount > 0 && !force)
        {
            var detail = await c.Store.GetAsync(incident.Id);
            var firing = detail?.Alarms.Where(a => a.Status == AlarmStatus.Raised).Select(a => a.Fingerprint).Take(10).ToList() ?? [];
            return await c.RefuseAsync([incident.Id],
                $"{incident.ActiveMemberCount} member(s) still fire ({string.Join(", ", firing)}); resolve with force and a reason to close it anyway.", body);
        }

        object[] messages = cause is null
            ? [new ResolveIncident(incident.Id, force, c.By, Trimmed(body.Reason), c.Now)]
            : [new IncidentRootCauseRecorded(incident.Id, cause, c.By, c.Now), new ResolveIncident(incident.Id, force, c.By, Trimmed(body.Reason), c.Now)];
        return await c.AcceptAsync([incident.Id], body, messages,
            force ? $"{c.By} resolved it by force: {body.Reason}" : $"{c.By} asked to resolve it");
    }

    private static Task<IResult> ReopenAsync(ActionContext c, IncidentView incident, ReopenRequest body) =>
        ApiProblems.OptionalText("reason", body.Reason, MaxReason) is { } problem ? Task.FromResult(problem)
        : incident.State != IncidentState.Resolved
            ? c.RefuseAsync([incident.Id], $"Incident {incident.Id} is {incident.State}; only resolved incidents are reopened.", body)
            : c.AcceptAsync([incident.Id], body, [new ReopenIncident(incident.Id, c.By, Trimmed(body.Reason), c.Now)], $"{c.By} asked to reopen it");

    private static Task<IResult> NoteAsync(ActionContext c, IncidentView incident, NoteRequest body) =>
        ApiProblems.RequireText("text", body.Text, MaxText) is { } problem ? Task.FromResult(problem)
        : c.AcceptAsync([incident.Id], body, new IncidentNoteAdded(incident.Id, c.By, body.Text!.Trim(), c.Now));

    private static Task<IResult> FunctionAsync(ActionContext c, IncidentView incident, FunctionRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.Function) || !FunctionName().IsMatch(body.Function))
        {
            return Task.FromResult(ApiProblems.Field("function", "is required: lower-case letters, digits and '-', at most 64 (e.g. incident-coordinator)."));
        }

        return ApiProblems.OptionalText("assignee", body.Assignee, MaxName) is { } problem ? Task.FromResult(problem)
            : c.AcceptAsync([incident.Id], body, new IncidentFunctionAssigned(incident.Id, body.Function, Trimmed(body.Assignee), c.By, c.Now));
    }

    private static Task<IResult> ChannelAsync(ActionContext c, IncidentView incident, ChannelRequest body)
    {
        ChannelKind? kind = body.Kind?.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "chat" => ChannelKind.Chat,
            "bridge" => ChannelKind.Bridge,
            "vendorticket" => ChannelKind.VendorTicket,
            _ => null,
        };
        if (kind is null)
        {
            return Task.FromResult(ApiProblems.Field("kind", $"'{body.Kind}' is not one of chat, bridge, vendorTicket."));
        }

        if ((ApiProblems.RequireText("reference", body.Reference, 500) ?? ApiProblems.OptionalText("label", body.Label, MaxName)) is { } problem)
        {
            return Task.FromResult(problem);
        }

        // A reference that is a link must be one people can safely open from the console.
        var reference = body.Reference!.Trim();
        if (reference.Contains("://", StringComparison.Ordinal)
            && !(Uri.TryCreate(reference, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            return Task.FromResult(ApiProblems.Field("reference", "a link must be an absolute http or https URL."));
        }

        return c.AcceptAsync([incident.Id], body, new IncidentChannelLinked(incident.Id, kind.Value, reference, Trimmed(body.Label), c.By, c.Now));
    }

    private static Task<IResult> RootCauseAsync(ActionContext c, IncidentView incident, RootCauseRequest body)
    {
        var (cause, problem) = ParseRootCause(body, "");
        return problem is not null ? Task.FromResult(problem)
            : incident.State == IncidentState.Merged
                ? c.RefuseAsync([incident.Id], $"Incident {incident.Id} was merged; record the root cause on the incident it was merged into.", body)
                : c.AcceptAsync([incident.Id], body, new IncidentRootCauseRecorded(incident.Id, cause!, c.By, c.Now));
    }

    private static Task<IResult> WatchAsync(ActionContext c, IncidentView incident, WatchRequest body) =>
        body.Watch is null ? Task.FromResult(ApiProblems.Field("watch", "is required: true to watch, false to stop."))
        : ApiProblems.RequireText("reason", body.Reason, MaxReason) is { } problem ? Task.FromResult(problem)
        : c.AcceptAsync([incident.Id], body, [new WatchIncident(incident.Id, body.Watch.Value, c.By, body.Reason!.Trim(), c.Now)],
            body.Watch.Value ? $"{c.By} put it on the watch list: {body.Reason}" : $"{c.By} took it off the watch list: {body.Reason}");

    private static async Task<IResult> ChecklistAsync(ActionContext c, IncidentView incident, ChecklistRequest body)
    {
        ChecklistChange? change = body.Change?.ToLowerInvariant() switch
        {
            "tick" => ChecklistChange.Tick,
            "untick" => ChecklistChange.Untick,
            "add" => ChecklistChange.Add,
            "drop" => ChecklistChange.Drop,
            _ => null,
        };
        if (change is null)
        {
            return ApiProblems.Field("change", $"'{body.Change}' is not one of tick, untick, add, drop.");
        }

        if (change == ChecklistChange.Add)
        {
            if (ApiProblems.RequireText("text", body.Text, MaxName * 2) is { } problem)
            {
                return problem;
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(body.ItemId))
            {
                return ApiProblems.Field("itemId", $"is required to {body.Change} a step.");
            }

            var plan = (await c.Store.GetAsync(incident.Id))?.Plan;
            if (plan is { Checklist.Count: > 0 } && plan.Checklist.All(i => i.Id != body.ItemId))
            {
                return ApiProblems.Field("itemId", $"the checklist has no step '{body.ItemId}'.");
            }
        }

        return await c.AcceptAsync([incident.Id], body,
            [new UpdateChecklist(incident.Id, change.Value, change == ChecklistChange.Add ? null : body.ItemId, Trimmed(body.Text), c.By, c.Now)],
            $"{c.By} asked to {body.Change!.ToLowerInvariant()} " + (change == ChecklistChange.Add ? $"'{body.Text}'" : $"step {body.ItemId}"));
    }

    private static async Task<IResult> MergeAsync(ActionContext c, IncidentView incident, MergeRequest body)
    {
        if (body.Sources is not { Count: > 0 } sources)
        {
            return ApiProblems.Field("sources", "name at least one incident to merge into this one.");
        }

        if (sources.Contains(incident.Id))
        {
            return ApiProblems.Field("sources", "an incident cannot be merged into itself.");
        }

        if (sources.Distinct().Count() != sources.Count)
        {
            return ApiProblems.Field("sources", "names an incident more than once.");
        }

        if (ApiProblems.OptionalText("reason", body.Reason, MaxReason) is { } problem)
        {
            return problem;
        }

        var views = new List<IncidentView>();
        foreach (var source in sources)
        {
            if (await c.Store.GetViewAsync(source) is not { } view)
            {
                return ApiProblems.Field("sources", $"no incident {source}.");
            }

            views.Add(view);
        }

        Guid[] all = [incident.Id, .. sources];
        if (incident.State != IncidentState.Open || views.Any(v => v.State != IncidentState.Open))
        {
            var closed = views.Prepend(incident).Where(v => v.State != IncidentState.Open).Select(v => $"{v.Id} is {v.State}");
            return await c.RefuseAsync(all, $"Only open incidents are merged: {string.Join("; ", closed)}.", body);
        }

        return await c.AcceptAsync(all, body, [new MergeIncidents(incident.Id, sources, c.By, Trimmed(body.Reason), c.Now)],
            $"{c.By} asked to merge {string.Join(", ", views.Select(v => v.Title))} into this incident");
    }

    private static async Task<IResult> SplitAsync(ActionContext c, IncidentView incident, SplitRequest body)
    {
        if (await CheckFingerprintsAsync(c, incident, body.Fingerprints, body.Reason) is { } problem)
        {
            return problem;
        }

        if (incident.State != IncidentState.Open)
        {
            return await c.RefuseAsync([incident.Id], $"Incident {incident.Id} is {incident.State}; only open incidents are split.", body);
        }

        if (body.Fingerprints!.Distinct().Count() >= incident.MemberCount)
        {
            return await c.RefuseAsync([incident.Id], "A split must leave at least one condition in the incident.", body);
        }

        return await c.AcceptAsync([incident.Id], body,
            [new SplitIncident(incident.Id, [.. body.Fingerprints!.Distinct()], c.By, Trimmed(body.Reason), c.Now)],
            $"{c.By} asked to split out {string.Join(", ", body.Fingerprints!.Distinct())}");
    }

    private static async Task<IResult> MoveAsync(ActionContext c, IncidentView incident, MoveRequest body)
    {
        if (body.To is not { } to)
        {
            return ApiProblems.Field("to", "name the incident to move the conditions to.");
        }

        if (to == incident.Id)
        {
            return ApiProblems.Field("to", "is the incident the conditions are already in.");
        }

        if (await CheckFingerprintsAsync(c, incident, body.Fingerprints, body.Reason) is { } problem)
        {
            return problem;
        }

        if (await c.Store.GetViewAsync(to) is not { } target)
        {
            return ApiProblems.Field("to", $"no incident {to}.");
        }

        if (incident.State != IncidentState.Open || target.State != IncidentState.Open)
        {
            return await c.RefuseAsync([incident.Id, to], $"Conditions move only between open incidents ({incident.Id} is {incident.State}, {to} is {target.State}).", body);
        }

        return await c.AcceptAsync([incident.Id, to], body,
            [new MoveAlarms(incident.Id, to, [.. body.Fingerprints!.Distinct()], c.By, Trimmed(body.Reason), c.Now)],
            $"{c.By} asked to move {string.Join(", ", body.Fingerprints!.Distinct())} to {target.Title}");
    }

    private static Task<IResult> ConfirmAsync(ActionContext c, IncidentView incident, ConfirmGroupingRequest body) =>
        ApiProblems.OptionalText("reason", body.Reason, MaxReason) is { } problem ? Task.FromResult(problem)
        : incident.State == IncidentState.Merged
            ? c.RefuseAsync([incident.Id], $"Incident {incident.Id} was merged into another; confirm that one's grouping.", body)
            : c.AcceptAsync([incident.Id], body, [new ConfirmGrouping(incident.Id, c.By, c.Now)], $"{c.By} confirmed the grouping");

    /// <summary>Fingerprints are required and, when the console holds every member of the incident, must be members.</summary>
    private static async Task<IResult?> CheckFingerprintsAsync(ActionContext c, IncidentView incident, IReadOnlyList<string>? fingerprints, string? reason)
    {
        if (fingerprints is not { Count: > 0 } || fingerprints.Any(string.IsNullOrWhiteSpace))
        {
            return ApiProblems.Field("fingerprints", "name at least one member condition by its fingerprint (none blank).");
        }

        if (fingerprints.Count > MaxFingerprints)
        {
            return ApiProblems.Field("fingerprints", $"at most {MaxFingerprints} at once.");
        }

        if (ApiProblems.OptionalText("reason", reason, MaxReason) is { } problem)
        {
            return problem;
        }

        var members = (await c.Store.GetAsync(incident.Id))?.Alarms.Select(a => a.Fingerprint).ToHashSet(StringComparer.Ordinal) ?? [];
        if (members.Count >= incident.MemberCount && fingerprints.FirstOrDefault(f => !members.Contains(f)) is { } unknown)
        {
            return ApiProblems.Field("fingerprints", $"'{unknown}' is not a member of incident {incident.Id}.");
        }

        return null;
    }

    private static (RootCause? Cause, IResult? Problem) ParseRootCause(RootCauseRequest body, string prefix)
    {
        var problem = ApiProblems.RequireText(prefix + "element", body.Element, MaxName)
            ?? ApiProblems.RequireText(prefix + "failureType", body.FailureType, MaxName)
            ?? ApiProblems.RequireText(prefix + "causeCategory", body.CauseCategory, MaxName)
            ?? ApiProblems.OptionalText(prefix + "description", body.Description, MaxText);
        return problem is not null
            ? (null, problem)
            : (new RootCause(body.Element!.Trim(), body.FailureType!.Trim(), body.CauseCategory!.Trim().ToLowerInvariant(), Trimmed(body.Description)), null);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex FunctionName();

    /// <summary>What every action needs: the caller, the clock, the bus, the view and the audit trail.</summary>
    private sealed class ActionContext(HttpContext http, IncidentViewStore store, AuditTrail audit, IPublishEndpoint bus, TimeProvider clock,
        IncidentEventSignal signal, string action)
    {
        public IncidentViewStore Store { get; } = store;

        public string By { get; } = http.User.CallerName();

        public DateTimeOffset Now { get; } = clock.GetUtcNow();

        public Task<IResult> AcceptAsync(Guid[] incidents, object? body, object message) => AcceptAsync(incidents, body, [message], null);

        /// <param name="request">
        /// For commands another service carries out, the line the incidents' timelines show for the request (the outcome
        /// comes back as that service's event); null for events, which reach the timeline themselves.
        /// </param>
        public async Task<IResult> AcceptAsync(Guid[] incidents, object? body, object[] messages, string? request)
        {
            foreach (var message in messages)
            {
                await bus.Publish(message, message.GetType(), http.RequestAborted);
            }

            var record = await audit.RecordAsync(http.User, action, incidents, "accepted", StatusCodes.Status202Accepted, body);
            if (request is not null)
            {
                foreach (var incident in incidents)
                {
                    await Store.AppendAsync(incident, "audit:" + record.Id, action, messages[^1], Now, By, request);
                }

                signal.Pulse();
            }

            return Results.Accepted(value: new ActionAccepted(action, incidents, By, Now, record.Id));
        }

        public async Task<IResult> RefuseAsync(Guid[] incidents, string reason, object? body)
        {
            await audit.RecordAsync(http.User, action, incidents, "refused: " + reason, StatusCodes.Status409Conflict, body);
            return ApiProblems.Conflict(reason);
        }
    }
}
