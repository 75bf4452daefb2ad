-- Applies one alarm to the correlation window, atomically.
-- KEYS[1] the site's window key (holds the id of the incident open for the site)
-- KEYS[2] the alarm's idempotency key (holds the incident that took it, '' for an ignored clear)
-- KEYS[3] the condition's fingerprint key (holds the incident that holds the condition)
-- ARGV[1] incident key prefix      ARGV[2] id for a new incident   ARGV[3] window, ms
-- ARGV[4] dedup horizon, ms       ARGV[5] fingerprint             ARGV[6] severity rank
-- ARGV[7] '1' for a clear          ARGV[8] now, unix ms             ARGV[9] site ('' for none)
-- ARGV[10] title for a new incident                                ARGV[11] resolved retention, ms
-- Returns {outcome, incident id, version, state, title, site, severity, alarms, members, active, opened, updated}
-- with outcome one of opened, updated, resolved, duplicate, ignored.

local prefix = ARGV[1]

local function snapshot(outcome, id)
  local h = redis.call('HMGET', prefix .. id, 'version', 'state', 'title', 'site', 'severity',
    'alarms', 'members', 'active', 'opened', 'updated')
  return {outcome, id, h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10]}
end

local function open_incident(id)
  if not id then return false end
  if redis.call('HGET', prefix .. id, 'state') == 'open' then return id end
  return false
end

local prior = redis.call('GET', KEYS[2])
if prior then
  if prior == '' or redis.call('EXISTS', prefix .. prior) == 0 then return {'ignored'} end
  return snapshot('duplicate', prior)
end

local now = ARGV[8]
local id = open_incident(redis.call('GET', KEYS[3]))

if ARGV[7] == '1' then
  if not id then
    redis.call('SET', KEYS[2], '', 'PX', ARGV[4])
    return {'ignored'}
  end
  local ikey = prefix .. id
  local mkey = ikey .. ':members'
  if redis.call('HGET', mkey, ARGV[5]) == '1' then
    redis.call('HSET', mkey, ARGV[5], '0')
    redis.call('HINCRBY', ikey, 'active', -1)
  end
  redis.call('HINCRBY', ikey, 'alarms', 1)
  redis.call('HSET', ikey, 'updated', now)
  redis.call('HINCRBY', ikey, 'version', 1)
  redis.call('SET', KEYS[2], id, 'PX', ARGV[4])
  if tonumber(redis.call('HGET', ikey, 'active')) <= 0 then
    redis.call('HSET', ikey, 'state', 'resolved')
    redis.call('PEXPIRE', ikey, ARGV[11])
    redis.call('PEXPIRE', mkey, ARGV[11])
    if redis.call('GET', KEYS[1]) == id then redis.call('DEL', KEYS[1]) end
    return snapshot('resolved', id)
  end
  return snapshot('updated', id)
end

local outcome = 'updated'
local window = open_incident(redis.call('GET', KEYS[1]))
if not id then id = window end
if not id then
  id = ARGV[2]
  outcome = 'opened'
  redis.call('HSET', prefix .. id, 'version', 0, 'state', 'open', 'title', ARGV[10], 'site', ARGV[9],
    'severity', 0, 'alarms', 0, 'members', 0, 'active', 0, 'opened', now, 'updated', now)
end

local ikey = prefix .. id
local mkey = ikey .. ':members'
local was = redis.call('HGET', mkey, ARGV[5])
if not was then redis.call('HINCRBY', ikey, 'members', 1) end
if was ~= '1' then
  redis.call('HSET', mkey, ARGV[5], '1')
  redis.call('HINCRBY', ikey, 'active', 1)
end
redis.call('HINCRBY', ikey, 'alarms', 1)
if tonumber(ARGV[6]) > tonumber(redis.call('HGET', ikey, 'severity')) then
  redis.call('HSET', ikey, 'severity', ARGV[6])
end
redis.call('HSET', ikey, 'updated', now)
redis.call('HINCRBY', ikey, 'version', 1)
-- The window slides with every raise; a repeat of an older incident's condition does not take over
-- a window that another open incident holds.
if not window or window == id then redis.call('SET', KEYS[1], id, 'PX', ARGV[3]) end
redis.call('SET', KEYS[3], id, 'PX', ARGV[4])
redis.call('SET', KEYS[2], id, 'PX', ARGV[4])
return snapshot(outcome, id)
