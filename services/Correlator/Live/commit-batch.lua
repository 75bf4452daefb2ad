-- Stores the decisions of a batch of alarms, atomically, if the window they were made on is unchanged.
-- ARGV[1] JSON, see RedisBatchWindow.CommitAsync. The batch was decided, in observed order, on a view
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

-- Is the view still what the window holds?
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

local function snapshot(id)
  local h = redis.call('HMGET', inc(id), 'version', 'state', 'title', 'site', 'severity', 'alarms', 'members', 'active',
    'opened', 'updated', 'flapping', 'cause')
  return {id, h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11] or '0', h[12] or ''}
end

local out = {'ok'}
local function emit(values)
  for _, v in ipairs(values) do table.insert(out, v) end
end

for _, op in ipairs(p.ops) do
  local idem = root .. 'applied:' .. op.idem
  if op.kind == 'ignored' then
    redis.call('SET', idem, '', 'PX', p.dedupPx)
    table.insert(out, 'ignored')
  else
    local id = op.id
    local ikey = inc(id)
    local mkey = ikey .. ':m'
    local fpkey = root .. 'cond:' .. op.fp
    local outcome = 'updated'
    if op.kind == 'open' then
      outcome = 'opened'
      redis.call('HSET', ikey, 'version', 0, 'state', 'open', 'title', op.title, 'site', op.site, 'severity', 0, 'alarms', 0,
        'members', 0, 'active', 0, 'opened', p.now, 'updated', p.now, 'flapping', 0, 'seen', op.t)
    end

    -- Incidents this alarm showed to be one fault with the target: members, counts and severity move over.
    local absorbed = {}
    for _, a in ipairs(op.absorbed) do
      local akey = inc(a.id)
      local members = redis.call('HGETALL', akey .. ':m')
      for i = 1, #members, 2 do
        local f, v = members[i], members[i + 1]
        local had = redis.call('HGET', mkey, f)
        if not had then redis.call('HINCRBY', ikey, 'members', 1) end
        if v ~= '0' and (not had or had == '0') then redis.call('HINCRBY', ikey, 'active', 1) end
        if not had or had == '0' then redis.call('HSET', mkey, f, v) end
      end
      local ah = redis.call('HMGET', akey, 'alarms', 'severity', 'flapping', 'seen')
      redis.call('HINCRBY', ikey, 'alarms', ah[1])
      if tonumber(ah[2]) > tonumber(redis.call('HGET', ikey, 'severity')) then redis.call('HSET', ikey, 'severity', ah[2]) end
      if ah[3] == '1' then redis.call('HSET', ikey, 'flapping', 1) end
      if tonumber(ah[4] or 0) > tonumber(redis.call('HGET', ikey, 'seen') or 0) then redis.call('HSET', ikey, 'seen', ah[4]) end
      redis.call('HSET', akey, 'state', 'merged', 'into', id, 'updated', p.now)
      redis.call('HDEL', akey, 'facts')
      redis.call('HINCRBY', akey, 'version', 1)
      redis.call('PEXPIRE', akey, p.retentionPx)
      redis.call('DEL', akey .. ':m')
      redis.call('ZREM', root .. 'resolve', a.id)
      redis.call('ZREM', root .. 'k:' .. p.recentKey, a.id)
      for _, key in ipairs(a.keys) do redis.call('ZREM', root .. 'k:' .. key, a.id) end
      table.insert(absorbed, a.id)
    end

    -- The alarm's condition: a raise makes it active (again), a clear inactive.
    local was = redis.call('HGET', mkey, op.fp)
    if op.clear then
      if was and was ~= '0' then
        redis.call('HSET', mkey, op.fp, '0')
        redis.call('HINCRBY', ikey, 'active', -1)
        -- Severity follows the members still firing (counted while the incident is of a size to scan).
        if tonumber(redis.call('HGET', ikey, 'members')) <= 4096 then
          local top = 0
          for _, v in ipairs(redis.call('HVALS', mkey)) do
            if tonumber(v) > top then top = tonumber(v) end
          end
          if top > 0 then redis.call('HSET', ikey, 'severity', top) end
        end
      end
    else
      if not was then redis.call('HINCRBY', ikey, 'members', 1) end
      if not was or was == '0' then redis.call('HINCRBY', ikey, 'active', 1) end
      if was == '0' then
        -- Raised again after a clear: a condition that keeps doing so is flapping.
        if redis.call('HINCRBY', fpkey, 'flaps', 1) >= tonumber(p.flapThreshold) then redis.call('HSET', ikey, 'flapping', 1) end
      end
      redis.call('HSET', mkey, op.fp, op.severity)
      if tonumber(op.severity) > tonumber(redis.call('HGET', ikey, 'severity')) then redis.call('HSET', ikey, 'severity', op.severity) end
    end

    redis.call('HINCRBY', ikey, 'alarms', 1)
    if tonumber(op.t) > tonumber(redis.call('HGET', ikey, 'seen') or 0) then redis.call('HSET', ikey, 'seen', op.t) end
    redis.call('HSET', ikey, 'updated', p.now)
    if op.alarm ~= '' then redis.call('HSET', ikey, 'lastAlarm', op.alarm) end
    redis.call('HINCRBY', ikey, 'version', 1)

    -- Lifecycle: a raise reopens a resolved incident and cancels a pending resolution; the last clear
    -- starts the hold-down (longer for a flapping incident) after which the resolver closes it.
    local h = redis.call('HMGET', ikey, 'state', 'active', 'flapping')
    if not op.clear then
      redis.call('ZREM', root .. 'resolve', id)
      if h[1] == 'resolved' then
        redis.call('HSET', ikey, 'state', 'open')
        redis.call('HDEL', ikey, 'resolvedAt')
        outcome = 'reopened'
      end
    elseif h[1] == 'open' and tonumber(h[2]) <= 0 then
      local hold = h[3] == '1' and p.flapHoldDownMs or p.holdDownMs
      redis.call('ZADD', root .. 'resolve', tonumber(p.now) + tonumber(hold), id)
    end
    redis.call('PEXPIRE', ikey, p.dedupPx)
    redis.call('PEXPIRE', mkey, p.dedupPx)

    redis.call('HSET', fpkey, 'i', id, 't', op.t)
    redis.call('PEXPIRE', fpkey, p.dedupPx)
    redis.call('SET', idem, id, 'PX', p.dedupPx)

    -- Why: the decision record, per alarm and listed (capped) with the incident.
    redis.call('SET', root .. 'x:' .. op.alarmId, op.explanation, 'PX', p.retentionPx)
    redis.call('RPUSH', ikey .. ':x', op.alarmId)
    redis.call('LTRIM', ikey .. ':x', -tonumber(p.explanationCap), -1)
    redis.call('PEXPIRE', ikey .. ':x', p.retentionPx)

    -- Incidents the alarm tied that had gone too far to merge: linked both ways as related.
    for _, other in ipairs(op.related) do
      redis.call('SADD', ikey .. ':related', other)
      redis.call('SADD', inc(other) .. ':related', id)
      redis.call('PEXPIRE', ikey .. ':related', p.retentionPx)
      redis.call('PEXPIRE', inc(other) .. ':related', p.retentionPx)
    end

    -- Facts and cause as they stood after this alarm (the last alarm of the batch on an incident leaves its final state).
    if op.facts ~= '' then redis.call('HSET', ikey, 'facts', op.facts) end
    if op.cause ~= '' then redis.call('HSET', ikey, 'cause', op.cause) end

    table.insert(out, outcome)
    emit(snapshot(id))
    table.insert(out, #absorbed)
    for _, a in ipairs(absorbed) do emit(snapshot(a)) end
  end
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
