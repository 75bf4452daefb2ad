-- Applies one incident event to the console's view, atomically with its dedup, its timeline entry, its
-- throughput counts and its append to the event stream. Events arrive out of order (several consumers) and
-- more than once (redelivery): each distinct event (ARGV[1]) is applied once, and versioned fields keep the
-- values of the newest version.
-- KEYS[1] applied set   KEYS[2] view hash   KEYS[3] members   KEYS[4] timeline   KEYS[5] priority history
-- KEYS[6] functions     KEYS[7] channels    KEYS[8] services  (KEYS[1..8] belong to the incident and expire with it)
-- KEYS[9] event stream  KEYS[10] index      KEYS[11] open set KEYS[12] closures KEYS[13] closure records
-- KEYS[14] root causes  KEYS[15] this minute's throughput counters
-- ARGV[1] dedup token   ARGV[2] incident id  ARGV[3] event type  ARGV[4] event JSON  ARGV[5] stream max length
-- ARGV[6] version field or ''  ARGV[7] version  ARGV[8] 'gt' (newer only) or 'ge' (a repeat of the version wins too)
-- ARGV[9] when newer: ms to keep the incident's keys, '-1' to keep them for good, '' to leave as is
-- ARGV[10] member cap   ARGV[11] throughput retention (s)
-- ARGV[12..] operations of six values each: name, 'n' (only when newer) or 'a' (always), key index, three arguments
-- Returns the stream entry id, or false when the event was a repeat.

if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return false end

local view = KEYS[2]
local newer = true
if ARGV[6] ~= '' then
  local newest = tonumber(redis.call('HGET', view, ARGV[6]) or '-1')
  local version = tonumber(ARGV[7])
  newer = newest < version or (ARGV[8] == 'ge' and newest == version)
  if newer then redis.call('HSET', view, ARGV[6], ARGV[7]) end
end

local cap = tonumber(ARGV[10])
for i = 12, #ARGV, 6 do
  local op, when, key, a, b, c = ARGV[i], ARGV[i + 1], KEYS[tonumber(ARGV[i + 2])], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
  if when == 'a' or newer then
    if op == 'HSET' then
      redis.call('HSET', key, a, b)
    elseif op == 'HDEL' then
      redis.call('HDEL', key, a)
    elseif op == 'MEMBER' then
      -- a = fingerprint, b = order (incident version), c = JSON with that order; a tombstone ({"gone":true})
      -- keeps a moved member from coming back with an older event.
      local old = redis.call('HGET', key, a)
      if old then
        if tonumber(cjson.decode(old).order) <= tonumber(b) then redis.call('HSET', key, a, c) end
      elseif redis.call('HLEN', key) < cap then
        redis.call('HSET', key, a, c)
      end
    elseif op == 'SADD' then
      redis.call('SADD', key, a)
    elseif op == 'SREM' then
      redis.call('SREM', key, a)
    elseif op == 'ZADD' then
      redis.call('ZADD', key, a, b)
    elseif op == 'ZREM' then
      redis.call('ZREM', key, a)
    elseif op == 'RPUSH' then
      redis.call('RPUSH', key, a)
      redis.call('LTRIM', key, -tonumber(b), -1)
    elseif op == 'HINCRBY' then
      redis.call('HINCRBY', key, a, b)
      redis.call('EXPIRE', key, ARGV[11])
    elseif op == 'HMAX' then
      local current = tonumber(redis.call('HGET', key, a) or '-1')
      if current < tonumber(b) then redis.call('HSET', key, a, b) end
    end
  end
end

if newer and ARGV[9] == '-1' then
  for k = 1, 8 do redis.call('PERSIST', KEYS[k]) end
elseif newer and ARGV[9] ~= '' then
  for k = 1, 8 do redis.call('PEXPIRE', KEYS[k], ARGV[9]) end
else
  -- A note or a channel on a resolved incident goes when the incident does.
  local ttl = redis.call('PTTL', view)
  if ttl > 0 then
    for k = 1, 8 do if redis.call('PTTL', KEYS[k]) == -1 then redis.call('PEXPIRE', KEYS[k], ttl) end end
  end
end

local filter = redis.call('HMGET', view, 'site', 'priority', 'teamsKey')
return redis.call('XADD', KEYS[9], 'MAXLEN', '~', ARGV[5], '*', 'type', ARGV[3], 'incident', ARGV[2], 'data', ARGV[4],
  'site', filter[1] or '', 'priority', filter[2] or '', 'teams', filter[3] or '')
