-- Stores the decisions of a batch of alarms, atomically, if the window they were made on is unchanged.
-- ARGV[1] JSON, see RedisBatchWindow.CommitAsync; the ops name by index the further ARGV that hold their
-- decision records, facts and alarms (long texts, passed as they are rather than inside the JSON): op.alarm
-- is a clear (kept for the Resolved event), op.member the alarm that brought a condition new to its incident
-- (kept with the condition, for operators' splits and moves). The batch was decided, in observed order, on a view
-- listing the open incidents under the alarms' keys and the holders of their conditions (seen: id ->
-- version). {'conflict'} is returned and nothing written when any of that changed since, when an
-- incident the view did not list is now under those keys, when one of the alarms was applied in the
-- meantime, or while another correlator holds the window's exclusive lease. This is what keeps several
-- correlators from opening two incidents for one fault.
-- Otherwise the alarms are applied in order and the result is {'ok', per alarm: outcome, the incident's
-- snapshot (13 fields: id, version, state, title, site, severity, alarms, members, active, opened,
-- updated, flapping, cause), the number of absorbed incidents and each one's snapshot}; the outcome is
-- opened, updated, reopened or ignored (an ignored clear has no snapshot and no absorbed count).

local exclusive = redis.call('GET', root .. 'exclusive')
if exclusive and exclusive ~= p.owner then return {'conflict'} end

-- Is the view still what the window holds? Every write a decision could depend on counts the window's
-- generation up: when it is still the one read with the view, nothing changed and there is nothing to check.
-- A batch decided on a view read while this process's earlier batches were still being committed, with
-- their decisions laid over it (p.after: the token of the last of them), is stored only if exactly those
-- commits came in between: the generation moved by their number and the last commit is the one named.
local generation = root .. 'gen'
local lastCommit = root .. 'gen:by'
if p.after then
  if (redis.call('GET', generation) or '0') ~= p.generation or (redis.call('GET', lastCommit) or '') ~= p.after then
    return {'conflict'}
  end
elseif (redis.call('GET', generation) or '0') ~= p.generation then
  for _, idem in ipairs(p.idems) do
    if redis.call('EXISTS', root .. 'applied:' .. idem) == 1 then return {'conflict'} end
  end
  for i, fp in ipairs(p.fps) do
    local held = ''
    local holder = redis.call('HGET', root .. 'cond:' .. fp, 'i')
    if holder then
      local id = final(holder)
      local h = redis.call('HMGET', inc(id), 'state', 'resolvedAt')
      if h[1] == 'open' or (h[1] == 'resolved' and tonumber(p.now) - tonumber(h[2]) <= tonumber(p.reopen)) then held = id end
    end
    if held ~= p.held[i] then return {'conflict'} end
  end
  for id, version in pairs(p.seen) do
    if redis.call('HGET', inc(id), 'version') ~= version then return {'conflict'} end
  end
  local checked = {}
  for _, key in ipairs(p.keys) do
    for _, id in ipairs(redis.call('ZRANGE', root .. 'k:' .. key, 0, -1)) do
      if not checked[id] and p.seen[id] == nil then
        checked[id] = true
        local h = redis.call('HMGET', inc(id), 'state', 'seen')
        if h[1] == 'open' and tonumber(h[2]) >= tonumber(p.cutoff) then return {'conflict'} end
      end
    end
  end
end
redis.call('INCR', generation)
redis.call('SET', lastCommit, p.token)

-- Each incident's hash fields are read once, worked on here and written once at the end.
local FIELDS = {'version', 'state', 'title', 'site', 'severity', 'alarms', 'members', 'active', 'opened', 'updated',
  'flapping', 'cause', 'seen', 'resolvedAt'}
local NUMBERS = {version = true, severity = true, alarms = true, members = true, active = true, opened = true,
  updated = true, flapping = true, seen = true}
-- With them, the severity counts (below).
local LOADED = {unpack(FIELDS)}
table.insert(LOADED, 'sev')
local SEVERITIES = #LOADED
local incs, touched = {}, {}
local function load(id)
  local t = incs[id]
  if t then return t end
  local h = redis.call('HMGET', inc(id), unpack(LOADED))
  -- A field the hash lacks is false (kept in its place in a snapshot), a missing count 0.
  t = {}
  for i, f in ipairs(FIELDS) do
    local v = h[i]
    if NUMBERS[f] then v = tonumber(v or 0) end
    t[f] = v
  end
  t.cause = t.cause or ''
  t.explained = {}
  -- How many members fire at each severity ('sev', JSON: severity -> count), so that a clear finds the
  -- severity still firing without reading every member. An incident stored before it was kept is counted
  -- once from its members.
  if h[SEVERITIES] then
    t.sev = cjson.decode(h[SEVERITIES])
  else
    t.sev = {}
    if t.members > 0 then
      for _, v in ipairs(redis.call('HVALS', inc(id) .. ':m')) do
        if v ~= '0' then t.sev[v] = (t.sev[v] or 0) + 1 end
      end
    end
  end
  incs[id] = t
  table.insert(touched, id)
  return t
end

-- A member's value is its severity while it fires, '0' once cleared.
local function count(sev, value, by)
  if value and value ~= '0' then sev[value] = (sev[value] or 0) + by end
end

local function snapshot(id)
  local t = incs[id]
  return {id, t.version, t.state, t.title, t.site, t.severity, t.alarms, t.members, t.active, t.opened, t.updated,
    t.flapping, t.cause}
end

local out = {'ok'}
local function emit(values)
  for _, v in ipairs(values) do table.insert(out, v) end
end

local conds, condOrder = {}, {}
for _, op in ipairs(p.ops) do
  local idem = root .. 'applied:' .. op.idem
  if op.kind == 'ignored' then
    redis.call('SET', idem, '', 'PX', p.dedupPx)
    table.insert(out, 'ignored')
  else
    local id = op.id
    local mkey = inc(id) .. ':m'
    local outcome = 'updated'
    local t
    if op.kind == 'open' then
      outcome = 'opened'
      t = {version = 0, state = 'open', title = op.title, site = op.site, severity = 0, alarms = 0, members = 0, active = 0,
        opened = tonumber(p.now), updated = tonumber(p.now), flapping = 0, cause = '', seen = tonumber(op.t), resolvedAt = false,
        explained = {}, sev = {}}
      incs[id] = t
      table.insert(touched, id)
    else
      t = load(id)
    end

    -- Incidents this alarm showed to be one fault with the target: members, counts and severity move over.
    -- A member of both stays as the target has it unless the target's is cleared. The smaller of the two
    -- member hashes is laid into the larger, which becomes the target's: a storm's large incident absorbed by
    -- a small one is not copied member by member (nor is it each time it takes in a small one).
    local absorbed = {}
    for _, a in ipairs(op.absorbed) do
      local akey = inc(a.id)
      local amkey = akey .. ':m'
      local at = load(a.id)
      local own, theirs = redis.call('HLEN', mkey), redis.call('HLEN', amkey)
      if theirs <= own then
        local members = redis.call('HGETALL', amkey)
        for i = 1, #members, 2 do
          local f, v = members[i], members[i + 1]
          local had = redis.call('HGET', mkey, f)
          if not had then t.members = t.members + 1 end
          if v ~= '0' and (not had or had == '0') then t.active = t.active + 1 end
          if not had or had == '0' then
            redis.call('HSET', mkey, f, v)
            count(t.sev, v, 1)
          end
        end
      else
        -- What the absorbed incident brings: its members less those the target has, its firing ones less
        -- those the target has firing already (by severity), worked out from the target's side.
        local gained, firing, sev = theirs, 0, {}
        for value, n in pairs(at.sev) do
          sev[value] = n
          firing = firing + n
        end
        local members = redis.call('HGETALL', mkey)
        for i = 1, #members, 2 do
          local f, v = members[i], members[i + 1]
          local other = redis.call('HGET', amkey, f)
          if not other then
            redis.call('HSET', amkey, f, v)
          else
            gained = gained - 1
            if v ~= '0' then
              if other ~= '0' then
                firing = firing - 1
                count(sev, other, -1)
              end
              if other ~= v then redis.call('HSET', amkey, f, v) end
            end
          end
        end
        t.members = t.members + gained
        t.active = t.active + firing
        for value, n in pairs(sev) do count(t.sev, value, n) end
        redis.call('RENAME', amkey, mkey)
      end
      t.alarms = t.alarms + at.alarms
      if at.severity > t.severity then t.severity = at.severity end
      if at.flapping == 1 then t.flapping = 1 end
      if at.seen > t.seen then t.seen = at.seen end
      at.state, at.into, at.updated, at.version = 'merged', id, tonumber(p.now), at.version + 1
      at.resolve = false
      redis.call('HDEL', akey, 'facts')
      redis.call('DEL', akey .. ':m')
      redis.call('ZREM', root .. 'k:' .. p.recentKey, a.id)
      for _, key in ipairs(a.keys) do redis.call('ZREM', root .. 'k:' .. key, a.id) end
      table.insert(absorbed, a.id)
    end

    -- The alarm's condition: a raise makes it active (again), a clear inactive.
    local was = redis.call('HGET', mkey, op.fp)
    if op.clear then
      if was and was ~= '0' then
        redis.call('HSET', mkey, op.fp, '0')
        count(t.sev, was, -1)
        t.active = t.active - 1
        -- Severity follows the members still firing.
        local top = 0
        for value, n in pairs(t.sev) do
          if n > 0 and tonumber(value) > top then top = tonumber(value) end
        end
        if top > 0 then t.severity = top end
      end
    else
      if not was then t.members = t.members + 1 end
      if not was or was == '0' then t.active = t.active + 1 end
      if was == '0' then
        -- Raised again after a clear: a condition that keeps doing so is flapping.
        if redis.call('HINCRBY', root .. 'cond:' .. op.fp, 'flaps', 1) >= tonumber(p.flapThreshold) then t.flapping = 1 end
      end
      if was ~= tostring(op.severity) then
        redis.call('HSET', mkey, op.fp, op.severity)
        count(t.sev, was, -1)
        count(t.sev, tostring(op.severity), 1)
      end
      if tonumber(op.severity) > t.severity then t.severity = tonumber(op.severity) end
    end

    t.alarms = t.alarms + 1
    if tonumber(op.t) > t.seen then t.seen = tonumber(op.t) end
    t.updated = tonumber(p.now)
    if op.alarm then t.lastAlarm = ARGV[op.alarm] end
    t.version = t.version + 1

    -- Lifecycle: a raise reopens a resolved incident and cancels a pending resolution; the last clear
    -- starts the hold-down (longer for a flapping incident) after which the resolver closes it.
    if not op.clear then
      t.resolve = false
      if t.state == 'resolved' then
        t.state = 'open'
        t.resolvedAt = false
        t.reopened = true
        outcome = 'reopened'
      end
    elseif t.state == 'open' and t.active <= 0 then
      t.resolve = tonumber(p.now) + tonumber(t.flapping == 1 and p.flapHoldDownMs or p.holdDownMs)
    end

    if not conds[op.fp] then table.insert(condOrder, op.fp) end
    conds[op.fp] = {id, op.t, op.member and ARGV[op.member] or (conds[op.fp] and conds[op.fp][3])}
    redis.call('SET', idem, id, 'PX', p.dedupPx)

    -- Why: the decision record, per alarm and listed (capped) with the incident.
    redis.call('SET', root .. 'x:' .. op.alarmId, ARGV[op.explanation], 'PX', p.retentionPx)
    table.insert(t.explained, op.alarmId)

    -- Incidents the alarm tied that had gone too far to merge: linked both ways as related.
    for _, other in ipairs(op.related) do
      redis.call('SADD', inc(id) .. ':related', other)
      redis.call('SADD', inc(other) .. ':related', id)
      redis.call('PEXPIRE', inc(id) .. ':related', p.retentionPx)
      redis.call('PEXPIRE', inc(other) .. ':related', p.retentionPx)
    end

    -- Facts and cause as they stood after this alarm (the last alarm of the batch on an incident leaves its final state).
    if op.facts then t.facts = ARGV[op.facts] end
    if op.cause ~= '' then t.cause = op.cause end

    table.insert(out, outcome)
    emit(snapshot(id))
    table.insert(out, #absorbed)
    for _, a in ipairs(absorbed) do emit(snapshot(a)) end
  end
end

-- What the batch did to each incident, written once.
for _, id in ipairs(touched) do
  local t = incs[id]
  local ikey = inc(id)
  local set = {}
  for _, f in ipairs(FIELDS) do
    if t[f] and not (f == 'cause' and t.cause == '') then
      table.insert(set, f)
      table.insert(set, t[f])
    end
  end
  for _, f in ipairs({'facts', 'lastAlarm', 'into'}) do
    if t[f] then
      table.insert(set, f)
      table.insert(set, t[f])
    end
  end
  if t.state ~= 'merged' then
    local sev = {}
    for value, n in pairs(t.sev) do
      if n ~= 0 then sev[value] = n end
    end
    table.insert(set, 'sev')
    -- An empty table is written as {} (an object), not as false or an array.
    table.insert(set, next(sev) and cjson.encode(sev) or '{}')
  end
  redis.call('HSET', ikey, unpack(set))
  if t.reopened then redis.call('HDEL', ikey, 'resolvedAt') end
  -- The resolution queue holds every open incident at the time it is next due for a look (resolve-due.lua):
  -- the end of its hold-down once every member cleared, else its expiry, the dedup horizon after this change.
  if t.state == 'merged' then
    redis.call('ZREM', root .. 'resolve', id)
  elseif t.resolve then
    redis.call('ZADD', root .. 'resolve', t.resolve, id)
  elseif t.state == 'open' then
    redis.call('ZADD', root .. 'resolve', tonumber(p.now) + tonumber(p.dedupPx), id)
  end
  if t.state == 'merged' then
    redis.call('PEXPIRE', ikey, p.retentionPx)
  elseif t.state == 'open' then
    -- Beyond its expiry, so that the resolver finds it to resolve (CorrelatorOptions.OpenKeyLifetime).
    redis.call('PEXPIRE', ikey, p.keepPx)
    redis.call('PEXPIRE', ikey .. ':m', p.keepPx)
  else
    -- Resolved, and still within the reopen window (a clear of a member after the resolution).
    redis.call('PEXPIRE', ikey, p.dedupPx)
    redis.call('PEXPIRE', ikey .. ':m', p.dedupPx)
  end
  if #t.explained > 0 then
    local xkey = ikey .. ':x'
    redis.call('RPUSH', xkey, unpack(t.explained))
    redis.call('LTRIM', xkey, -tonumber(p.explanationCap), -1)
    redis.call('PEXPIRE', xkey, p.retentionPx)
  end
end
for _, fp in ipairs(condOrder) do
  local fpkey = root .. 'cond:' .. fp
  if conds[fp][3] then
    redis.call('HSET', fpkey, 'i', conds[fp][1], 't', conds[fp][2], 'a', conds[fp][3])
  else
    redis.call('HSET', fpkey, 'i', conds[fp][1], 't', conds[fp][2])
  end
  redis.call('PEXPIRE', fpkey, p.dedupPx)
end

-- Where later alarms find the incidents: the keys each is findable by (the score is when it became so;
-- whether it is still in the window is its 'seen'), and the most recent incidents for alarms placed nowhere.
for _, entry in ipairs(p.index) do
  local k = root .. 'k:' .. entry.key
  for _, id in ipairs(entry.ids) do redis.call('ZADD', k, 'NX', p.t, id) end
  redis.call('PEXPIRE', k, p.indexPx)
end
local recent = root .. 'k:' .. p.recentKey
for _, id in ipairs(p.recent) do redis.call('ZADD', recent, p.t, id) end
redis.call('ZREMRANGEBYRANK', recent, 0, -(tonumber(p.recentCap) + 1))
redis.call('PEXPIRE', recent, p.indexPx)
return out
