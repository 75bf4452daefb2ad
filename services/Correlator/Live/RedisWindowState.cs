using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Scoring;
using StackExchange.Redis;

namespace Correlation.Correlator.Live;

/// <summary>
/// The correlation window in Redis, shared by every correlator instance: open incidents with the facts
/// scoring needs (as JSON), an index from each device, site and service to the incidents there (sorted
/// by when each last alarmed there, trimmed to the window as it is read), conditions, applied alarms and
/// decision records. A decision is read with one script and stored with another, which re-checks that
/// the alarm's neighbourhood is as it was read; facts are fetched only for incidents whose version
/// changed since this process last saw them.
/// </summary>
public sealed class RedisWindowState : IWindowState
{
    private static readonly string ReadScript = Scripts.Read("read-window.lua");
    private static readonly string CommitScript = Scripts.Read("commit-decision.lua");
    private readonly IConnectionMultiplexer _redis;
    private readonly WindowKeys _keys;
    private readonly CorrelatorOptions _options;
    private readonly ScoringOptions _scoring;
    private readonly TimeProvider _time;
    private readonly Func<AlarmContext, Decision, string?, int, string> _explain;
    private readonly Func<IncidentFacts, string?> _cause;
    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);
    private static readonly TimeSpan ExclusiveLease = TimeSpan.FromSeconds(10);

    public RedisWindowState(IConnectionMultiplexer redis, WindowKeys keys, CorrelatorOptions options, ScoringOptions scoring,
        TimeProvider time, Func<AlarmContext, Decision, string?, int, string> explain, Func<IncidentFacts, string?> cause)
    {
        _cause = cause;
        _redis = redis;
        _keys = keys;
        _options = options;
        _scoring = scoring;
        _time = time;
        _explain = explain;
    }

    /// <summary>How many incidents' facts this process holds in memory.</summary>
    public int CachedIncidents => _cache.Count;

    public async ValueTask<WindowView> ReadAsync(AlarmContext alarm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var args = new JsonObject
        {
            ["root"] = _keys.Root,
            ["idem"] = alarm.Alarm.IdempotencyKey,
            ["fp"] = alarm.Alarm.Fingerprint,
            ["keys"] = Array(alarm.CandidateKeys),
            ["cutoff"] = Ms(alarm.Facts.Time - _scoring.Window),
            ["now"] = Ms(_time.GetUtcNow()),
            ["reopen"] = (long)_options.ReopenWindow.TotalMilliseconds,
        };
        var db = _redis.GetDatabase();
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(ReadScript, values: [args.ToJsonString()]))!;
        if ((string)result[0]! == "duplicate")
        {
            return new WindowView(null, [], new ReadToken(new Dictionary<string, string>(StringComparer.Ordinal), "", (string)result[1]!));
        }

        var held = (string)result[1]!;
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 4; i + 1 < result.Length; i += 2)
        {
            listed[(string)result[i]!] = (string)result[i + 1]!;
        }

        var seen = new Dictionary<string, string>(listed, StringComparer.Ordinal);
        if (held.Length > 0)
        {
            seen[held] = (string)result[3]!;
        }

        var facts = await FactsAsync(db, seen);
        HeldCondition? holder = held.Length > 0 && facts.TryGetValue(held, out var heldFacts)
            ? new HeldCondition(heldFacts, FromMs((string)result[2]!))
            : null;
        var found = listed.Keys.Where(facts.ContainsKey).Select(id => facts[id]).ToList();
        return new WindowView(holder, found, new ReadToken(seen, held, null));
    }

    private async Task<Dictionary<string, IncidentFacts>> FactsAsync(IDatabase db, Dictionary<string, string> seen)
    {
        var facts = new Dictionary<string, IncidentFacts>(StringComparer.Ordinal);
        var stale = new List<(string Id, string Version)>();
        foreach (var (id, version) in seen)
        {
            if (_cache.TryGetValue(id, out var cached) && cached.Version == version)
            {
                facts[id] = cached.Facts;
            }
            else
            {
                stale.Add((id, version));
            }
        }

        if (stale.Count > 0)
        {
            var fetched = await Task.WhenAll(stale.Select(s => db.HashGetAsync(_keys.Incident(s.Id), ["facts", "version"])));
            for (var i = 0; i < stale.Count; i++)
            {
                var (json, version) = (fetched[i][0], fetched[i][1]);
                if (json.IsNull)
                {
                    continue;
                }

                var incident = JsonSerializer.Deserialize<IncidentFacts>((string)json!)!;
                // The version read with the facts is the one they belong to; if it moved past the view's,
                // the commit will see the change and the alarm is decided again.
                _cache[incident.Id] = new Cached((string)version!, incident, (string)json!);
                facts[incident.Id] = incident;
            }
        }

        return facts;
    }

    public async ValueTask<CommitResult?> CommitAsync(AlarmContext alarm, WindowView view, Decision decision, string newIncidentId, int attempt,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(decision);
        var token = (ReadToken)view.Token!;
        var db = _redis.GetDatabase();
        if (token.AppliedTo is { } applied)
        {
            return new LiveCommit(applied.Length == 0 ? LiveOutcome.Ignored : LiveOutcome.Duplicate,
                applied.Length == 0 ? null : await SnapshotAsync(db, applied), [], false);
        }

        var id = decision.Target?.Id ?? newIncidentId;
        IncidentFacts? updated = null;
        string? cause = null;
        List<string> index = [];
        if (decision.Kind != DecisionKind.Ignored)
        {
            updated = decision.Target is null
                ? new IncidentFacts(id, alarm.Facts.Time, _scoring.MaxDevicesPerIncident)
                : _cache.TryGetValue(decision.Target.Id, out var cached) && ReferenceEquals(cached.Facts, decision.Target)
                    ? JsonSerializer.Deserialize<IncidentFacts>(cached.Json)!
                    : Clone(decision.Target);
            foreach (var other in decision.Absorbed)
            {
                updated.Absorb(other);
            }

            var placesBefore = Places(updated);
            var added = updated.Add(alarm.Facts, alarm.Impacted);
            // The keys the incident is newly findable by (all of them after a merge); whether it is
            // still in the window is its last alarm's time, kept with the incident, not in the index.
            index = decision.Target is null || decision.Absorbed.Count > 0 ? [.. updated.Keys()] : [.. added];
            // The cause is looked for again only when the incident reached somewhere new.
            cause = decision.Target is null || decision.Absorbed.Count > 0 || Places(updated) != placesBefore ? _cause(updated) : null;
        }

        var seen = new JsonObject();
        foreach (var (incident, version) in token.Seen)
        {
            seen[incident] = version;
        }

        var factsJson = updated is null ? "" : JsonSerializer.Serialize(updated);
        var args = new JsonObject
        {
            ["root"] = _keys.Root,
            ["idem"] = alarm.Alarm.IdempotencyKey,
            ["fp"] = alarm.Alarm.Fingerprint,
            ["alarmId"] = alarm.Alarm.Id.ToString("D"),
            ["keys"] = Array(alarm.CandidateKeys),
            ["cutoff"] = Ms(alarm.Facts.Time - _scoring.Window),
            ["now"] = Ms(_time.GetUtcNow()),
            ["t"] = Ms(alarm.Facts.Time),
            ["reopen"] = (long)_options.ReopenWindow.TotalMilliseconds,
            ["seen"] = seen,
            ["held"] = token.Held,
            ["strict"] = decision.Kind == DecisionKind.Opened,
            ["owner"] = alarm.Hold ?? "",
            ["kind"] = decision.Kind switch
            {
                DecisionKind.Opened => "open",
                DecisionKind.Ignored => "ignored",
                _ => "join",
            },
            ["id"] = id,
            ["facts"] = factsJson,
            ["index"] = Array(index),
            ["absorbed"] = new JsonArray([.. decision.Absorbed.Select(a => new JsonObject { ["id"] = a.Id, ["keys"] = Array(a.Keys()) })]),
            ["clear"] = alarm.Facts.IsClear,
            ["severity"] = (int)alarm.Alarm.Severity,
            ["title"] = IncidentTitle.For(alarm.Alarm),
            ["site"] = alarm.Facts.SiteId ?? alarm.Alarm.Site ?? "",
            ["alarm"] = JsonSerializer.Serialize(alarm.Alarm),
            ["explanation"] = _explain(alarm, decision, decision.Kind == DecisionKind.Ignored ? null : id, attempt),
            ["dedupPx"] = (long)_options.DedupHorizon.TotalMilliseconds,
            ["retentionPx"] = (long)_options.ResolvedRetention.TotalMilliseconds,
            // An incident older than the join age takes no new members, so its index entries are not needed beyond it.
            ["indexPx"] = (long)(_scoring.MaxJoinAge + _scoring.Window).TotalMilliseconds,
            ["holdDownMs"] = (long)_options.HoldDown.TotalMilliseconds,
            ["flapHoldDownMs"] = (long)_options.FlapHoldDown.TotalMilliseconds,
            ["flapThreshold"] = _options.FlapThreshold,
            ["explanationCap"] = _options.ExplanationsPerIncident,
            ["cause"] = cause ?? "",
        };

        var result = (RedisResult[])(await db.ScriptEvaluateAsync(CommitScript, values: [args.ToJsonString()]))!;
        switch ((string)result[0]!)
        {
            case "conflict":
                return null;
            case "ignored":
                return new LiveCommit(LiveOutcome.Ignored, null, [], false);
            case "duplicate":
                var prior = (string)result[1]!;
                return new LiveCommit(prior.Length == 0 ? LiveOutcome.Ignored : LiveOutcome.Duplicate,
                    prior.Length == 0 ? null : await SnapshotAsync(db, prior), [], false);
        }

        var outcome = Enum.Parse<LiveOutcome>((string)result[1]!, ignoreCase: true);
        var snapshot = Snapshots.Read(result, 2, out var flapping);
        _cache[id] = new Cached(snapshot.Version.ToString(CultureInfo.InvariantCulture), updated!, factsJson);
        var absorbed = new List<IncidentSnapshot>();
        var count = (int)(long)result[2 + Snapshots.Fields];
        for (var i = 0; i < count; i++)
        {
            absorbed.Add(Snapshots.Read(result, 3 + Snapshots.Fields + (i * Snapshots.Fields), out _));
            _cache.TryRemove(decision.Absorbed[i].Id, out _);
        }

        return new LiveCommit(outcome, snapshot, absorbed, flapping);
    }

    /// <summary>
    /// Takes the window's exclusive lease (waiting for another holder's to end or expire); commits of
    /// alarms carrying its token pass, everyone else's are refused until it is released.
    /// </summary>
    public async ValueTask<WindowHold> ExclusiveAsync(CancellationToken cancellationToken = default)
    {
        const string release = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
        var db = _redis.GetDatabase();
        var key = _keys.Root + "exclusive";
        var token = Guid.NewGuid().ToString("N");
        while (!await db.StringSetAsync(key, token, ExclusiveLease, When.NotExists))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5 + Random.Shared.Next(20)), cancellationToken);
        }

        return new WindowHold(token, async () => await db.ScriptEvaluateAsync(release, [key], [token]));
    }

    /// <summary>Forgets cached facts of incidents this process has not seen change for a while.</summary>
    public void Trim(int keep)
    {
        if (_cache.Count <= keep)
        {
            return;
        }

        foreach (var id in _cache.OrderBy(c => c.Value.Facts.LastSeen).Take(_cache.Count - keep).Select(c => c.Key).ToList())
        {
            _cache.TryRemove(id, out _);
        }
    }

    private async Task<IncidentSnapshot> SnapshotAsync(IDatabase db, string id)
    {
        var fields = await db.HashGetAsync(_keys.Incident(id), Snapshots.HashFields);
        return Snapshots.FromHash(id, fields);
    }

    private static int Places(IncidentFacts facts) => facts.Devices.Count + facts.Services.Count + facts.Sites.Count;

    private static IncidentFacts Clone(IncidentFacts facts) =>
        JsonSerializer.Deserialize<IncidentFacts>(JsonSerializer.Serialize(facts))!;

    private static JsonArray Array(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode)i)]);

    private static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(string ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture));

    private sealed record Cached(string Version, IncidentFacts Facts, string Json);

    /// <param name="Seen">Every incident the view listed, with its version.</param>
    /// <param name="Held">The incident holding the alarm's condition, '' for none.</param>
    /// <param name="AppliedTo">Set when the alarm was applied before: the incident it went to ('' when ignored).</param>
    private sealed record ReadToken(Dictionary<string, string> Seen, string Held, string? AppliedTo);
}
