using System.Globalization;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Live;
using Correlation.Correlator.Rules;
using Correlation.Correlator.Scoring;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Correlator.Operations;

/// <summary>
/// What operators do to the correlator's incidents: merge incidents the engine kept apart, split or move
/// conditions it put together, resolve (forced while members still fire) and reopen. Each works under the
/// window's exclusive lease, so no correlator decides on a half-changed window, and writes in one script that
/// re-checks the versions it read. Merges, splits, moves and confirmations are kept as labelled feedback
/// (<see cref="FeedbackStore"/>). A command carried out already (a redelivery) finds it done and answers
/// with the incidents as they are, at the versions consumers already have.
/// </summary>
public sealed class OperatorActions(
    IConnectionMultiplexer redis,
    WindowKeys keys,
    LiveCorrelator correlator,
    FeedbackStore feedback,
    IOptions<CorrelatorOptions> options,
    ActiveRules rules,
    TimeProvider time)
{
    private const int MaxAttempts = 8;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    // Applies the changes worked out under the lease, if the incidents are still at the versions read.
    private const string ApplyScript = """
        local p = cjson.decode(ARGV[1])
        local root = p.root
        if redis.call('GET', root .. 'exclusive') ~= p.owner then return 'conflict' end
        for _, u in ipairs(p.updates) do
          if (redis.call('HGET', root .. 'inc:' .. u.id, 'version') or '') ~= u.expect then return 'conflict' end
        end
        for _, u in ipairs(p.updates) do
          local ikey = root .. 'inc:' .. u.id
          if #u.set > 0 then redis.call('HSET', ikey, unpack(u.set)) end
          if #u.hdel > 0 then redis.call('HDEL', ikey, unpack(u.hdel)) end
          if u.members then
            redis.call('DEL', ikey .. ':m')
            if #u.members > 0 then redis.call('HSET', ikey .. ':m', unpack(u.members)) end
            -- The severity counts the commit script keeps (commit-batch.lua): members firing, by severity.
            local sev = {}
            for i = 2, #u.members, 2 do
              if u.members[i] ~= '0' then sev[u.members[i]] = (sev[u.members[i]] or 0) + 1 end
            end
            redis.call('HSET', ikey, 'sev', next(sev) and cjson.encode(sev) or '{}')
          end
          for _, key in ipairs(u.index) do
            redis.call('ZADD', root .. 'k:' .. key, 'NX', p.now, u.id)
            redis.call('PEXPIRE', root .. 'k:' .. key, p.indexPx)
          end
          -- The resolution queue holds every open incident (commit-batch.lua): at the end of a hold-down set
          -- here, else (unless one is pending) at its expiry, the dedup horizon from now.
          local queue = root .. 'resolve'
          if u.resolve ~= '' and u.resolve ~= 'drop' then redis.call('ZADD', queue, u.resolve, u.id)
          elseif redis.call('HGET', ikey, 'state') == 'open' then
            if u.resolve == 'drop' or not redis.call('ZSCORE', queue, u.id) then redis.call('ZADD', queue, p.now + p.dedupPx, u.id) end
          elseif u.resolve == 'drop' then redis.call('ZREM', queue, u.id) end
          redis.call('PEXPIRE', ikey, u.ttl)
          if u.members and #u.members > 0 then redis.call('PEXPIRE', ikey .. ':m', u.ttl) end
        end
        for i = 1, #p.conds, 2 do redis.call('HSET', root .. 'cond:' .. p.conds[i], 'i', p.conds[i + 1]) end
        redis.call('INCR', root .. 'gen')
        return 'ok'
        """;

    private readonly IDatabase _db = redis.GetDatabase();
    private readonly CorrelatorOptions _options = options.Value;

    /// <summary>Merges the sources into the target: the target takes their members and facts; they end merged into it.</summary>
    public Task<OperatorOutcome> MergeAsync(MergeIncidents command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return UnderLeaseAsync(command.TargetIncidentId, nameof(MergeIncidents), command.By, async (owner, now) =>
        {
            var target = await ReadAsync(await FinalAsync(command.TargetIncidentId.ToString("D")));
            if (target is null)
            {
                return Refuse("the incident to merge into is not known (or no longer kept)");
            }

            var sources = new List<Incident>();
            var alreadyIn = new List<Incident>();
            foreach (var sourceId in command.SourceIncidentIds.Select(id => id.ToString("D")).Distinct(StringComparer.Ordinal))
            {
                var source = await ReadAsync(sourceId);
                if (source is null)
                {
                    return Refuse($"incident {sourceId} is not known (or no longer kept)");
                }

                if (source.State == "merged")
                {
                    if (await FinalAsync(sourceId) != target.Id)
                    {
                        return Refuse($"incident {sourceId} was merged into another incident");
                    }

                    alreadyIn.Add(source);
                    continue;
                }

                if (source.Id == target.Id)
                {
                    return Refuse("an incident cannot be merged into itself");
                }

                sources.Add(source);
            }

            if (sources.Count == 0)
            {
                // Done before (a redelivered command): say so again with the incidents as they are.
                return alreadyIn.Count == 0
                    ? Refuse("no incident to merge was named")
                    : Done(null, new IncidentMerged(target.Snapshot(), [.. alreadyIn.Select(a => a.Snapshot())], null, command.By));
            }

            var members = new Dictionary<string, string>(target.Members, StringComparer.Ordinal);
            var facts = target.Facts?.Clone();
            var updates = new List<Update>();
            var groups = new List<IReadOnlyList<Alarm>> { await AlarmsOfAsync(target.Members.Keys) };
            foreach (var source in sources)
            {
                foreach (var (fingerprint, severity) in source.Members)
                {
                    if (!members.TryGetValue(fingerprint, out var had) || had == "0")
                    {
                        members[fingerprint] = severity;
                    }
                }

                if (source.Facts is { } absorbed)
                {
                    facts ??= new IncidentFacts(target.Id, absorbed.OpenedAt, absorbed.MaxDevices);
                    facts.Absorb(absorbed);
                }

                target.Alarms += source.Alarms;
                target.Flapping |= source.Flapping;
                target.Seen = Math.Max(target.Seen, source.Seen);
                groups.Add(await AlarmsOfAsync(source.Members.Keys));
                source.State = "merged";
                updates.Add(new Update(source, ["state", "merged", "into", target.Id, "version", Num(source.Version + 1), "updated", Num(now)],
                    ["facts"], Members: [], Index: [], Resolve: "drop", Ttl: _options.ResolvedRetention));
                source.Version++;
                source.Updated = now;
            }

            Count(target, members);
            var reopened = target.State == "resolved" && target.Active > 0;
            if (reopened)
            {
                target.State = "open";
            }

            target.Version++;
            target.Updated = now;
            var cause = facts is null ? null : ProbableCause.Find(correlator.CurrentDecider().Topology, facts)?.ToString();
            updates.Insert(0, new Update(target, [.. target.Fields(), .. Facts(facts), .. Cause(cause)], reopened ? ["resolvedAt"] : [],
                Flatten(members), [.. facts?.Keys() ?? []], target.Active > 0 ? "drop" : "", _options.OpenKeyLifetime));
            if (!await ApplyAsync(owner, now, updates, []))
            {
                return null;
            }

            target.Cause = cause ?? target.Cause;
            await feedback.RecordAsync(FeedbackLabel.MissedMerge, command.By, command.Reason, now, [target.Id, .. sources.Select(s => s.Id)], groups);
            return Done(null, new IncidentMerged(target.Snapshot(), [.. sources.Concat(alreadyIn).Select(s => s.Snapshot())], null, command.By));
        }, cancellationToken);
    }

    /// <summary>Takes conditions out of an incident into a new incident of their own.</summary>
    public Task<OperatorOutcome> SplitAsync(SplitIncident command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return MoveAsync(command.IncidentId, null, command.Fingerprints, command.By, command.Reason, nameof(SplitIncident), cancellationToken);
    }

    /// <summary>Moves conditions from one incident to another.</summary>
    public Task<OperatorOutcome> MoveAsync(MoveAlarms command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return MoveAsync(command.FromIncidentId, command.ToIncidentId, command.Fingerprints, command.By, command.Reason, nameof(MoveAlarms), cancellationToken);
    }

    /// <summary>Resolves an incident now; refused while members still fire unless forced.</summary>
    public Task<OperatorOutcome> ResolveAsync(ResolveIncident command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return UnderLeaseAsync(command.IncidentId, nameof(ResolveIncident), command.By, async (owner, now) =>
        {
            var incident = await ReadAsync(await FinalAsync(command.IncidentId.ToString("D")));
            if (incident is null)
            {
                return Refuse("the incident is not known (or no longer kept)");
            }

            if (incident.State == "resolved")
            {
                return Done(null, new IncidentResolved(incident.Snapshot(), null, command.By, command.Reason));
            }

            if (incident.Active > 0 && !command.Force)
            {
                return Refuse($"{incident.Active} member(s) still fire; resolve with force and a reason to close it anyway");
            }

            if (command.Force && string.IsNullOrWhiteSpace(command.Reason))
            {
                return Refuse("a forced resolve needs a reason");
            }

            // Forced: members still firing count as cleared, so the condition coming back (raised again) reopens it.
            var members = incident.Members.ToDictionary(m => m.Key, _ => "0", StringComparer.Ordinal);
            incident.Active = 0;
            incident.State = "resolved";
            incident.Version++;
            incident.Updated = now;
            var update = new Update(incident, [.. incident.Fields(), "resolvedAt", Num(now)], [], Flatten(members), Index: [], Resolve: "drop",
                Ttl: _options.ResolvedRetention);
            return await ApplyAsync(owner, now, [update], [])
                ? Done(null, new IncidentResolved(incident.Snapshot(), null, command.By, command.Reason))
                : null;
        }, cancellationToken);
    }

    /// <summary>Reopens a resolved incident; it stays open until resolved again (its members' clears do not close it by themselves).</summary>
    public Task<OperatorOutcome> ReopenAsync(ReopenIncident command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return UnderLeaseAsync(command.IncidentId, nameof(ReopenIncident), command.By, async (owner, now) =>
        {
            var incident = await ReadAsync(await FinalAsync(command.IncidentId.ToString("D")));
            if (incident is null)
            {
                return Refuse("the incident is not known (or no longer kept)");
            }

            if (incident.State == "open")
            {
                return incident.ReopenedBy == command.By
                    ? Done(null, new IncidentReopened(incident.Snapshot(), command.By, command.Reason, command.At))
                    : Refuse("the incident is open");
            }

            incident.State = "open";
            incident.Version++;
            incident.Updated = now;
            var update = new Update(incident, [.. incident.Fields(), "reopenedBy", command.By], ["resolvedAt"], Members: null, Index: [],
                Resolve: "drop", Ttl: _options.OpenKeyLifetime);
            return await ApplyAsync(owner, now, [update], [])
                ? Done(null, new IncidentReopened(incident.Snapshot(), command.By, command.Reason, command.At))
                : null;
        }, cancellationToken);
    }

    /// <summary>Records that an incident's grouping was right.</summary>
    public async Task<OperatorOutcome> ConfirmAsync(ConfirmGrouping command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var incident = await ReadAsync(await FinalAsync(command.IncidentId.ToString("D")));
        if (incident is null)
        {
            return Refused(command.IncidentId, nameof(ConfirmGrouping), command.By, "the incident is not known (or no longer kept)");
        }

        await feedback.RecordAsync(FeedbackLabel.Correct, command.By, null, time.GetUtcNow().ToUnixTimeMilliseconds(), [incident.Id],
            [await AlarmsOfAsync(incident.Members.Keys)]);
        return new OperatorOutcome([], null);
    }

    private Task<OperatorOutcome> MoveAsync(Guid fromId, Guid? toId, IReadOnlyList<string> fingerprints, string by, string? reason, string command,
        CancellationToken cancellationToken) =>
        UnderLeaseAsync(fromId, command, by, async (owner, now) =>
        {
            var moving = fingerprints.Distinct(StringComparer.Ordinal).ToList();
            if (moving.Count == 0)
            {
                return Refuse("name at least one alarm (by fingerprint) to move");
            }

            var from = await ReadAsync(fromId.ToString("D"));
            if (from is null || from.State == "merged")
            {
                return Refuse(from is null ? "the incident is not known (or no longer kept)" : "the incident was merged into another; act on that one");
            }

            Incident? to = null;
            if (toId is { } target)
            {
                to = await ReadAsync(await FinalAsync(target.ToString("D")));
                if (to is null || to.Id == from.Id)
                {
                    return Refuse(to is null ? "the incident to move to is not known (or no longer kept)" : "the alarms are in that incident already");
                }
            }

            var missing = moving.Where(f => !from.Members.ContainsKey(f)).ToList();
            if (missing.Count == moving.Count && to is not null && moving.All(to.Members.ContainsKey))
            {
                // Done before (a redelivered command).
                return Done(null, new AlarmsMoved(from.Snapshot(), to.Snapshot(), await AlarmsOfAsync(moving), by, DateTimeOffset.FromUnixTimeMilliseconds(now)));
            }

            if (missing.Count > 0)
            {
                return Refuse($"not members of the incident: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : "")}");
            }

            if (moving.Count == from.Members.Count && to is null)
            {
                return Refuse("splitting out every member leaves nothing behind; nothing would change");
            }

            var decider = correlator.CurrentDecider();
            var movedAlarms = await AlarmsOfAsync(moving);
            var remaining = from.Members.Where(m => !moving.Contains(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
            var remainingAlarms = await AlarmsOfAsync(remaining.Keys);
            var fromFacts = Rebuild(decider, from.Id, remainingAlarms, from.Facts);
            var isNew = to is null;
            to ??= Incident.New(Guid.NewGuid().ToString("D"), movedAlarms, now);
            var toMembers = new Dictionary<string, string>(to.Members, StringComparer.Ordinal);
            foreach (var fingerprint in moving)
            {
                toMembers[fingerprint] = from.Members[fingerprint];
            }

            var toFacts = isNew ? Rebuild(decider, to.Id, movedAlarms, null) : to.Facts?.Clone() ?? Rebuild(decider, to.Id, [], null);
            if (!isNew)
            {
                foreach (var alarm in movedAlarms)
                {
                    var context = decider.Prepare(alarm);
                    toFacts.Add(context.Facts, context.Impacted);
                }
            }

            // Alarm counts are not kept per condition: each moved condition takes one.
            from.Alarms = Math.Max(remaining.Count, from.Alarms - moving.Count);
            to.Alarms += moving.Count;
            Count(from, remaining);
            Count(to, toMembers);
            to.Seen = Math.Max(to.Seen, movedAlarms.Count == 0 ? now : movedAlarms.Max(a => a.ObservedAt.ToUnixTimeMilliseconds()));
            var reopened = to.State == "resolved" && to.Active > 0;
            if (reopened)
            {
                to.State = "open";
            }

            from.Version++;
            from.Updated = now;
            to.Version++;
            to.Updated = now;
            from.Cause = ProbableCause.Find(decider.Topology, fromFacts)?.ToString() ?? "";
            to.Cause = ProbableCause.Find(decider.Topology, toFacts)?.ToString() ?? "";
            var fromResolve = from.State == "open" && from.Active <= 0
                ? Num(now + (long)(from.Flapping ? _options.FlapHoldDown : _options.HoldDown).TotalMilliseconds)
                : "drop";
            var updates = new List<Update>
            {
                new(from, [.. from.Fields(), .. Facts(fromFacts)], [], Flatten(remaining), [], fromResolve, _options.OpenKeyLifetime),
                new(to, [.. to.Fields(), .. Facts(toFacts)], reopened ? ["resolvedAt"] : [], Flatten(toMembers), [.. toFacts.Keys()],
                    to.Active > 0 ? "drop" : "", _options.OpenKeyLifetime),
            };
            if (!await ApplyAsync(owner, now, updates, [.. moving.SelectMany(f => new[] { f, to.Id })]))
            {
                return null;
            }

            await feedback.RecordAsync(FeedbackLabel.FalseMerge, by, reason, now, [from.Id], [movedAlarms, remainingAlarms]);
            if (!isNew)
            {
                await feedback.RecordAsync(FeedbackLabel.MissedMerge, by, reason, now, [to.Id],
                    [movedAlarms, await AlarmsOfAsync(to.Members.Keys.Where(f => !moving.Contains(f)))]);
            }

            return Done(null, new AlarmsMoved(from.Snapshot(), to.Snapshot(), movedAlarms, by, DateTimeOffset.FromUnixTimeMilliseconds(now)));
        }, cancellationToken);

    private async Task<OperatorOutcome> UnderLeaseAsync(Guid incidentId, string command, string by, Func<string, long, Task<Attempt?>> act,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var hold = await WindowHold.TakeAsync(redis, keys, Lease, cancellationToken);
            var result = await act(hold.Token, time.GetUtcNow().ToUnixTimeMilliseconds());
            if (result is { } done)
            {
                return done.Refusal is { } reason
                    ? Refused(incidentId, command, by, reason)
                    : new OperatorOutcome(done.Events, null);
            }
        }

        throw new InvalidOperationException($"{command} on incident {incidentId} could not be stored after {MaxAttempts} attempts: the incidents kept changing.");
    }

    private OperatorOutcome Refused(Guid incidentId, string command, string by, string reason) =>
        new([new OperatorActionRefused(incidentId, command, by, reason, time.GetUtcNow())], reason);

    private static Attempt Refuse(string reason) => new([], reason);

    private static Attempt Done(string? refusal, params object[] events) => new(events, refusal);

    private async Task<bool> ApplyAsync(string owner, long now, IReadOnlyList<Update> updates, IReadOnlyList<string> conds)
    {
        using var stream = new MemoryStream();
        await using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("root", keys.Root);
            w.WriteString("owner", owner);
            w.WriteNumber("now", now);
            w.WriteNumber("dedupPx", (long)_options.DedupHorizon.TotalMilliseconds);
            // As the batches' index entries: an incident older than the join age takes no new members.
            w.WriteNumber("indexPx", (long)(rules.Current.Options.MaxJoinAge + rules.Current.Options.Window).TotalMilliseconds);
            w.WriteStartArray("updates");
            foreach (var u in updates)
            {
                w.WriteStartObject();
                w.WriteString("id", u.Incident.Id);
                w.WriteString("expect", u.Incident.ReadVersion);
                Strings(w, "set", u.Set);
                Strings(w, "hdel", u.Delete);
                if (u.Members is not null)
                {
                    Strings(w, "members", u.Members);
                }

                Strings(w, "index", u.Index);
                w.WriteString("resolve", u.Resolve);
                w.WriteNumber("ttl", (long)u.Ttl.TotalMilliseconds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Strings(w, "conds", conds);
            w.WriteEndObject();
        }

        return (string?)await _db.ScriptEvaluateAsync(ApplyScript, values: [stream.ToArray()]) == "ok";

        static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
        {
            w.WriteStartArray(name);
            foreach (var value in values)
            {
                w.WriteStringValue(value);
            }

            w.WriteEndArray();
        }
    }

    /// <summary>The incident an id ended up in after merges.</summary>
    private async Task<string> FinalAsync(string id)
    {
        for (var i = 0; i < 32; i++)
        {
            var into = await _db.HashGetAsync(keys.Incident(id), "into");
            if (into.IsNull)
            {
                return id;
            }

            id = (string)into!;
        }

        return id;
    }

    private async Task<Incident?> ReadAsync(string id)
    {
        var fields = await _db.HashGetAsync(keys.Incident(id), [.. Snapshots.HashFields, "seen", "facts", "reopenedBy"]);
        if (fields[0].IsNull)
        {
            return null;
        }

        var members = await _db.HashGetAllAsync(keys.Members(id));
        var facts = fields[13].IsNull ? null : JsonSerializer.Deserialize<IncidentFacts>((string)fields[13]!);
        return new Incident(id, fields, members.ToDictionary(m => (string)m.Name!, m => (string)m.Value!, StringComparer.Ordinal), facts);
    }

    /// <summary>The alarms that brought these conditions to their incidents (kept with each condition); conditions without one are left out.</summary>
    private async Task<IReadOnlyList<Alarm>> AlarmsOfAsync(IEnumerable<string> fingerprints)
    {
        var list = fingerprints.ToList();
        var texts = await Task.WhenAll(list.Select(f => _db.HashGetAsync(keys.Condition(f), "a")));
        return [.. texts.Where(t => !t.IsNull).Select(t => JsonSerializer.Deserialize<Alarm>((string)t!)!).OrderBy(a => a.ObservedAt)];
    }

    /// <summary>The facts of an incident worked out again from its members' alarms, as the engine learned them alarm by alarm.</summary>
    private IncidentFacts Rebuild(Decider decider, string id, IReadOnlyList<Alarm> alarms, IncidentFacts? was)
    {
        var opened = alarms.Count > 0 ? alarms[0].ObservedAt : was?.OpenedAt ?? time.GetUtcNow();
        var facts = new IncidentFacts(id, opened, was?.MaxDevices ?? decider.Options.MaxDevicesPerIncident);
        foreach (var alarm in alarms)
        {
            var context = decider.Prepare(alarm);
            facts.Add(context.Facts, context.Impacted);
        }

        return facts;
    }

    private static void Count(Incident incident, Dictionary<string, string> members)
    {
        incident.Members = members;
        incident.MemberCount = members.Count;
        var active = members.Values.Select(v => int.Parse(v, CultureInfo.InvariantCulture)).Where(v => v > 0).ToList();
        incident.Active = active.Count;
        if (active.Count > 0)
        {
            incident.Severity = active.Max();
        }
    }

    private static string[] Flatten(Dictionary<string, string> members) => [.. members.SelectMany(m => new[] { m.Key, m.Value })];

    private static string[] Facts(IncidentFacts? facts) => facts is null ? [] : ["facts", JsonSerializer.Serialize(facts)];

    private static string[] Cause(string? cause) => string.IsNullOrEmpty(cause) ? [] : ["cause", cause];

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Attempt(IReadOnlyList<object> Events, string? Refusal);

    private sealed record Update(Incident Incident, string[] Set, string[] Delete, string[]? Members, string[] Index, string Resolve, TimeSpan Ttl);

    /// <summary>An incident's hash as read, changed in memory, then written whole.</summary>
    private sealed class Incident
    {
        public Incident(string id, RedisValue[] fields, Dictionary<string, string> members, IncidentFacts? facts)
        {
            Id = id;
            ReadVersion = (string?)fields[0] ?? "";
            Version = Long(fields[0]);
            State = (string?)fields[1] ?? "open";
            Title = (string?)fields[2] ?? "";
            Site = (string?)fields[3] ?? "";
            Severity = (int)Long(fields[4]);
            Alarms = (int)Long(fields[5]);
            MemberCount = (int)Long(fields[6]);
            Active = (int)Long(fields[7]);
            Opened = Long(fields[8]);
            Updated = Long(fields[9]);
            Flapping = Long(fields[10]) == 1;
            Cause = (string?)fields[11] ?? "";
            Seen = Long(fields[12]);
            ReopenedBy = (string?)fields[14];
            Members = members;
            Facts = facts;
        }

        public string Id { get; }

        /// <summary>The version as read: the write goes in only if the incident is still at it ("" for a new incident).</summary>
        public string ReadVersion { get; private init; }

        public long Version { get; set; }

        public string State { get; set; }

        public string Title { get; private init; }

        public string Site { get; private init; }

        public int Severity { get; set; }

        public int Alarms { get; set; }

        public int MemberCount { get; set; }

        public int Active { get; set; }

        public long Opened { get; private init; }

        public long Updated { get; set; }

        public bool Flapping { get; set; }

        public string Cause { get; set; }

        public long Seen { get; set; }

        public string? ReopenedBy { get; }

        public Dictionary<string, string> Members { get; set; }

        public IncidentFacts? Facts { get; }

        /// <summary>A new incident for conditions split out of another, titled and placed by the first of them.</summary>
        public static Incident New(string id, IReadOnlyList<Alarm> alarms, long now)
        {
            var first = alarms.Count > 0 ? alarms[0] : null;
            RedisValue[] fields =
            [
                RedisValue.Null, "open", first is null ? "split incident" : IncidentTitle.For(first), first?.Site ?? "", 0, 0, 0, 0,
                first?.ObservedAt.ToUnixTimeMilliseconds() ?? now, now, 0, "", 0, RedisValue.Null, RedisValue.Null,
            ];
            return new Incident(id, fields, new Dictionary<string, string>(StringComparer.Ordinal), null);
        }

        public string[] Fields() =>
        [
            "version", Num(Version), "state", State, "title", Title, "site", Site, "severity", Num(Severity), "alarms", Num(Alarms),
            "members", Num(MemberCount), "active", Num(Active), "opened", Num(Opened), "updated", Num(Updated),
            "flapping", Flapping ? "1" : "0", "seen", Num(Seen), .. Cause.Length > 0 ? new[] { "cause", Cause } : [],
        ];

        public IncidentSnapshot Snapshot() => new(
            Guid.Parse(Id),
            Version,
            State switch
            {
                "open" => IncidentState.Open,
                "merged" => IncidentState.Merged,
                _ => IncidentState.Resolved,
            },
            Title,
            Site.Length == 0 ? null : Site,
            (AlarmSeverity)Math.Max(1, Severity),
            Alarms,
            MemberCount,
            Active,
            DateTimeOffset.FromUnixTimeMilliseconds(Opened),
            DateTimeOffset.FromUnixTimeMilliseconds(Updated),
            Cause.Length == 0 ? null : Cause);

        private static long Long(RedisValue value) => value.IsNull ? 0 : long.Parse((string)value!, CultureInfo.InvariantCulture);
    }
}

/// <summary>What an operator's command did: the events to publish, or why it was refused (the events then hold the refusal).</summary>
public sealed record OperatorOutcome(IReadOnlyList<object> Events, string? Refused);
