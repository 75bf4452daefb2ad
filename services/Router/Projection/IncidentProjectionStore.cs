using System.Globalization;
using System.Text.Json;
using Correlation.Contracts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Router.Projection;

/// <summary>
/// The router's projection of each incident: the newest snapshot, the member resources, the newest triage,
/// the acknowledgement, the last progress, the route, the team and the escalation levels. Every update is
/// one Lua script, so two router instances (or two deliveries of one message) never interleave inside one.
/// </summary>
public sealed class IncidentProjectionStore(IConnectionMultiplexer redis, RouterKeys keys, IOptions<RouterOptions> options)
{
    // A snapshot older than the one held is dropped, but its alarm's resource is still a member: members
    // only ever join. A change of state (open, resolved, merged) counts as progress.
    private const string ApplySnapshotScript = """
        if ARGV[4] ~= '' then
          redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
          redis.call('PEXPIRE', KEYS[2], ARGV[6])
        end
        -- The batch's earlier alarms of the incident, when one event carries several: resource, placement pairs.
        for i = 8, #ARGV, 2 do
          redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
          redis.call('PEXPIRE', KEYS[2], ARGV[6])
        end
        local held = redis.call('HGET', KEYS[1], 'snapVersion')
        local result = 0
        if not held or tonumber(held) < tonumber(ARGV[1]) then
          local old = redis.call('HGET', KEYS[1], 'state')
          redis.call('HSET', KEYS[1], 'snapVersion', ARGV[1], 'snapshot', ARGV[2], 'state', ARGV[3])
          result = 1
          if old and old ~= ARGV[3] then
            redis.call('HSET', KEYS[1], 'progressAt', ARGV[7])
            result = 2
          end
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        return result
        """;

    // Newer is a higher incident version, or the same version triaged later (a watch-list rise does not
    // change the incident). The same decision again is accepted only while it has not been routed, so a
    // redelivery after a crash between the two still routes it.
    private const string ApplyTriageScript = """
        local v = tonumber(redis.call('HGET', KEYS[1], 'triageVersion') or '-1')
        local t = tonumber(redis.call('HGET', KEYS[1], 'triageAt') or '-1')
        local nv = tonumber(ARGV[1])
        local nt = tonumber(ARGV[2])
        if v > nv or (v == nv and t > nt) then return 0 end
        if v == nv and t == nt then
          if redis.call('HGET', KEYS[1], 'routedTriage') == ARGV[1] .. ':' .. ARGV[2] then return 0 end
          return 1
        end
        redis.call('HSET', KEYS[1], 'triageVersion', ARGV[1], 'triageAt', ARGV[2], 'triage', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return 1
        """;

    private const string AcknowledgeScript = """
        if redis.call('HEXISTS', KEYS[1], 'ackAt') == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'ackBy', ARGV[1], 'ackAt', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private const string ProgressScript = """
        local held = tonumber(redis.call('HGET', KEYS[1], 'progressAt') or '-1')
        if held >= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'progressAt', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    private const string CopyMembersScript = """
        for i = 2, #KEYS do
          local members = redis.call('HGETALL', KEYS[i])
          for j = 1, #members, 2 do redis.call('HSET', KEYS[1], members[j], members[j + 1]) end
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return 1
        """;

    private const string CommitRouteScript = """
        redis.call('HSET', KEYS[1], 'route', ARGV[1], 'routedTriage', ARGV[2], 'destinations', ARGV[3], 'priority', ARGV[4])
        if ARGV[5] ~= '' then redis.call('HSETNX', KEYS[1], 'firstPagedAt', ARGV[5]) end
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        return 1
        """;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    // How long an incident's keys outlive its last event (RouterOptions.Retention).
    private readonly string RetentionMs = ((long)options.Value.Retention.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private IDatabase Db => redis.GetDatabase();

    /// <returns>0: an older snapshot (members still updated); 1: newer; 2: newer and its state changed.</returns>
    /// <param name="earlier">Alarms of the same event before <paramref name="alarm"/> (one event can carry a batch's alarms of the incident).</param>
    public async Task<int> ApplySnapshotAsync(IncidentSnapshot snapshot, Alarm? alarm, DateTimeOffset now, IReadOnlyList<Alarm>? earlier = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var result = await Db.ScriptEvaluateAsync(ApplySnapshotScript,
            [keys.Incident(snapshot.IncidentId), keys.Members(snapshot.IncidentId)],
            [snapshot.Version, JsonSerializer.Serialize(snapshot, Json), snapshot.State.ToString(), alarm?.Resource ?? "",
             Placement(alarm), RetentionMs, now.ToUnixTimeMilliseconds(),
             .. (earlier ?? []).SelectMany(a => new RedisValue[] { a.Resource, Placement(a) })]);
        return (int)result;

        static string Placement(Alarm? alarm) => (alarm?.Site ?? "") + "\t" + (alarm?.Service ?? "");
    }

    /// <summary>The survivor of a merge takes the absorbed incidents' members.</summary>
    public Task CopyMembersAsync(Guid survivor, IEnumerable<Guid> absorbed) =>
        Db.ScriptEvaluateAsync(CopyMembersScript, [keys.Members(survivor), .. absorbed.Select(keys.Members)], [RetentionMs]);

    /// <returns>True when the decision is newer than the one held, or the same one not yet routed.</returns>
    public async Task<bool> ApplyTriageAsync(IncidentTriaged triage)
    {
        ArgumentNullException.ThrowIfNull(triage);
        var result = await Db.ScriptEvaluateAsync(ApplyTriageScript, [keys.Incident(triage.IncidentId)],
            [triage.IncidentVersion, triage.TriagedAt.ToUnixTimeMilliseconds(), JsonSerializer.Serialize(triage, Json), RetentionMs]);
        return (int)result == 1;
    }

    /// <returns>True for the first acknowledgement.</returns>
    public async Task<bool> AcknowledgeAsync(Guid incidentId, string by, DateTimeOffset at) =>
        (int)await Db.ScriptEvaluateAsync(AcknowledgeScript, [keys.Incident(incidentId)], [by, at.ToUnixTimeMilliseconds(), RetentionMs]) == 1;

    /// <returns>True when <paramref name="at"/> is later than the progress held.</returns>
    public async Task<bool> ProgressAsync(Guid incidentId, DateTimeOffset at) =>
        (int)await Db.ScriptEvaluateAsync(ProgressScript, [keys.Incident(incidentId)], [at.ToUnixTimeMilliseconds(), RetentionMs]) == 1;

    public Task CommitRouteAsync(Guid incidentId, RouteRecord route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return Db.ScriptEvaluateAsync(CommitRouteScript, [keys.Incident(incidentId)],
            [JsonSerializer.Serialize(route, Json), $"{route.IncidentVersion}:{route.TriagedAtMs}", string.Join(' ', route.Destinations),
             route.Priority.ToString(), route.Suppressed ? "" : route.RoutedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), RetentionMs]);
    }

    public Task SaveTeamAsync(Guid incidentId, string template, IReadOnlyList<TeamMember> team) =>
        Db.HashSetAsync(keys.Incident(incidentId), [new("team", JsonSerializer.Serialize(team, Json)), new("teamTemplate", template)]);

    /// <returns>The escalation's level: how many times the incident has now escalated for this reason.</returns>
    public async Task<int> NextLevelAsync(Guid incidentId, EscalationReason reason) =>
        (int)await Db.HashIncrementAsync(keys.Incident(incidentId), "level:" + reason);

    public Task SaveGrowthBaselineAsync(Guid incidentId, int members, int services) =>
        Db.HashSetAsync(keys.Incident(incidentId), [new("growthMembers", members), new("growthServices", services)]);

    /// <summary>Marks an out-of-scope alarm flagged for a window; false when it was flagged already.</summary>
    public Task<bool> FlagAsync(Guid incidentId, string windowId, string resource) =>
        Db.SetAddAsync(keys.Flags(incidentId), windowId + "\t" + resource.ToLowerInvariant());

    public Task<bool> IsFlaggedAsync(Guid incidentId, string windowId, string resource) =>
        Db.SetContainsAsync(keys.Flags(incidentId), windowId + "\t" + resource.ToLowerInvariant());

    /// <param name="withMembers">False: the members are left unread (an empty list), for callers that do not look at them.</param>
    public async Task<IncidentProjection?> GetAsync(Guid incidentId, bool withMembers = true)
    {
        var db = Db;
        var fieldsTask = db.HashGetAllAsync(keys.Incident(incidentId));
        var membersTask = withMembers ? db.HashGetAllAsync(keys.Members(incidentId)) : Task.FromResult(Array.Empty<HashEntry>());
        var fields = (await fieldsTask).ToDictionary(e => (string)e.Name!, e => e.Value);
        var members = await membersTask;
        if (fields.Count == 0 && members.Length == 0)
        {
            return null;
        }

        T? Read<T>(string name) where T : class =>
            fields.TryGetValue(name, out var value) && value.HasValue ? JsonSerializer.Deserialize<T>((string)value!, Json) : null;
        DateTimeOffset? Time(string name) =>
            fields.TryGetValue(name, out var value) && value.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds((long)value) : null;
        int? Int(string name) => fields.TryGetValue(name, out var value) && value.HasValue ? (int)value : null;

        var levels = fields.Where(f => f.Key.StartsWith("level:", StringComparison.Ordinal))
            .Select(f => (Ok: Enum.TryParse<EscalationReason>(f.Key[6..], out var r), Reason: r, Level: (int)f.Value))
            .Where(l => l.Ok)
            .ToDictionary(l => l.Reason, l => l.Level);
        return new IncidentProjection(
            incidentId,
            Read<IncidentSnapshot>("snapshot"),
            Read<IncidentTriaged>("triage"),
            Read<RouteRecord>("route"),
            Time("firstPagedAt"),
            fields.TryGetValue("ackBy", out var by) ? (string?)by : null,
            Time("ackAt"),
            Time("progressAt"),
            [.. members.Select(m => Member((string)m.Name!, (string)m.Value!)).OrderBy(m => m.Resource, StringComparer.Ordinal)],
            Read<List<TeamMember>>("team") ?? [],
            fields.TryGetValue("teamTemplate", out var template) ? (string?)template : null,
            levels,
            Int("growthMembers"),
            Int("growthServices"));
    }

    private static MemberResource Member(string resource, string value)
    {
        var tab = value.IndexOf('\t', StringComparison.Ordinal);
        var site = tab < 0 ? value : value[..tab];
        var service = tab < 0 ? "" : value[(tab + 1)..];
        return new MemberResource(resource, site.Length > 0 ? site : null, service.Length > 0 ? service : null);
    }
}
