-- Applies one incident event to the console's view. Events can arrive out of order (several consumers)
-- and more than once (redelivery): each distinct event is appended to the stream once, and the view
-- keeps the fields of the newest version.
-- KEYS[1] incident view hash   KEYS[2] event stream   KEYS[3] incident index (sorted set by open time)
-- KEYS[4] member alarms hash   KEYS[5] set of the event versions already applied
-- ARGV[1] version field name   ARGV[2] version         ARGV[3] incident id    ARGV[4] event type
-- ARGV[5] event JSON           ARGV[6] stream max length ARGV[7] index score or ''
-- ARGV[8] alarm id or ''       ARGV[9] alarm JSON       ARGV[10] alarm cap
-- ARGV[11] for the newest snapshot: ms to keep a resolved incident, '-1' to keep an open one, '' to leave as is
-- ARGV[12..] field, value pairs to set when the version is newer
-- Returns the stream entry id, or false when the event was a repeat.

if ARGV[8] ~= '' and redis.call('HLEN', KEYS[4]) < tonumber(ARGV[10]) then
  redis.call('HSETNX', KEYS[4], ARGV[8], ARGV[9])
end

if redis.call('SADD', KEYS[5], ARGV[1] .. ':' .. ARGV[2]) == 0 then return false end

local newest = redis.call('HGET', KEYS[1], ARGV[1])
if not newest or tonumber(newest) < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  for i = 12, #ARGV, 2 do
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
  if ARGV[11] == '-1' then
    redis.call('PERSIST', KEYS[1]); redis.call('PERSIST', KEYS[4]); redis.call('PERSIST', KEYS[5])
  elseif ARGV[11] ~= '' then
    redis.call('PEXPIRE', KEYS[1], ARGV[11]); redis.call('PEXPIRE', KEYS[4], ARGV[11]); redis.call('PEXPIRE', KEYS[5], ARGV[11])
  end
end
if ARGV[7] ~= '' then redis.call('ZADD', KEYS[3], ARGV[7], ARGV[3]) end
return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[6], '*', 'type', ARGV[4], 'incident', ARGV[3], 'data', ARGV[5])
