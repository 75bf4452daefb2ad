using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Scoring;
using StackExchange.Redis;

namespace Correlation.Correlator.Live;

/// <summary>
/// The correlation window in Redis, shared by every correlator instance, worked a batch at a time: one
/// script reads what the batch's alarms need (the open incidents under their keys, the holders of their
/// conditions, which were applied already); the batch is decided in observed order in memory, by the
/// same <see cref="CorrelationCore"/> as the offline replay, on that view; one script stores every
/// decision if the view is still what Redis holds, else the batch is decided again on a fresh view
/// (after <see cref="ExclusiveAfter"/> tries, under the window's exclusive lease).
/// Incident facts travel as JSON and are fetched only when their version moved since this process last
/// saw them. The scripts build keys under one root, so this needs a single Redis, not a cluster.
/// </summary>
public sealed class RedisBatchWindow
{
    /// <summary>How often a batch is decided again (each time another decision changed its view) before it takes the window's lease.</summary>
    public const int ExclusiveAfter = 8;

    /// <summary>How often in all: under the lease only commits that raced the lease itself get in first, so this is not reached.</summary>
    public const int MaxAttempts = 16;

    private const int RecentCap = 64;
    private static readonly string ReadScript = Scripts.ReadWindow("read-batch.lua");
    private static readonly string CommitScript = Scripts.ReadWindow("commit-batch.lua");
    private static readonly TimeSpan ExclusiveLease = TimeSpan.FromSeconds(10);
    private readonly IConnectionMultiplexer _redis;
    private readonly WindowKeys _keys;
    private readonly CorrelatorOptions _options;
    private readonly TimeProvider _time;
    // Facts of the incidents this process decided on lately (bounded: see FactsCache).
    private const int CachedIncidentsPerGeneration = 16_384;
    private static readonly TimeSpan CacheGenerationAge = TimeSpan.FromMinutes(5);
    private readonly FactsCache _cache;
    // This process's batches read one after another and decide one after another: a batch reads while the
    // one before it decides, and decides on what it read with the earlier batches' commits laid over it.
    private readonly System.Threading.Channels.Channel<bool> _readTurn = Turn.Section();
    private readonly System.Threading.Channels.Channel<bool> _decideTurn = Turn.Section();
    private IReadOnlyList<PendingCommit> _pending = [];

    public RedisBatchWindow(IConnectionMultiplexer redis, WindowKeys keys, CorrelatorOptions options, TimeProvider time)
    {
        _redis = redis;
        _keys = keys;
        _options = options;
        _time = time;
        _cache = new FactsCache(CachedIncidentsPerGeneration, CacheGenerationAge, time);
    }

    /// <summary>
    /// Decides and stores a batch of alarms (in the order given, which should be the order observed).
    /// <paramref name="explain"/> writes an alarm's decision record; <paramref name="cause"/> names an
    /// incident's probable cause. Returns, per alarm, what storing it did and its decision.
    /// </summary>
    /// <summary>
    /// Takes a place in the order in which this process's batches read the window, at once (the turn itself
    /// comes when the batches before have read): a caller that enters batches in the order it was handed them
    /// has them decided in that order, however long each takes to prepare.
    /// </summary>
    public Task<Turn> EnterAsync(CancellationToken cancellationToken = default) => Turn.TakeAsync(_readTurn, cancellationToken);

    public async Task<IReadOnlyList<(LiveCommit Stored, CorrelationDecision? Decision)>> CorrelateAsync(Decider decider, IReadOnlyList<AlarmContext> alarms,
        Func<AlarmContext, CorrelationDecision, string> explain, Func<IncidentFacts, string?> cause, Task<Turn>? entered = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentNullException.ThrowIfNull(alarms);
        WindowHold? hold = null;
        var everyKey = false;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (attempt > ExclusiveAfter && hold is null)
                {
                    hold = await ExclusiveAsync(cancellationToken);
                }

                if (attempt > MaxAttempts)
                {
                    throw new InvalidOperationException(
                        $"A batch of {alarms.Count} alarms could not be stored after {MaxAttempts} attempts, the last while holding the window.");
                }

                // One batch of this process at a time reads; its read turn passes on once it has the decide turn,
                // which passes on once its commit is sent.
                using var turn = await (attempt == 1 && entered is not null ? entered : Turn.TakeAsync(_readTurn, cancellationToken));
                var tried = await TryAsync(decider, alarms, explain, cause, attempt, hold?.Token ?? "", turn, everyKey, cancellationToken);
                if (tried.Done is { } done)
                {
                    return done;
                }

                turn.Dispose();
                if (tried.EveryKey)
                {
                    // An alarm expected to repeat its condition was scored after all (its holder's facts were
                    // gone): decided again with every alarm's keys read.
                    everyKey = true;
                    continue;
                }

                if (hold is null)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * attempt * 2), cancellationToken);
                }
            }
        }
        finally
        {
            if (hold is not null)
            {
                await hold.DisposeAsync();
            }
        }
    }

    private async Task<(List<(LiveCommit, CorrelationDecision?)>? Done, bool EveryKey)> TryAsync(Decider decider, IReadOnlyList<AlarmContext> alarms,
        Func<AlarmContext, CorrelationDecision, string> explain, Func<IncidentFacts, string?> cause, int attempt, string owner, Turn readTurn, bool everyKey,
        CancellationToken cancellationToken)
    {
        var db = _redis.GetDatabase();
        var cutoff = alarms.Min(a => a.Facts.Time) - decider.Options.Window;
        var now = _time.GetUtcNow();
        var fps = alarms.Select(a => a.Alarm.Fingerprint).Distinct(StringComparer.Ordinal).ToList();
        var idems = alarms.Select(a => a.Alarm.IdempotencyKey).Distinct(StringComparer.Ordinal).ToList();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new Dictionary<string, IncidentStage>(StringComparer.Ordinal);

        // First which alarms were applied already and who holds their conditions: a clear, or a repeat of a
        // condition held within the window, is decided without looking under its keys.
        var read = await ReadAsync(db, [], fps, idems, cutoff, now, seen, stages, decider.Options.MaxJoinAge);
        var applied = (RedisResult[])read[0]!;
        var holders = (RedisResult[])read[1]!;
        var generation = (string)read[4]!;
        var lastCommit = (string)read[5]!;
        var looked = new HashSet<AlarmContext>(everyKey ? alarms : NeedingCandidates(alarms, fps, holders, applied, idems, decider.Options));
        var keys = looked.SelectMany(a => a.CandidateKeys).Distinct(StringComparer.Ordinal).ToList();
        var listed = keys.Count == 0 ? [] : (RedisResult[])(await ReadAsync(db, keys, [], [], cutoff, now, seen, stages, decider.Options.MaxJoinAge))[2]!;

        var facts = await FactsAsync(db, seen);
        foreach (var (id, incident) in facts)
        {
            incident.Stage = stages.GetValueOrDefault(id);
        }

        using var decideTurn = await Turn.TakeAsync(_decideTurn, cancellationToken);
        readTurn.Dispose();

        // This process's commits that the view may not hold yet, laid over it in order: their incidents as
        // they left them, merged ones gone, conditions held and alarms applied. Under the window's lease, or
        // when another correlator committed meanwhile, the view is taken as read and checked as before.
        var pending = owner.Length == 0 ? PendingCommit.StillPending(Volatile.Read(ref _pending), lastCommit) : null;
        var mergedInto = new Dictionary<string, string>(StringComparer.Ordinal);
        var laidHolders = new Dictionary<string, (string Incident, DateTimeOffset LastSeen)>(StringComparer.Ordinal);
        var laidApplied = new Dictionary<string, string>(StringComparer.Ordinal);
        var laid = new HashSet<string>(StringComparer.Ordinal);
        foreach (var commit in pending ?? [])
        {
            foreach (var (absorbed, survivor) in commit.MergedInto)
            {
                mergedInto[absorbed] = survivor;
            }

            foreach (var (id, incident) in commit.Incidents)
            {
                facts[id] = incident.Clone();
                laid.Add(id);
            }

            foreach (var (fp, holder) in commit.Holders)
            {
                laidHolders[fp] = holder;
            }

            foreach (var (idem, id) in commit.Applied)
            {
                laidApplied[idem] = id;
            }
        }

        string Final(string id)
        {
            for (var hop = 0; hop < 64 && mergedInto.TryGetValue(id, out var into); hop++)
            {
                id = into;
            }

            return id;
        }

        foreach (var gone in mergedInto.Keys)
        {
            facts.Remove(gone);
            laid.Remove(gone);
        }

        var window = new InMemoryWindowState(decider.Options);
        var known = new Dictionary<string, IncidentFacts>(facts, StringComparer.Ordinal);
        var listedUnder = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var k = 0; k < keys.Count; k++)
        {
            foreach (var id in ((RedisResult[])listed[k]!).Select(r => (string)r!))
            {
                if (!listedUnder.TryGetValue(id, out var under))
                {
                    listedUnder[id] = under = new HashSet<string>(StringComparer.Ordinal);
                }

                under.Add(keys[k]);
            }
        }

        foreach (var gone in mergedInto.Keys)
        {
            listedUnder.Remove(gone);
        }

        foreach (var id in laid)
        {
            // Findable where the commits indexed it: under every key it has, while it is in the window.
            var incident = facts[id];
            if (incident.LastSeen < cutoff)
            {
                continue;
            }

            var its = incident.Keys().ToHashSet(StringComparer.Ordinal);
            foreach (var key in keys.Where(k => k == Decider.RecentKey || its.Contains(k)))
            {
                if (!listedUnder.TryGetValue(id, out var under))
                {
                    listedUnder[id] = under = new HashSet<string>(StringComparer.Ordinal);
                }

                under.Add(key);
            }
        }

        foreach (var (id, incident) in facts)
        {
            window.Seed(incident, listedUnder.TryGetValue(id, out var under) ? under : []);
        }

        var held = new List<string>();
        for (var f = 0; f < fps.Count; f++)
        {
            if (laidHolders.TryGetValue(fps[f], out var laidHolder))
            {
                held.Add(Final(laidHolder.Incident));
                window.SeedCondition(fps[f], Final(laidHolder.Incident), laidHolder.LastSeen);
                continue;
            }

            if (holders[f].IsNull || holders[f] is not { Length: 3 } holder)
            {
                held.Add("");
                continue;
            }

            held.Add(Final((string)holder[0]!));
            window.SeedCondition(fps[f], Final((string)holder[0]!), FromMs((string)holder[1]!));
        }

        var alreadyApplied = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < idems.Count; i++)
        {
            if (laidApplied.TryGetValue(idems[i], out var laidId))
            {
                alreadyApplied[idems[i]] = laidId;
            }
            else if (!applied[i].IsNull)
            {
                alreadyApplied[idems[i]] = (string)applied[i]!;
            }
        }

        // Decide in order, on the view, in memory.
        var core = new CorrelationCore(decider, window, () => Guid.CreateVersion7(now).ToString("D"));
        var decided = new List<(AlarmContext Alarm, CorrelationDecision? Decision)>();
        var first = new HashSet<string>(StringComparer.Ordinal);
        var before = facts.ToDictionary(f => f.Key, f => Places(f.Value), StringComparer.Ordinal);
        // Where each open incident was findable before the batch: indexed there already (a resolved one's
        // entries were dropped, so it is indexed afresh if a raise reopens it).
        var resolved = holders.Where(h => !h.IsNull && (string)h[2]! != "open").Select(h => (string)h[0]!).ToHashSet(StringComparer.Ordinal);
        resolved.ExceptWith(laid);
        var indexed = facts.Where(f => !resolved.Contains(f.Key))
            .ToDictionary(f => f.Key, f => f.Value.Keys().ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var alarm in alarms)
        {
            if (alreadyApplied.ContainsKey(alarm.Alarm.IdempotencyKey) || !first.Add(alarm.Alarm.IdempotencyKey))
            {
                decided.Add((alarm, null));
                continue;
            }

            var decision = await core.CorrelateAsync(alarm, cancellationToken);
            if (decision.IncidentId is { } target && window.Incident(target) is { } incident)
            {
                known[target] = incident;
            }

            decided.Add((alarm, decision with { Attempts = attempt }));
        }

        if (!everyKey && decided.Any(d => d.Decision is { Kind: not (DecisionKind.Repeat or DecisionKind.Ignored) } && !looked.Contains(d.Alarm)))
        {
            return (null, true);
        }

        // What the decisions did, as the commit script applies it.
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < decided.Count; i++)
        {
            if (decided[i].Decision?.IncidentId is { } id && decided[i].Decision!.Kind != DecisionKind.Ignored)
            {
                last[id] = i;
            }
        }

        var survivors = last.Keys.Where(id => window.Incident(id)?.Id == id).ToHashSet(StringComparer.Ordinal);

        // What this commit will have changed, for the next batch to lay over what it reads meanwhile.
        var token = Guid.NewGuid().ToString("N");
        var after = pending is null ? lastCommit : pending.Count > 0 ? pending[^1].Token : lastCommit;
        var ownApplied = new Dictionary<string, string>(StringComparer.Ordinal);
        var ownHolders = new Dictionary<string, (string Incident, DateTimeOffset LastSeen)>(StringComparer.Ordinal);
        var ownMerged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (alarm, decision) in decided)
        {
            if (decision is null)
            {
                continue;
            }

            ownApplied[alarm.Alarm.IdempotencyKey] = decision.Kind == DecisionKind.Ignored ? "" : decision.IncidentId!;
            if (decision.Kind != DecisionKind.Ignored)
            {
                ownHolders[alarm.Alarm.Fingerprint] = (window.FinalIncidentOf(decision.IncidentId!), alarm.Facts.Time);
                foreach (var absorbed in decision.MergedIncidents)
                {
                    ownMerged[absorbed] = window.FinalIncidentOf(absorbed);
                }
            }
        }

        var own = new PendingCommit(token, after, ownApplied, ownHolders,
            survivors.ToDictionary(id => id, id => known[id].Clone(), StringComparer.Ordinal), ownMerged);
        // Long texts travel as further script arguments, named in the ops by their index (Lua's ARGV counts from 1, the JSON is ARGV[1]).
        var texts = new List<RedisValue> { RedisValue.Null };
        int Text(string text)
        {
            texts.Add(text);
            return texts.Count;
        }

        // The texts each decision leaves (its record; for the last decision on an incident, the incident's
        // facts and, when it reached somewhere new, its probable cause) depend only on decisions already
        // made, so they are worked out side by side.
        var records = new (string? Explanation, string? Facts, string? Cause)[decided.Count];
        Parallel.For(0, decided.Count, i =>
        {
            if (decided[i].Decision is not { Kind: not DecisionKind.Ignored } decision)
            {
                return;
            }

            var id = decision.IncidentId!;
            var incident = known[id];
            var isLast = last[id] == i && survivors.Contains(id);
            records[i] = (explain(decided[i].Alarm, decision),
                isLast ? JsonSerializer.Serialize(incident) : null,
                // The cause is looked for again only when the incident reached somewhere new.
                isLast && (!before.TryGetValue(id, out var places) || places != Places(incident)) ? cause(incident) : null);
        });

        // The arguments are written straight to JSON: a document of a few hundred operations a batch,
        // built as a tree first, cost as much as deciding the batch.
        using var args = new ScriptArgs();
        var w = args.Writer;
        w.WriteStartObject();
        w.WriteString("root", _keys.Root);
        w.WriteString("owner", owner);
        w.WriteString("token", token);
        w.WriteNumber("now", Ms(now));
        w.WriteNumber("t", Ms(alarms.Max(a => a.Facts.Time)));
        w.WriteNumber("cutoff", Ms(cutoff));
        w.WriteNumber("reopen", (long)_options.ReopenWindow.TotalMilliseconds);
        if (pending is not null)
        {
            // Laid over this process's pending commits: stored only right after them, nothing else in between.
            w.WriteString("generation", (long.Parse(generation, CultureInfo.InvariantCulture) + pending.Count).ToString(CultureInfo.InvariantCulture));
            w.WriteString("after", after);
        }
        else
        {
            // Taken as read: checked against the window if anything was stored since.
            w.WriteString("generation", generation);
            ScriptArgs.Strings(w, "keys", keys);
            ScriptArgs.Strings(w, "fps", fps);
            ScriptArgs.Strings(w, "held", held);
            ScriptArgs.Strings(w, "idems", idems.Where(i => !alreadyApplied.ContainsKey(i)));
            w.WriteStartObject("seen");
            foreach (var (id, version) in seen)
            {
                w.WriteString(id, version);
            }

            w.WriteEndObject();
        }
        w.WriteStartArray("ops");
        for (var i = 0; i < decided.Count; i++)
        {
            var (alarm, decision) = decided[i];
            if (decision is null)
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("idem", alarm.Alarm.IdempotencyKey);
            w.WriteString("kind", decision.Kind switch
            {
                DecisionKind.Opened => "open",
                DecisionKind.Ignored => "ignored",
                _ => "join",
            });
            if (decision.Kind != DecisionKind.Ignored)
            {
                var id = decision.IncidentId!;
                var (explanation, factsJson, probableCause) = records[i];
                w.WriteString("id", id);
                w.WriteString("fp", alarm.Alarm.Fingerprint);
                w.WriteString("alarmId", alarm.Alarm.Id);
                w.WriteBoolean("clear", alarm.Facts.IsClear);
                w.WriteNumber("severity", (int)alarm.Alarm.Severity);
                w.WriteString("title", IncidentTitle.For(alarm.Alarm));
                w.WriteString("site", alarm.Facts.SiteId ?? alarm.Alarm.Site ?? "");
                w.WriteNumber("t", Ms(alarm.Facts.Time));
                // The last clear is what the Resolved event carries; raises need not be kept.
                if (alarm.Facts.IsClear)
                {
                    w.WriteNumber("alarm", Text(JsonSerializer.Serialize(alarm.Alarm)));
                }
                else if (decision.Kind != DecisionKind.Repeat)
                {
                    // A condition new to its incident keeps the alarm that brought it: an operator's split or move
                    // works out the incidents' facts again from their members' alarms.
                    w.WriteNumber("member", Text(JsonSerializer.Serialize(alarm.Alarm)));
                }

                w.WriteNumber("explanation", Text(explanation!));
                w.WriteStartArray("absorbed");
                foreach (var absorbed in decision.MergedIncidents)
                {
                    w.WriteStartObject();
                    w.WriteString("id", absorbed);
                    ScriptArgs.Strings(w, "keys", known.TryGetValue(absorbed, out var gone) ? gone.Keys() : []);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                ScriptArgs.Strings(w, "related", decision.Related ?? []);
                if (factsJson is not null)
                {
                    w.WriteNumber("facts", Text(factsJson));
                }

                w.WriteString("cause", probableCause ?? "");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();

        // New index entries: the keys each surviving incident is findable by that it was not indexed or listed under.
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var id in survivors)
        {
            var under = listedUnder.GetValueOrDefault(id);
            var had = indexed.GetValueOrDefault(id);
            foreach (var key in known[id].Keys().Where(k => (under is null || !under.Contains(k)) && (had is null || !had.Contains(k))))
            {
                if (!index.TryGetValue(key, out var ids))
                {
                    index[key] = ids = [];
                }

                ids.Add(id);
            }
        }

        w.WriteStartArray("index");
        foreach (var (key, ids) in index)
        {
            w.WriteStartObject();
            w.WriteString("key", key);
            ScriptArgs.Strings(w, "ids", ids);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        ScriptArgs.Strings(w, "recent", survivors);
        w.WriteString("recentKey", Decider.RecentKey);
        w.WriteNumber("recentCap", RecentCap);
        w.WriteNumber("dedupPx", (long)_options.DedupHorizon.TotalMilliseconds);
        w.WriteNumber("keepPx", (long)_options.OpenKeyLifetime.TotalMilliseconds);
        w.WriteNumber("retentionPx", (long)_options.ResolvedRetention.TotalMilliseconds);
        // An incident older than the join age takes no new members, so its index entries are not needed beyond it.
        w.WriteNumber("indexPx", (long)(decider.Options.MaxJoinAge + decider.Options.Window).TotalMilliseconds);
        w.WriteNumber("holdDownMs", (long)_options.HoldDown.TotalMilliseconds);
        w.WriteNumber("flapHoldDownMs", (long)_options.FlapHoldDown.TotalMilliseconds);
        w.WriteNumber("flapThreshold", _options.FlapThreshold);
        w.WriteNumber("explanationCap", _options.ExplanationsPerIncident);
        w.WriteEndObject();
        texts[0] = args.ToRedisValue();
        Volatile.Write(ref _pending, [.. pending ?? [], own]);
        var committing = db.ScriptEvaluateAsync(CommitScript, values: [.. texts]);
        decideTurn.Dispose();
        RedisResult[] result;
        try
        {
            result = (RedisResult[])(await committing)!;
        }
        catch
        {
            // Whether it was stored is unknown: nothing is laid over it (the next commits name it, and are refused if it was not).
            Volatile.Write(ref _pending, []);
            throw;
        }

        if ((string)result[0]! == "conflict")
        {
            Volatile.Write(ref _pending, []);
            return (null, false);
        }

        // Read the per-alarm results back in order.
        var stored = new List<(LiveCommit, CorrelationDecision?)>();
        var at = 1;
        var byIdem = new Dictionary<string, LiveCommit>(StringComparer.Ordinal);
        for (var i = 0; i < decided.Count; i++)
        {
            var (alarm, decision) = decided[i];
            if (decision is null)
            {
                continue;
            }

            var outcome = (string)result[at++]!;
            LiveCommit commit;
            if (outcome == "ignored")
            {
                commit = new LiveCommit(LiveOutcome.Ignored, null, []);
            }
            else
            {
                var snapshot = Snapshots.Read(result, at);
                at += Snapshots.Fields;
                var count = (int)(long)result[at++];
                var absorbed = new List<Contracts.IncidentSnapshot>();
                for (var a = 0; a < count; a++)
                {
                    absorbed.Add(Snapshots.Read(result, at));
                    at += Snapshots.Fields;
                }

                commit = new LiveCommit(Enum.Parse<LiveOutcome>(outcome, ignoreCase: true), snapshot, absorbed);
                if (last[decision.IncidentId!] == i && survivors.Contains(decision.IncidentId!))
                {
                    // The batch's copy is not changed again: it becomes what this process knows of the incident.
                    _cache.Set(decision.IncidentId!, snapshot.Version.ToString(CultureInfo.InvariantCulture), known[decision.IncidentId!]);
                }

                foreach (var gone in decision.MergedIncidents)
                {
                    _cache.Remove(gone);
                }
            }

            byIdem[alarm.Alarm.IdempotencyKey] = commit;
        }

        // Alarms applied before (a redelivery) or twice in this batch: told again at the incident's current version.
        foreach (var (alarm, decision) in decided)
        {
            if (decision is not null)
            {
                stored.Add((byIdem[alarm.Alarm.IdempotencyKey], decision));
            }
            else if (byIdem.TryGetValue(alarm.Alarm.IdempotencyKey, out var same))
            {
                stored.Add((same with { Outcome = same.Incident is null ? LiveOutcome.Ignored : LiveOutcome.Duplicate, Absorbed = [] }, null));
            }
            else
            {
                var prior = alreadyApplied[alarm.Alarm.IdempotencyKey];
                stored.Add((prior.Length == 0
                    ? new LiveCommit(LiveOutcome.Ignored, null, [])
                    : new LiveCommit(LiveOutcome.Duplicate, Snapshots.FromHash(prior, await db.HashGetAsync(_keys.Incident(prior), Snapshots.HashFields)), []),
                    null));
            }
        }

        return (stored, false);
    }

    /// <summary>
    /// Reads from the window the alarms already applied (per idempotency key), the holders of conditions
    /// (per fingerprint) and the incidents listed under index keys; records the version and stage of each
    /// incident named.
    /// </summary>
    private async Task<RedisResult[]> ReadAsync(IDatabase db, List<string> keys, List<string> fps, List<string> idems,
        DateTimeOffset cutoff, DateTimeOffset now, Dictionary<string, string> seen, Dictionary<string, IncidentStage> stages, TimeSpan maxJoinAge)
    {
        using var args = new ScriptArgs();
        var w = args.Writer;
        w.WriteStartObject();
        w.WriteString("root", _keys.Root);
        w.WriteNumber("cutoff", Ms(cutoff));
        w.WriteNumber("trimMs", (long)maxJoinAge.TotalMilliseconds);
        w.WriteNumber("now", Ms(now));
        w.WriteNumber("reopen", (long)_options.ReopenWindow.TotalMilliseconds);
        ScriptArgs.Strings(w, "keys", keys);
        ScriptArgs.Strings(w, "fps", fps);
        ScriptArgs.Strings(w, "idems", idems);
        w.WriteEndObject();
        var read = (RedisResult[])(await db.ScriptEvaluateAsync(ReadScript, values: [args.ToRedisValue()]))!;
        var versions = (RedisResult[])read[3]!;
        for (var i = 0; i + 2 < versions.Length; i += 3)
        {
            // Named by both reads, the first version stays: if the two differ, the commit finds the view changed.
            if (seen.TryAdd((string)versions[i]!, (string)versions[i + 1]!))
            {
                stages[(string)versions[i]!] = (IncidentStage)int.Parse((string)versions[i + 2]!, CultureInfo.InvariantCulture);
            }
        }

        return read;
    }

    /// <summary>
    /// The alarms whose decision needs the incidents under their keys, found by following in batch order
    /// which conditions are held and when they were last seen: not clears, not repeats within the window,
    /// not alarms applied already.
    /// </summary>
    private static List<AlarmContext> NeedingCandidates(IReadOnlyList<AlarmContext> alarms, List<string> fps, RedisResult[] holders,
        RedisResult[] applied, List<string> idems, ScoringOptions scoring)
    {
        var lastSeen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var f = 0; f < fps.Count; f++)
        {
            if (holders[f] is { Length: 3 } holder && !holders[f].IsNull)
            {
                lastSeen[fps[f]] = FromMs((string)holder[1]!);
            }
        }

        var skip = new HashSet<string>(idems.Where((_, i) => !applied[i].IsNull), StringComparer.Ordinal);
        var needing = new List<AlarmContext>();
        foreach (var alarm in alarms)
        {
            if (!skip.Add(alarm.Alarm.IdempotencyKey))
            {
                continue;
            }

            var fp = alarm.Alarm.Fingerprint;
            DateTimeOffset? held = lastSeen.TryGetValue(fp, out var seenAt) ? seenAt : null;
            if (Decider.NeedsCandidates(alarm.Facts, held, scoring))
            {
                needing.Add(alarm);
            }

            // Anything but the clear of a condition nobody holds leaves the condition held, seen now.
            if (!alarm.Facts.IsClear || held is not null)
            {
                lastSeen[fp] = alarm.Facts.Time;
            }
        }

        return needing;
    }

    private async Task<Dictionary<string, IncidentFacts>> FactsAsync(IDatabase db, Dictionary<string, string> seen)
    {
        var facts = new Dictionary<string, IncidentFacts>(StringComparer.Ordinal);
        var stale = new List<string>();
        foreach (var (id, version) in seen)
        {
            if (_cache.TryGet(id, version, out var cached))
            {
                // A copy of its own for this batch: the decisions change it in place.
                facts[id] = cached.Clone();
            }
            else
            {
                stale.Add(id);
            }
        }

        var fetched = await Task.WhenAll(stale.Select(id => db.HashGetAsync(_keys.Incident(id), ["facts", "version"])));
        for (var i = 0; i < stale.Count; i++)
        {
            if (fetched[i][0].IsNull)
            {
                continue;
            }

            var incident = JsonSerializer.Deserialize<IncidentFacts>((string)fetched[i][0]!)!;
            // Cached under the version read with it; if that moved past the view's, the commit refuses and the batch is read again.
            _cache.Set(stale[i], (string)fetched[i][1]!, incident);
            facts[stale[i]] = incident.Clone();
        }

        return facts;
    }

    /// <summary>
    /// Takes the window's exclusive lease (waiting for another holder's to end or expire); commits that
    /// carry its token pass, everyone else's are refused until it is released.
    /// </summary>
    public Task<WindowHold> ExclusiveAsync(CancellationToken cancellationToken = default) =>
        WindowHold.TakeAsync(_redis, _keys, ExclusiveLease, cancellationToken);

    private static int Places(IncidentFacts facts) => facts.Devices.Count + facts.Services.Count + facts.Sites.Count;

    private static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(string ms) => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture));
}

