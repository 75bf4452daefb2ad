using System.Globalization;
using Correlation.Contracts;
using Correlation.ServiceDefaults;
using Correlation.Triage.Impact;
using Correlation.Triage.Planning;
using Correlation.Triage.Priority;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Triage.Store;

/// <summary>
/// Triage's key space in Redis, under <c>{KeyPrefix}triage:</c>: per incident a hash (<c>inc:{id}</c>: the
/// newest snapshot, watch, decision and plan with their revisions), its member alarms (<c>inc:{id}:m</c>) and
/// the order they were seen in (<c>inc:{id}:o</c>). Every multi-step change is one Lua script. An open incident
/// expires after <see cref="TriageOptions.OpenRetention"/> without events, a resolved or merged one after
/// <see cref="TriageOptions.ResolvedRetention"/>.
/// </summary>
public sealed class TriageStore
{
    private const string RevisionField = "rev";
    private const string DecisionField = "decision";
    private const string DecisionSentField = "decisionSent";
    private const string PlanRevisionField = "planRev";
    private const string PlanField = "plan";
    private const string PlanSentField = "planSent";

    private static readonly string ApplyScript = TriageJson.Script("apply-event.lua");
    private static readonly string ForwardScript = TriageJson.Script("forward-member.lua");
    private static readonly string ReadScript = TriageJson.Script("read-incident.lua");
    private static readonly string RecordScript = TriageJson.Script("record-revision.lua");
    private static readonly string MarkSentScript = TriageJson.Script("mark-sent.lua");
    private static readonly string WatchScript = TriageJson.Script("set-watch.lua");

    private readonly IConnectionMultiplexer _redis;
    private readonly TriageOptions _options;
    private readonly string _root;

    public TriageStore(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<TriageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _options = options.Value;
        _root = redisOptions.Value.KeyPrefix + "triage:";
    }

    private IDatabase Db => _redis.GetDatabase();

    public string Root => _root;

    public string IncidentKey(Guid id) => _root + "inc:" + id.ToString("D");

    /// <summary>
    /// Applies an incident event: the snapshot if newer, the alarm's member if newer, and for a merge the
    /// absorbed incidents' members. <paramref name="MergedInto"/> is set when the incident itself was merged away.
    /// </summary>
    /// <param name="alarm">The alarm that changed the incident; null when an operator's command did.</param>
    public async Task<(bool Changed, Guid? MergedInto)> ApplyAsync(IncidentSnapshot incident, Alarm? alarm, IReadOnlyList<IncidentSnapshot> absorbed)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(absorbed);
        var keys = new List<RedisKey>(3 + 3 * absorbed.Count);
        keys.AddRange(Keys(incident.IncidentId));
        foreach (var other in absorbed.Where(a => a.IncidentId != incident.IncidentId))
        {
            keys.AddRange(Keys(other.IncidentId));
        }
        var member = alarm is null ? null : MemberAlarm.From(alarm);
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(ApplyScript, [.. keys],
        [
            incident.Version, TriageJson.Write(incident), incident.State.ToString(), member?.Fingerprint ?? "", member is null ? 0 : Ms(member.ObservedAt),
            member is null ? "" : TriageJson.Write(member), Ms(_options.OpenRetention), Ms(_options.ResolvedRetention), incident.IncidentId.ToString("D"),
        ]))!;
        var mergedInto = (string?)result[1];
        return ((int)result[0] == 1, Guid.TryParse(mergedInto, out var survivor) ? survivor : null);
    }

    /// <summary>Adds a member of an incident that was merged away to its survivor; true when the survivor changed.</summary>
    public async Task<bool> ForwardAsync(Guid survivor, Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var member = MemberAlarm.From(alarm);
        return (int)await Db.ScriptEvaluateAsync(ForwardScript, Keys(survivor),
            [member.Fingerprint, Ms(member.ObservedAt), TriageJson.Write(member)]) == 1;
    }

    /// <summary>Takes members out of an incident (an operator moved them to another).</summary>
    public async Task RemoveMembersAsync(Guid id, IReadOnlyList<string> fingerprints)
    {
        ArgumentNullException.ThrowIfNull(fingerprints);
        if (fingerprints.Count == 0)
        {
            return;
        }

        var keys = Keys(id);
        RedisValue[] fields = [.. fingerprints.Select(f => (RedisValue)f)];
        await Task.WhenAll(Db.HashDeleteAsync(keys[1], fields), Db.HashDeleteAsync(keys[2], fields));
    }

    /// <returns>Null when triage knows nothing of the incident.</returns>
    public async Task<TriageRecord?> ReadAsync(Guid id)
    {
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(ReadScript, [IncidentKey(id), MembersKey(id)]))!;
        var fields = Pairs((RedisResult[])result[0]!);
        if (fields.Count == 0)
        {
            return null;
        }
        var members = Pairs((RedisResult[])result[1]!).Values.Select(TriageJson.Read<MemberAlarm>)
            .OrderBy(m => m.ObservedAt).ThenBy(m => m.Fingerprint, StringComparer.Ordinal).ToList();
        return new TriageRecord(
            fields.TryGetValue("snapshot", out var snapshot) ? new IncidentProjection(TriageJson.Read<IncidentSnapshot>(snapshot), members) : null,
            fields.TryGetValue("mergedInto", out var merged) && Guid.TryParse(merged, out var survivor) ? survivor : null,
            fields.TryGetValue("watch", out var watch) ? TriageJson.Read<OperatorWatch>(watch) : null,
            Long(fields, RevisionField),
            fields.TryGetValue(DecisionField, out var decision) ? TriageJson.Read<IncidentTriaged>(decision) : null,
            fields.GetValueOrDefault(DecisionSentField) != "0",
            Long(fields, PlanRevisionField),
            fields.TryGetValue(PlanField, out var plan) ? TriageJson.Read<PlanState>(plan) : null,
            fields.GetValueOrDefault(PlanSentField) != "0");
    }

    /// <summary>Stores the decision as revision <paramref name="readRevision"/> + 1 unless another was stored since; unsent until <see cref="MarkDecisionSentAsync"/>.</summary>
    public Task<bool> RecordDecisionAsync(Guid id, long readRevision, IncidentTriaged decision) =>
        RecordAsync(id, RevisionField, readRevision, DecisionField, TriageJson.Write(decision), DecisionSentField);

    public Task<bool> RecordPlanAsync(Guid id, long readRevision, PlanState plan) =>
        RecordAsync(id, PlanRevisionField, readRevision, PlanField, TriageJson.Write(plan), PlanSentField);

    public Task MarkDecisionSentAsync(Guid id, long revision) => MarkSentAsync(id, RevisionField, revision, DecisionSentField);

    public Task MarkPlanSentAsync(Guid id, long revision) => MarkSentAsync(id, PlanRevisionField, revision, PlanSentField);

    /// <summary>Puts an operator's watch on the incident, or takes it off with null.</summary>
    public Task SetWatchAsync(Guid id, OperatorWatch? watch) =>
        Db.ScriptEvaluateAsync(WatchScript, [IncidentKey(id)], [watch is null ? "" : TriageJson.Write(watch), Ms(_options.OpenRetention)]);

    private async Task<bool> RecordAsync(Guid id, string revisionField, long readRevision, string valueField, string value, string sentField) =>
        (int)await Db.ScriptEvaluateAsync(RecordScript, [IncidentKey(id)],
            [revisionField, readRevision.ToString(CultureInfo.InvariantCulture), (readRevision + 1).ToString(CultureInfo.InvariantCulture),
                valueField, value, sentField]) == 1;

    private async Task MarkSentAsync(Guid id, string revisionField, long revision, string sentField) =>
        await Db.ScriptEvaluateAsync(MarkSentScript, [IncidentKey(id)], [revisionField, revision.ToString(CultureInfo.InvariantCulture), sentField]);

    private RedisKey MembersKey(Guid id) => IncidentKey(id) + ":m";

    private RedisKey[] Keys(Guid id) => [IncidentKey(id), MembersKey(id), IncidentKey(id) + ":o"];

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;

    private static long Ms(DateTimeOffset at) => Math.Max(0, at.ToUnixTimeMilliseconds());

    private static long Long(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var text) ? long.Parse(text, CultureInfo.InvariantCulture) : 0;

    private static Dictionary<string, string> Pairs(RedisResult[] flat)
    {
        var pairs = new Dictionary<string, string>(flat.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            pairs[(string)flat[i]!] = (string)flat[i + 1]!;
        }
        return pairs;
    }
}
