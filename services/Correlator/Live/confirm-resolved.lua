-- Takes incidents off the resolution queue once their Resolved event is published, unless they
-- changed since (reopened, or cleared again and waiting on a new hold-down).
-- ARGV: root, then pairs of incident id and the version that was published.
local queue = ARGV[1] .. 'resolve'
for i = 2, #ARGV, 2 do
  local h = redis.call('HMGET', ARGV[1] .. 'inc:' .. ARGV[i], 'version', 'state')
  if h[1] == ARGV[i + 1] and h[2] == 'resolved' then redis.call('ZREM', queue, ARGV[i]) end
end
return 1
