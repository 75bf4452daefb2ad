using System.Globalization;
using System.Text;
using Correlation.Console.Projection;
using Correlation.Contracts;
using Correlation.ServiceDefaults.Access;
using Microsoft.Extensions.Options;

namespace Correlation.Console.Api;

/// <summary>The incident API's reads: the list, one incident and its parts, and the live event stream. Viewers may call them.</summary>
public static class IncidentEndpoints
{
    private const int MaxListLimit = 1000;
    private const int MaxTimelineLimit = 5000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireViewer();
        group.MapGet("/", ListAsync).WithName("ListIncidents")
            .WithSummary("Incidents newest first, filtered by state, priority, site, service, team and opening time, paged by offset and limit.")
            .Produces<IReadOnlyList<IncidentView>>().ProducesValidationProblem();
        group.MapGet("/stream", StreamAsync).WithName("StreamIncidentEvents")
            .WithSummary("Server-sent events of every incident change; resumable with Last-Event-ID; filterable by priority, site and team.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesValidationProblem();
        group.MapGet("/{id:guid}", async (Guid id, IncidentViewStore store) =>
                await store.GetAsync(id) is { } detail ? Results.Ok(detail) : Missing(id))
            .WithName("GetIncident").WithSummary("One incident with its members, impact, team, plan, channels, priority history and root cause.")
            .Produces<IncidentDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/timeline", TimelineAsync).WithName("GetIncidentTimeline")
            .WithSummary("Every event of the incident, oldest first (the newest entries are kept when there are very many).")
            .Produces<IReadOnlyList<TimelineEntry>>().ProducesProblem(StatusCodes.Status404NotFound);
        MapPart(group, "team", "GetIncidentTeam", d => d.Team);
        MapPart(group, "checklist", "GetIncidentChecklist", d => d.Plan.Checklist);
        MapPart(group, "similar", "GetSimilarIncidents", d => d.Plan.Similar);
        MapPart(group, "channels", "GetIncidentChannels", d => d.Channels);
        MapPart(group, "priority-history", "GetIncidentPriorityHistory", d => d.PriorityHistory);
        MapPart(group, "members", "GetIncidentMembers", d => d.Alarms);
    }

    private static void MapPart<T>(RouteGroupBuilder group, string part, string name, Func<IncidentDetail, T> select) =>
        group.MapGet("/{id:guid}/" + part, async (Guid id, IncidentViewStore store) =>
                await store.GetAsync(id) is { } detail ? Results.Ok(select(detail)) : Missing(id))
            .WithName(name).Produces<T>().ProducesProblem(StatusCodes.Status404NotFound);

    private static IResult Missing(Guid id) => ApiProblems.NotFound($"No incident {id}.");

    private static async Task<IResult> ListAsync(IncidentViewStore store, string? state, string? priority, string? site, string? service,
        string? team, string? from, string? to, string? limit, string? offset)
    {
        IncidentState? stateFilter = null;
        if (state is not null)
        {
            if (!Enum.TryParse<IncidentState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
            {
                return ApiProblems.Field("state", $"'{state}' is not one of Open, Resolved, Merged.");
            }

            stateFilter = parsed;
        }

        if (ParsePriorities(priority) is not { } priorities)
        {
            return ApiProblems.Field("priority", $"'{priority}' is not one or more (comma-separated) of P1, P2, P3, P4.");
        }

        if (ParseTime(from) is not { } after)
        {
            return ApiProblems.Field("from", $"'{from}' is not an ISO 8601 date and time.");
        }

        if (ParseTime(to) is not { } before)
        {
            return ApiProblems.Field("to", $"'{to}' is not an ISO 8601 date and time.");
        }

        if (ParseInt(limit, 100) is not { } take || take < 1 || take > MaxListLimit)
        {
            return ApiProblems.Field("limit", $"must be a whole number between 1 and {MaxListLimit}.");
        }

        if (ParseInt(offset, 0) is not { } skip || skip < 0)
        {
            return ApiProblems.Field("offset", "must be a whole number, 0 or more.");
        }

        var filter = new IncidentFilter(stateFilter, priorities, Blank(site), Blank(service), Blank(team), after.Value, before.Value);
        return Results.Ok(await store.ListAsync(filter, skip, take));
    }

    private static async Task<IResult> TimelineAsync(Guid id, IncidentViewStore store, string? limit, string? offset)
    {
        if (ParseInt(limit, 500) is not { } take || take < 1 || take > MaxTimelineLimit)
        {
            return ApiProblems.Field("limit", $"must be a whole number between 1 and {MaxTimelineLimit}.");
        }

        if (ParseInt(offset, 0) is not { } skip || skip < 0)
        {
            return ApiProblems.Field("offset", "must be a whole number, 0 or more.");
        }

        var timeline = await store.TimelineAsync(id, skip, take);
        return timeline.Count == 0 && skip == 0 && await store.GetViewAsync(id) is null ? Missing(id) : Results.Ok(timeline);
    }

    /// <summary>
    /// Server-sent events of every incident change, with the Redis stream id as the event id. A client that
    /// reconnects with Last-Event-ID gets every event it missed that the stream still holds. With filters, an event
    /// is sent when its incident matched them just after the event was applied (an incident not yet triaged has no
    /// priority, so its first events pass no priority filter; its triage does).
    /// </summary>
    private static async Task StreamAsync(HttpContext http, IncidentViewStore store, IncidentEventSignal signal,
        IOptions<ConsoleOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock,
        string? lastEventId, string? priority, string? site, string? team)
    {
        // Streams end when the client leaves or the host stops, so a shutdown does not wait on open consoles.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var cancel = linked.Token;
        var after = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? lastEventId;
        if (after is not null && ParseStreamId(after) is null)
        {
            await ApiProblems.Field("Last-Event-ID", $"'{after}' is not an event id from this stream.").ExecuteAsync(http);
            return;
        }

        if (ParsePriorities(priority) is not { } priorities)
        {
            await ApiProblems.Field("priority", $"'{priority}' is not one or more (comma-separated) of P1, P2, P3, P4.").ExecuteAsync(http);
            return;
        }

        var priorityNames = priorities.Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
        var siteFilter = Blank(site);
        var teamFilter = Blank(team) is { } t ? "|" + t.ToLowerInvariant() + "|" : null;

        var resumed = after is not null;
        after ??= await store.LatestEventIdAsync();
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync("retry: 2000\n\n", cancel);
        var oldest = resumed ? await store.OldestEventIdAsync() : null;
        if (oldest is not null && ParseStreamId(oldest)!.Value.CompareTo(ParseStreamId(after)!.Value) > 0)
        {
            // The client's last event has been trimmed from the bounded stream: say so rather than
            // resume silently over a gap, so it reloads the incident list.
            await http.Response.WriteAsync(
                $"event: stream-reset\ndata: {{\"reason\":\"events after {after} are no longer kept; reload the incident list\",\"oldest\":\"{oldest}\"}}\n\n",
                cancel);
        }

        await http.Response.Body.FlushAsync(cancel);

        var keepAlive = options.Value.StreamKeepAlive;
        var quietSince = clock.GetUtcNow();
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var entries = await store.ReadEventsAsync(after, 500);
                var text = new StringBuilder();
                foreach (var entry in entries)
                {
                    after = entry.Id;
                    if ((priorityNames.Count == 0 || priorityNames.Contains(entry.Priority))
                        && (siteFilter is null || string.Equals(entry.Site, siteFilter, StringComparison.OrdinalIgnoreCase))
                        && (teamFilter is null || entry.Teams.Contains(teamFilter, StringComparison.Ordinal)))
                    {
                        text.Append("id: ").Append(entry.Id).Append('\n')
                            .Append("event: ").Append(entry.Type).Append('\n')
                            .Append("data: ").Append(entry.Data).Append("\n\n");
                    }
                }

                if (text.Length > 0)
                {
                    await http.Response.WriteAsync(text.ToString(), cancel);
                    await http.Response.Body.FlushAsync(cancel);
                    quietSince = clock.GetUtcNow();
                }
                else if (clock.GetUtcNow() - quietSince >= keepAlive)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", cancel);
                    await http.Response.Body.FlushAsync(cancel);
                    quietSince = clock.GetUtcNow();
                }

                if (entries.Count == 0)
                {
                    await signal.WaitAsync(TimeSpan.FromSeconds(1), cancel);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client went away; nothing to clean up.
        }
    }

    /// <summary>A Redis stream id as a comparable pair, or null when the text is not one.</summary>
    internal static (ulong Millis, ulong Sequence)? ParseStreamId(string id)
    {
        var parts = id.Split('-');
        return parts.Length == 2
            && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? (millis, sequence)
            : null;
    }

    /// <summary>"P1,P2" as priorities; an empty list when not given; null when not valid.</summary>
    internal static IReadOnlyList<IncidentPriority>? ParsePriorities(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var result = new List<IncidentPriority>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length != 2 || !Enum.TryParse<IncidentPriority>(part, ignoreCase: true, out var p) || !Enum.IsDefined(p))
            {
                return null;
            }

            result.Add(p);
        }

        return result;
    }

    /// <summary>Absent as a boxed null, valid as a boxed time, invalid as null.</summary>
    internal static StrongBox<DateTimeOffset?>? ParseTime(string? text) =>
        string.IsNullOrWhiteSpace(text) ? new StrongBox<DateTimeOffset?>(null)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? new StrongBox<DateTimeOffset?>(at)
        : null;

    internal static int? ParseInt(string? text, int absent) =>
        string.IsNullOrWhiteSpace(text) ? absent
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : null;

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A value that may itself be null, so that "absent" and "invalid" differ.</summary>
    internal sealed class StrongBox<T>(T value)
    {
        public T Value { get; } = value;
    }
}
