using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Correlation.Contracts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Console.Projection;

/// <summary>
/// The console's incident projection in Redis: a view of each incident built from every incident event, its
/// member conditions, timeline, priority history, team functions and channels, an index by opening time, the
/// closures the patterns report reads, per-minute throughput counters, and the bounded stream of incident events
/// that the live stream serves and resumes from. Each event is applied by one script call (apply-view.lua), so
/// its dedup, view, timeline, counters and stream entry never part.
/// </summary>
public sealed class IncidentViewStore(IConnectionMultiplexer redis, ConsoleKeys keys, IOptions<ConsoleOptions> options, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Latency histogram bounds (ms) of the throughput counters.</summary>
    public static readonly int[] LatencyBounds = [10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000];

    private static readonly string ApplyScript = ReadScript("apply-view.lua");

    // Key indexes of apply-view.lua.
    private const int ViewKey = 2, MembersKey = 3, TimelineKey = 4, PrioritiesKey = 5, FunctionsKey = 6, ChannelsKey = 7,
        ServicesKey = 8, IndexKey = 10, OpenKey = 11, ClosuresKey = 12, ClosureRecordsKey = 13, RootCausesKey = 14, ThroughputKey = 15;

    /// <summary>An event of the correlator (opened, updated, resolved, merged, reopened), which carries the incident's snapshot.</summary>
    /// <param name="alarm">The alarm that changed the incident; null when an operator's command did.</param>
    /// <returns>The stream id of the appended event, or null when the event was a repeat.</returns>
    /// <param name="earlier">Alarms the same event carries before <paramref name="alarm"/>, oldest first (a correlator batch's alarms of the incident).</param>
    public Task<string?> ApplyAsync(IncidentSnapshot incident, Alarm? alarm, string eventType, object incidentEvent,
        string? by = null, string? summary = null, IReadOnlyList<Alarm>? earlier = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var update = new Update(incident.IncidentId, "version:" + incident.Version.ToString(CultureInfo.InvariantCulture), eventType, incidentEvent)
        {
            VersionField = "version",
            Version = incident.Version,
            Keep = incident.State == IncidentState.Open
                ? "-1"
                : ((long)options.Value.ResolvedRetention.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        };
        update.Newer("HSET", ViewKey, "snapshot", Serialize(incident));
        update.Newer("HSET", ViewKey, "site", incident.Site ?? "");
        update.Always("ZADD", IndexKey, Ms(incident.OpenedAt), Id(incident.IncidentId));
        update.Newer(incident.State == IncidentState.Open ? "SADD" : "SREM", OpenKey, Id(incident.IncidentId));
        // Oldest first: of two alarms of one condition in the event, the later one is what the member shows.
        foreach (var carried in alarm is null ? [] : (earlier ?? []).Append(alarm))
        {
            Member(update, incident.Version, carried);
            var latency = Math.Max(0, (long)(clock.GetUtcNow() - carried.ReceivedAt).TotalMilliseconds);
            update.Always("HINCRBY", ThroughputKey, "alarms", "1");
            update.Always("HINCRBY", ThroughputKey, "latency.sum", latency.ToString(CultureInfo.InvariantCulture));
            update.Always("HINCRBY", ThroughputKey, "latency.count", "1");
            update.Always("HMAX", ThroughputKey, "latency.max", latency.ToString(CultureInfo.InvariantCulture));
            var bound = LatencyBounds.FirstOrDefault(b => latency <= b);
            update.Always("HINCRBY", ThroughputKey, "latency.le." + (bound == 0 ? "inf" : bound.ToString(CultureInfo.InvariantCulture)), "1");
        }

        if (eventType == nameof(IncidentOpened))
        {
            update.Always("HINCRBY", ThroughputKey, "incidents", "1");
        }

        if (incident.State == IncidentState.Resolved && eventType == nameof(IncidentResolved))
        {
            update.Always("HINCRBY", ThroughputKey, "resolved", "1");
            var closure = new Closure(incident.IncidentId, incident.Title, incident.Site, incident.ProbableCause, incident.Severity,
                incident.MemberCount, incident.OpenedAt, incident.UpdatedAt);
            update.Newer("ZADD", ClosuresKey, Ms(incident.UpdatedAt), Id(incident.IncidentId));
            update.Newer("HSET", ClosureRecordsKey, Id(incident.IncidentId), Serialize(closure));
        }
        else if (incident.State == IncidentState.Open)
        {
            // Reopened: no longer a closure until it is resolved again.
            update.Newer("ZREM", ClosuresKey, Id(incident.IncidentId));
        }

        update.Timeline(incident.UpdatedAt, by, summary ?? TimelineText.Describe(eventType, incident, alarm));
        return ExecuteAsync(update);
    }

    /// <summary>Operators moved conditions (a split or a move): the members leave one incident and join the other.</summary>
    public async Task<string?> ApplyAsync(AlarmsMoved moved, string dedup)
    {
        ArgumentNullException.ThrowIfNull(moved);
        var summary = $"{moved.By} moved {moved.Alarms.Count} condition(s) from {moved.From.Title} to {moved.To.Title}";
        var from = new Update(moved.From.IncidentId, "moved-from:" + dedup, nameof(AlarmsMoved), moved)
        {
            VersionField = "version",
            Version = moved.From.Version,
            Tie = "ge",
        };
        from.Newer("HSET", ViewKey, "snapshot", Serialize(moved.From));
        foreach (var alarm in moved.Alarms)
        {
            from.Always("MEMBER", MembersKey, alarm.Fingerprint, moved.From.Version.ToString(CultureInfo.InvariantCulture),
                $$"""{"order":{{moved.From.Version}},"gone":true}""");
        }

        from.Timeline(moved.At, moved.By, summary);
        var to = new Update(moved.To.IncidentId, "moved-to:" + dedup, nameof(AlarmsMoved), moved)
        {
            VersionField = "version",
            Version = moved.To.Version,
            Tie = "ge",
            Keep = moved.To.State == IncidentState.Open ? "-1" : "",
        };
        to.Newer("HSET", ViewKey, "snapshot", Serialize(moved.To));
        to.Newer("HSET", ViewKey, "site", moved.To.Site ?? "");
        to.Always("ZADD", IndexKey, Ms(moved.To.OpenedAt), Id(moved.To.IncidentId));
        to.Newer(moved.To.State == IncidentState.Open ? "SADD" : "SREM", OpenKey, Id(moved.To.IncidentId));
        foreach (var alarm in moved.Alarms)
        {
            Member(to, moved.To.Version, alarm);
        }

        to.Timeline(moved.At, moved.By, summary);
        var first = await ExecuteAsync(from);
        var second = await ExecuteAsync(to);
        return second ?? first;
    }

    /// <summary>
    /// The survivor of a merge lists the members of the incidents it absorbed (the merge event carries only counts).
    /// A member the survivor already has keeps its own entry, so repeating this changes nothing.
    /// </summary>
    public async Task AdoptMembersAsync(Guid survivor, IEnumerable<Guid> absorbed)
    {
        ArgumentNullException.ThrowIfNull(absorbed);
        var db = redis.GetDatabase();
        foreach (var id in absorbed)
        {
            var members = await db.HashGetAllAsync(keys.Members(id));
            var live = members.Where(m => !JsonSerializer.Deserialize<MemberEntry>((string)m.Value!, Json)!.Gone).ToArray();
            await Task.WhenAll(live.Select(m => db.HashSetAsync(keys.Members(survivor), m.Name, m.Value, When.NotExists)));
        }
    }

    /// <param name="dedup">What makes this message distinct (its message id); triage publishes again for the same
    /// incident version when only the category or impact moved, so the version alone is not enough.</param>
    public Task<string?> ApplyAsync(IncidentTriaged triaged, string? dedup = null)
    {
        ArgumentNullException.ThrowIfNull(triaged);
        var update = new Update(triaged.IncidentId, "triage:" + (dedup ?? triaged.IncidentVersion.ToString(CultureInfo.InvariantCulture)),
            nameof(IncidentTriaged), triaged)
        {
            VersionField = "triageVersion",
            Version = triaged.IncidentVersion,
            Tie = "ge",
        };
        update.Newer("HSET", ViewKey, "priority", triaged.Priority.ToString());
        update.Newer("HSET", ViewKey, "priorityReason", triaged.Reason);
        update.Newer("HSET", ViewKey, "category", triaged.Category.ToString());
        update.Newer("HSET", ViewKey, "impact", Serialize(triaged.Impact));
        update.Newer("HSET", ViewKey, "region", triaged.Region ?? "");
        update.Newer("HSET", ViewKey, "teams", Serialize(triaged.Teams));
        update.Newer("HSET", ViewKey, "teamsKey", TeamsKey(triaged.Teams));
        update.Newer("HSET", ViewKey, "watched", triaged.Watched ? "1" : "0");
        foreach (var service in triaged.Impact.Services)
        {
            update.Always("SADD", ServicesKey, service);
        }

        if (triaged.PreviousPriority != triaged.Priority)
        {
            update.Always("RPUSH", PrioritiesKey,
                Serialize(new PriorityChange(triaged.Priority, triaged.PreviousPriority, triaged.Reason, triaged.IncidentVersion, triaged.TriagedAt)),
                "1000");
        }

        update.Timeline(triaged.TriagedAt, null, TimelineText.Describe(triaged));
        return ExecuteAsync(update);
    }

    public Task<string?> ApplyAsync(IncidentRouted routed, string? dedup = null)
    {
        ArgumentNullException.ThrowIfNull(routed);
        var update = new Update(routed.IncidentId, "route:" + (dedup ?? routed.IncidentVersion.ToString(CultureInfo.InvariantCulture)),
            nameof(IncidentRouted), routed)
        {
            VersionField = "routeVersion",
            Version = routed.IncidentVersion,
            Tie = "ge",
        };
        update.Newer("HSET", ViewKey, "destinations", Serialize(routed.Destinations));
        update.Newer("HSET", ViewKey, "routeReason", routed.Reason);
        update.Timeline(routed.RoutedAt, null, $"routed to {string.Join(", ", routed.Destinations)}: {routed.Reason}");
        return ExecuteAsync(update);
    }

    public Task<string?> ApplyAsync(IncidentActionPlanned plan, string dedup)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var update = new Update(plan.IncidentId, "plan:" + dedup, nameof(IncidentActionPlanned), plan)
        {
            VersionField = "planAt",
            Version = plan.At.ToUnixTimeMilliseconds(),
            Tie = "ge",
        };
        update.Newer("HSET", ViewKey, "plan", Serialize(new IncidentPlan(plan.Template, plan.Checklist, plan.Similar, plan.At)));
        var done = plan.Checklist.Count(c => c.Done);
        update.Timeline(plan.At, null, $"action plan '{plan.Template}': {done} of {plan.Checklist.Count} steps done, {plan.Similar.Count} similar incident(s)");
        return ExecuteAsync(update);
    }

    public Task<string?> ApplyAsync(IncidentAcknowledged acknowledged, string dedup)
    {
        ArgumentNullException.ThrowIfNull(acknowledged);
        var update = new Update(acknowledged.IncidentId, "ack:" + dedup, nameof(IncidentAcknowledged), acknowledged)
        {
            VersionField = "ackAtMs",
            Version = acknowledged.At.ToUnixTimeMilliseconds(),
            Tie = "ge",
        };
        update.Newer("HSET", ViewKey, "ackBy", acknowledged.By);
        update.Newer("HSET", ViewKey, "ackAt", acknowledged.At.ToString("O", CultureInfo.InvariantCulture));
        update.Timeline(acknowledged.At, acknowledged.By, $"acknowledged by {acknowledged.By}");
        return ExecuteAsync(update);
    }

    public Task<string?> ApplyAsync(IncidentRootCauseRecorded recorded, string dedup)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var update = new Update(recorded.IncidentId, "root-cause:" + dedup, nameof(IncidentRootCauseRecorded), recorded)
        {
            VersionField = "rootCauseAtMs",
            Version = recorded.At.ToUnixTimeMilliseconds(),
            Tie = "ge",
        };
        var json = Serialize(new RootCauseView(recorded.RootCause, recorded.By, recorded.At));
        update.Newer("HSET", ViewKey, "rootCause", json);
        update.Newer("HSET", RootCausesKey, Id(recorded.IncidentId), json);
        var cause = recorded.RootCause;
        update.Timeline(recorded.At, recorded.By, $"root cause: {cause.Element} ({cause.FailureType}, {cause.CauseCategory})");
        return ExecuteAsync(update);
    }

    public Task<string?> ApplyAsync(IncidentChannelLinked linked, string dedup)
    {
        ArgumentNullException.ThrowIfNull(linked);
        var update = new Update(linked.IncidentId, "channel:" + dedup, nameof(IncidentChannelLinked), linked);
        update.Always("HSET", ChannelsKey, linked.Kind + "|" + linked.Reference,
            Serialize(new ChannelView(linked.Kind, linked.Reference, linked.Label, linked.By, linked.At)));
        update.Timeline(linked.At, linked.By, $"{TimelineText.Channel(linked.Kind)} linked: {linked.Reference}");
        return ExecuteAsync(update);
    }

    public Task<string?> ApplyAsync(IncidentFunctionAssigned assigned, string dedup)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        var update = new Update(assigned.IncidentId, "function:" + dedup, nameof(IncidentFunctionAssigned), assigned);
        update.Always("HSET", FunctionsKey, assigned.Function,
            Serialize(new FunctionAssignment(assigned.Function, assigned.Assignee, assigned.By, assigned.At)));
        update.Timeline(assigned.At, assigned.By, assigned.Assignee is null
            ? $"{assigned.Function} left empty"
            : $"{assigned.Assignee} is {assigned.Function}");
        return ExecuteAsync(update);
    }

    /// <summary>
    /// The router formed or changed the incident's team: each function shows who fills it now (people who handed
    /// over are in the timeline), as if assigned by the router; an operator's own assignment later overrides it.
    /// </summary>
    public Task<string?> ApplyAsync(IncidentTeamChanged team, string dedup, string summary)
    {
        ArgumentNullException.ThrowIfNull(team);
        var update = new Update(team.IncidentId, "team:" + dedup, nameof(IncidentTeamChanged), team);
        foreach (var member in team.Members.Where(m => m.LeftAt is null))
        {
            update.Always("HSET", FunctionsKey, member.Function, Serialize(new FunctionAssignment(member.Function, member.Name, "router", member.JoinedAt)));
        }

        foreach (var unfilled in team.Unfilled)
        {
            update.Always("HSET", FunctionsKey, unfilled, Serialize(new FunctionAssignment(unfilled, null, "router", team.At)));
        }

        update.Timeline(team.At, "router", summary);
        return ExecuteAsync(update);
    }

    /// <summary>
    /// Any other incident event (a note, a refused command, an operator's request, and events of other services the
    /// console does not yet read field by field): it joins the timeline and the stream.
    /// </summary>
    public Task<string?> AppendAsync(Guid incidentId, string dedup, string eventType, object incidentEvent, DateTimeOffset at, string? by, string summary)
    {
        var update = new Update(incidentId, "event:" + dedup, eventType, incidentEvent);
        update.Timeline(at, by, summary);
        return ExecuteAsync(update);
    }

    /// <summary>Newest first, filtered; <paramref name="offset"/> matching incidents are skipped first.</summary>
    public async Task<IReadOnlyList<IncidentView>> ListAsync(IncidentFilter filter, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var db = redis.GetDatabase();
        var result = new List<IncidentView>();
        var skipped = 0;
        const int page = 200;
        var max = filter.OpenedBefore is { } to ? (double)to.ToUnixTimeMilliseconds() : double.PositiveInfinity;
        var min = filter.OpenedAfter is { } from ? (double)from.ToUnixTimeMilliseconds() : double.NegativeInfinity;
        for (long start = 0; result.Count < limit; start += page)
        {
            var ids = await db.SortedSetRangeByScoreAsync(keys.Index, min, max, Exclude.None, Order.Descending, start, page);
            if (ids.Length == 0)
            {
                break;
            }

            var guids = ids.Select(id => Guid.Parse((string)id!)).ToArray();
            var reads = guids.Select(id => db.HashGetAllAsync(keys.View(id))).ToArray();
            var services = filter.Service is null ? null : guids.Select(id => db.SetMembersAsync(keys.Services(id))).ToArray();
            var views = await Task.WhenAll(reads);
            for (var i = 0; i < guids.Length && result.Count < limit; i++)
            {
                var fields = ToFields(views[i]);
                if (!fields.ContainsKey("snapshot"))
                {
                    // The incident expired (resolved long ago): its place in the index goes too.
                    _ = db.SortedSetRemoveAsync(keys.Index, Id(guids[i]), CommandFlags.FireAndForget);
                    continue;
                }

                var serviceNames = services is null ? [] : (await services[i]).Select(s => (string)s!).ToArray();
                var view = ToView(fields, serviceNames);
                if (filter.Matches(view) && skipped++ >= offset)
                {
                    result.Add(view);
                }
            }
        }

        return result;
    }

    public async Task<IncidentView?> GetViewAsync(Guid id)
    {
        var db = redis.GetDatabase();
        var fields = ToFields(await db.HashGetAllAsync(keys.View(id)));
        return fields.ContainsKey("snapshot")
            ? ToView(fields, (await db.SetMembersAsync(keys.Services(id))).Select(s => (string)s!).ToArray())
            : null;
    }

    public async Task<IncidentDetail?> GetAsync(Guid id)
    {
        var db = redis.GetDatabase();
        var viewRead = db.HashGetAllAsync(keys.View(id));
        var membersRead = db.HashValuesAsync(keys.Members(id));
        var servicesRead = db.SetMembersAsync(keys.Services(id));
        var functionsRead = db.HashValuesAsync(keys.Functions(id));
        var channelsRead = db.HashValuesAsync(keys.Channels(id));
        var prioritiesRead = db.ListRangeAsync(keys.Priorities(id));
        var fields = ToFields(await viewRead);
        if (!fields.ContainsKey("snapshot"))
        {
            return null;
        }

        var view = ToView(fields, (await servicesRead).Select(s => (string)s!).ToArray());
        var members = (await membersRead)
            .Select(v => JsonSerializer.Deserialize<MemberEntry>((string)v!, Json)!)
            .Where(m => !m.Gone && m.Alarm is not null)
            .Select(m => m.Alarm!)
            .OrderBy(a => a.ReceivedAt)
            .ToList();
        var functions = (await functionsRead).Select(v => JsonSerializer.Deserialize<FunctionAssignment>((string)v!, Json)!)
            .OrderBy(f => f.Function, StringComparer.Ordinal).ToList();
        var channels = (await channelsRead).Select(v => JsonSerializer.Deserialize<ChannelView>((string)v!, Json)!)
            .OrderBy(c => c.At).ToList();
        var priorities = (await prioritiesRead).Select(v => JsonSerializer.Deserialize<PriorityChange>((string)v!, Json)!)
            .OrderBy(p => p.IncidentVersion).ThenBy(p => p.At).ToList();
        var plan = fields.TryGetValue("plan", out var planJson)
            ? JsonSerializer.Deserialize<IncidentPlan>(planJson, Json)!
            : new IncidentPlan(null, [], [], null);
        return new IncidentDetail(
            view,
            members,
            fields.TryGetValue("impact", out var impact) ? JsonSerializer.Deserialize<IncidentImpact>(impact, Json) : null,
            new IncidentTeam(view.Teams, view.Destinations, functions),
            plan,
            channels,
            priorities,
            fields.TryGetValue("rootCause", out var cause) ? JsonSerializer.Deserialize<RootCauseView>(cause, Json) : null);
    }

    /// <summary>The incident's timeline, oldest first; <paramref name="offset"/> entries from the oldest kept are skipped.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(Guid id, int offset, int limit)
    {
        var values = await redis.GetDatabase().ListRangeAsync(keys.Timeline(id), offset, offset + limit - 1);
        return values.Select(v => JsonSerializer.Deserialize<TimelineEntry>((string)v!, Json)!).ToList();
    }

    /// <summary>The id of the newest stream entry, or "0-0" when the stream is empty.</summary>
    public async Task<string> LatestEventIdAsync()
    {
        var newest = await redis.GetDatabase().StreamRangeAsync(keys.Stream, "-", "+", 1, Order.Descending);
        return newest.Length == 0 ? "0-0" : (string)newest[0].Id!;
    }

    /// <summary>The id of the oldest entry the stream still holds, or null when it is empty.</summary>
    public async Task<string?> OldestEventIdAsync()
    {
        var oldest = await redis.GetDatabase().StreamRangeAsync(keys.Stream, "-", "+", 1);
        return oldest.Length == 0 ? null : (string)oldest[0].Id!;
    }

    /// <summary>Entries strictly after <paramref name="afterId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<IncidentStreamEntry>> ReadEventsAsync(string afterId, int count)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(keys.Stream, "(" + afterId, "+", count);
        return entries.Select(e => new IncidentStreamEntry(
            (string)e.Id!,
            (string)e["type"]!,
            Guid.Parse((string)e["incident"]!),
            (string)e["data"]!,
            (string?)e["site"] ?? "",
            (string?)e["priority"] ?? "",
            (string?)e["teams"] ?? "")).ToList();
    }

    /// <summary>"|core|leeds-field|": team names lower-cased between bars, so a stream filter matches a whole name.</summary>
    public static string TeamsKey(IEnumerable<string> teams) =>
        "|" + string.Concat(teams.Select(t => t.ToLowerInvariant() + "|"));

    private static void Member(Update update, long version, Alarm alarm)
    {
        update.Always("MEMBER", MembersKey, alarm.Fingerprint, version.ToString(CultureInfo.InvariantCulture),
            Serialize(new MemberEntry(version, false, AlarmView.From(alarm))));
        if (!string.IsNullOrWhiteSpace(alarm.Service))
        {
            update.Always("SADD", ServicesKey, alarm.Service);
        }
    }

    private async Task<string?> ExecuteAsync(Update update)
    {
        var o = options.Value;
        var id = update.IncidentId;
        var now = clock.GetUtcNow();
        RedisKey[] scriptKeys =
        [
            keys.Applied(id), keys.View(id), keys.Members(id), keys.Timeline(id), keys.Priorities(id), keys.Functions(id),
            keys.Channels(id), keys.Services(id), keys.Stream, keys.Index, keys.Open, keys.Closures, keys.ClosureRecords,
            keys.RootCauses, keys.Throughput(now),
        ];
        var args = new List<RedisValue>
        {
            update.Dedup, Id(id), update.EventType, JsonSerializer.Serialize(update.Event, update.Event.GetType(), Json), o.StreamMaxLength,
            update.VersionField ?? "", update.Version, update.Tie, update.Keep, o.MaxAlarmsPerIncident,
            (long)o.ThroughputRetention.TotalSeconds,
        };
        if (update.TimelineEntry is { } entry)
        {
            update.Always("RPUSH", TimelineKey, entry, o.MaxTimelineEntries.ToString(CultureInfo.InvariantCulture));
        }

        args.AddRange(update.Operations);
        var result = await redis.GetDatabase().ScriptEvaluateAsync(ApplyScript, scriptKeys, [.. args]);
        return result.IsNull ? null : (string?)result;
    }

    private static Dictionary<string, string> ToFields(HashEntry[] entries) =>
        entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.Ordinal);

    private static IncidentView ToView(Dictionary<string, string> fields, IReadOnlyList<string> alarmServices)
    {
        var s = JsonSerializer.Deserialize<IncidentSnapshot>(fields["snapshot"], Json)!;
        var impact = fields.TryGetValue("impact", out var i) ? JsonSerializer.Deserialize<IncidentImpact>(i, Json) : null;
        var services = (impact?.Services ?? []).Concat(alarmServices).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new IncidentView(
            s.IncidentId, s.Version, s.Title, s.Site, s.State, s.Severity, s.AlarmCount, s.MemberCount, s.ActiveMemberCount,
            s.OpenedAt, s.UpdatedAt,
            fields.TryGetValue("priority", out var p) ? Enum.Parse<IncidentPriority>(p) : null,
            fields.GetValueOrDefault("priorityReason"),
            fields.TryGetValue("destinations", out var d) ? JsonSerializer.Deserialize<string[]>(d, Json)! : [],
            fields.GetValueOrDefault("routeReason"),
            s.ProbableCause,
            fields.TryGetValue("category", out var c) ? Enum.Parse<IncidentCategory>(c) : null,
            fields.TryGetValue("region", out var r) && r.Length > 0 ? r : null,
            fields.TryGetValue("teams", out var t) ? JsonSerializer.Deserialize<string[]>(t, Json)! : [],
            services,
            fields.GetValueOrDefault("watched") == "1",
            fields.GetValueOrDefault("ackBy"),
            fields.TryGetValue("ackAt", out var a) ? DateTimeOffset.Parse(a, CultureInfo.InvariantCulture) : null);
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static string Id(Guid id) => id.ToString("D");

    private static string Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static string ReadScript(string name)
    {
        using var stream = typeof(IncidentViewStore).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A member condition as kept in Redis: the order (incident version) it was seen at, or a tombstone once moved out.</summary>
    private sealed record MemberEntry(long Order, bool Gone, AlarmView? Alarm);

    /// <summary>One event's changes, as apply-view.lua takes them.</summary>
    private sealed class Update(Guid incidentId, string dedup, string eventType, object incidentEvent)
    {
        public Guid IncidentId { get; } = incidentId;

        public string Dedup { get; } = dedup;

        public string EventType { get; } = eventType;

        public object Event { get; } = incidentEvent;

        public string? VersionField { get; init; }

        public long Version { get; init; }

        public string Tie { get; init; } = "gt";

        public string Keep { get; init; } = "";

        public string? TimelineEntry { get; private set; }

        public List<RedisValue> Operations { get; } = [];

        public void Newer(string op, int key, string a, string b = "", string c = "") => Add(op, "n", key, a, b, c);

        public void Always(string op, int key, string a, string b = "", string c = "") => Add(op, "a", key, a, b, c);

        public void Timeline(DateTimeOffset at, string? by, string summary) =>
            TimelineEntry = JsonSerializer.Serialize(
                new TimelineEntry(EventType, at, by, summary, JsonSerializer.SerializeToElement(Event, Event.GetType(), Json)), Json);

        private void Add(string op, string when, int key, string a, string b, string c) =>
            Operations.AddRange([op, when, key, a, b, c]);
    }
}

/// <summary>What was resolved, where and when: the patterns report groups these.</summary>
public sealed record Closure(
    Guid IncidentId,
    string Title,
    string? Site,
    string? ProbableCause,
    AlarmSeverity Severity,
    int MemberCount,
    DateTimeOffset OpenedAt,
    DateTimeOffset ResolvedAt);
