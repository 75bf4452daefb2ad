-- Resolves incidents whose hold-down has passed with every member cleared and no new raise.
-- ARGV[1] JSON: root, now (unix ms), limit, retentionPx, retryMs.
-- An incident stays listed (due again after retryMs) until its Resolved event is confirmed published
-- (confirm-resolved.lua), so a correlator that dies in between leaves it for the next sweep: the
-- event is published again with the same version, which consumers drop if they had it.
-- Returns, per incident: the 13 snapshot fields (see commit-batch.lua) and the last clear's JSON.

local p = cjson.decode(ARGV[1])
local root = p.root
local queue = root .. 'resolve'
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', queue, '-inf', p.now, 'LIMIT', 0, p.limit)) do
  local ikey = root .. 'inc:' .. id
  local h = redis.call('HMGET', ikey, 'state', 'active', 'version', 'resolvedVersion')
  local due = false
  if h[1] == 'open' and tonumber(h[2]) <= 0 then
    local version = redis.call('HINCRBY', ikey, 'version', 1)
    redis.call('HSET', ikey, 'state', 'resolved', 'resolvedAt', p.now, 'resolvedVersion', version, 'updated', p.now)
    redis.call('PEXPIRE', ikey, p.retentionPx)
    redis.call('PEXPIRE', ikey .. ':m', p.retentionPx)
    redis.call('INCR', root .. 'gen')
    due = true
  elseif h[1] == 'resolved' and h[3] == h[4] then
    due = true
  end
  if due then
    redis.call('ZADD', queue, tonumber(p.now) + tonumber(p.retryMs), id)
    local s = redis.call('HMGET', ikey, 'version', 'state', 'title', 'site', 'severity', 'alarms', 'members', 'active',
      'opened', 'updated', 'flapping', 'cause', 'lastAlarm')
    table.insert(out, id)
    for i = 1, 10 do table.insert(out, s[i]) end
    table.insert(out, s[11] or '0')
    table.insert(out, s[12] or '')
    table.insert(out, s[13])
  else
    redis.call('ZREM', queue, id)
  end
end
return out
