-- Stores one alarm's decision, atomically, if the window it was made on is still current.
-- ARGV[1] JSON, see RedisWindowState.Commit. The decision was made on a view listing every open
-- incident under the alarm's keys (seen: id -> version) and the incident holding its condition (held).
-- Nothing is written and {'conflict'} is returned (the caller decides again on a fresh view) when:
-- an open incident the view did not list is now under the alarm's keys; the holder, the target or an
-- absorbed incident changed; or, for a decision to open an incident (strict), any listed incident
-- changed. This is what keeps several correlators from opening two incidents for one fault, while
-- alarms joining one busy incident from different places only wait for each other's commits.
-- While a correlator holds the exclusive lock (after many conflicts in a row), only it may commit.
-- Returns {'duplicate', id} | {'ignored'} | {'conflict'} |
--   {'ok', outcome, <snapshot of the incident>, n absorbed, <snapshot of each absorbed incident>...}
-- where outcome is opened, updated or reopened, and a snapshot is 13 fields:
--   id, version, state, title, site, severity, alarms, members, active, opened, updated, flapping, cause.

local p = cjson.decode(ARGV[1])
local root = p.root
local function inc(id) return root .. 'inc:' .. id end

local idem = root .. 'idem:' .. p.idem
local done = redis.call('GET', idem)
if done then return {'duplicate', done} end

local function final(id)
  for _ = 1, 32 do
    local into = redis.call('HGET', inc(id), 'into')
    if not into then return id end
    id = into
  end
  return id
end

-- Is the view still what the window holds?
local fpkey = root .. 'fp:' .. p.fp
local held = ''
local holder = redis.call('HGET', fpkey, 'i')
if holder then
  local id = final(holder)
  local h = redis.call('HMGET', inc(id), 'state', 'resolvedAt')
  if h[1] == 'open' or (h[1] == 'resolved' and tonumber(p.now) - tonumber(h[2]) <= tonumber(p.reopen)) then held = id end
end
local exclusive = redis.call('GET', root .. 'exclusive')
if exclusive and exclusive ~= p.owner then return {'conflict'} end
if held ~= p.held then return {'conflict'} end
if held ~= '' and redis.call('HGET', inc(held), 'version') ~= p.seen[held] then return {'conflict'} end
local checked = {}
for _, key in ipairs(p.keys) do
  for _, id in ipairs(redis.call('ZRANGE', root .. 'k:' .. key, 0, -1)) do
    if not checked[id] then
      checked[id] = true
      local h = redis.call('HMGET', inc(id), 'state', 'version', 'seen')
      if h[1] == 'open' and tonumber(h[3]) >= tonumber(p.cutoff)
        and (p.seen[id] == nil or (p.strict and p.seen[id] ~= h[2])) then return {'conflict'} end
    end
  end
end

if p.kind == 'ignored' then
  redis.call('SET', idem, '', 'PX', p.dedupPx)
  return {'ignored'}
end

local function snapshot(id)
  local h = redis.call('HMGET', inc(id), 'version', 'state', 'title', 'site', 'severity', 'alarms', 'members', 'active',
    'opened', 'updated', 'flapping', 'cause')
  return {id, h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11] or '0', h[12] or ''}
end

local id = p.id
local ikey = inc(id)
local mkey = ikey .. ':m'
local outcome = 'updated'
if p.kind == 'open' then
  outcome = 'opened'
  redis.call('HSET', ikey, 'version', 0, 'state', 'open', 'title', p.title, 'site', p.site, 'severity', 0, 'alarms', 0,
    'members', 0, 'active', 0, 'opened', p.now, 'updated', p.now, 'flapping', 0, 'seen', p.t)
elseif redis.call('HGET', ikey, 'version') ~= p.seen[id] then
  return {'conflict'}
end

-- Incidents this alarm showed to be one fault with the target: members, counts and severity move over.
local absorbed = {}
for _, a in ipairs(p.absorbed) do
  local akey = inc(a.id)
  if redis.call('HGET', akey, 'version') ~= p.seen[a.id] then return {'conflict'} end
  local members = redis.call('HGETALL', akey .. ':m')
  for i = 1, #members, 2 do
    local f, v = members[i], members[i + 1]
    local had = redis.call('HGET', mkey, f)
    if not had then redis.call('HINCRBY', ikey, 'members', 1) end
    if v ~= '0' and (not had or had == '0') then redis.call('HINCRBY', ikey, 'active', 1) end
    if not had or had == '0' then redis.call('HSET', mkey, f, v) end
  end
  local ah = redis.call('HMGET', akey, 'alarms', 'severity', 'flapping')
  redis.call('HINCRBY', ikey, 'alarms', ah[1])
  if tonumber(ah[2]) > tonumber(redis.call('HGET', ikey, 'severity')) then redis.call('HSET', ikey, 'severity', ah[2]) end
  if ah[3] == '1' then redis.call('HSET', ikey, 'flapping', 1) end
  redis.call('HSET', akey, 'state', 'merged', 'into', id, 'updated', p.now)
  redis.call('HDEL', akey, 'facts')
  redis.call('HINCRBY', akey, 'version', 1)
  redis.call('PEXPIRE', akey, p.retentionPx)
  redis.call('DEL', akey .. ':m')
  redis.call('ZREM', root .. 'resolve', a.id)
  for _, key in ipairs(a.keys) do redis.call('ZREM', root .. 'k:' .. key, a.id) end
  table.insert(absorbed, a.id)
end

-- The alarm's condition: a raise makes it active (again), a clear inactive.
local was = redis.call('HGET', mkey, p.fp)
if p.clear then
  if was and was ~= '0' then
    redis.call('HSET', mkey, p.fp, '0')
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
  redis.call('HSET', mkey, p.fp, p.severity)
  if tonumber(p.severity) > tonumber(redis.call('HGET', ikey, 'severity')) then redis.call('HSET', ikey, 'severity', p.severity) end
end

redis.call('HINCRBY', ikey, 'alarms', 1)
if tonumber(p.t) > tonumber(redis.call('HGET', ikey, 'seen') or 0) then redis.call('HSET', ikey, 'seen', p.t) end
redis.call('HSET', ikey, 'facts', p.facts, 'updated', p.now, 'lastAlarm', p.alarm)
if p.cause ~= '' then redis.call('HSET', ikey, 'cause', p.cause) end
redis.call('HINCRBY', ikey, 'version', 1)

-- Lifecycle: a raise reopens a resolved incident and cancels a pending resolution; the last clear
-- starts the hold-down (longer for a flapping incident) after which the resolver closes it.
local h = redis.call('HMGET', ikey, 'state', 'active', 'flapping')
if not p.clear then
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

-- Where later alarms find the incident: the keys it is newly findable by (the score is when it
-- became so; whether it is still in the window is its 'seen').
for _, key in ipairs(p.index) do
  local k = root .. 'k:' .. key
  redis.call('ZADD', k, 'NX', p.t, id)
  redis.call('PEXPIRE', k, p.indexPx)
end
redis.call('HSET', fpkey, 'i', id, 't', p.t)
redis.call('PEXPIRE', fpkey, p.dedupPx)
redis.call('SET', idem, id, 'PX', p.dedupPx)

-- Why: the decision record, per alarm and listed (capped) with the incident.
redis.call('SET', root .. 'x:' .. p.alarmId, p.explanation, 'PX', p.retentionPx)
redis.call('RPUSH', ikey .. ':x', p.alarmId)
redis.call('LTRIM', ikey .. ':x', -tonumber(p.explanationCap), -1)
redis.call('PEXPIRE', ikey .. ':x', p.retentionPx)

local out = {'ok', outcome}
for _, v in ipairs(snapshot(id)) do table.insert(out, v) end
table.insert(out, #absorbed)
for _, a in ipairs(absorbed) do
  for _, v in ipairs(snapshot(a)) do table.insert(out, v) end
end
return out
