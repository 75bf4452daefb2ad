-- Notes that the decision or plan at this revision was published; a newer one stays unsent.
-- KEYS[1] incident hash  ARGV[1] revision field  ARGV[2] revision  ARGV[3] sent field
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[3], '1')
  return 1
end
return 0
