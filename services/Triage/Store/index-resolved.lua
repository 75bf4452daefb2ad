-- Adds a resolved incident to the similarity index and keeps the index bounded: the newest ARGV[4] entries,
-- none older than ARGV[6]. The entries' documents are deleted with them.
-- KEYS[1] index (sorted set of incident ids by resolution time)  KEYS[2] this incident's document
-- ARGV[1] incident id  ARGV[2] resolved at (ms)  ARGV[3] document JSON  ARGV[4] cap  ARGV[5] ms to keep a document
-- ARGV[6] oldest resolution time kept (ms)  ARGV[7] document key prefix
-- Document keys of trimmed entries are built here from the prefix, so the index lives on a single Redis.

redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[5])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local function drop(ids)
  for _, id in ipairs(ids) do redis.call('DEL', ARGV[7] .. id) end
end
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[6])
drop(old)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[6])
local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[4])
if excess > 0 then
  drop(redis.call('ZRANGE', KEYS[1], 0, excess - 1))
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
end
return redis.call('ZCARD', KEYS[1])
