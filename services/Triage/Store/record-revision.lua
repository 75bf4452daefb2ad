-- Stores a new decision or plan only if nobody stored one since it was read (compare-and-set on its revision),
-- and marks it unsent until the caller has published it.
-- KEYS[1] incident hash
-- ARGV[1] revision field  ARGV[2] revision read  ARGV[3] new revision  ARGV[4] value field  ARGV[5] value  ARGV[6] sent field
-- Returns 1 when stored.

if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if (redis.call('HGET', KEYS[1], ARGV[1]) or '0') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3], ARGV[4], ARGV[5], ARGV[6], '0')
return 1
