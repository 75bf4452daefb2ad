-- Resolves the incidents due on the resolution queue. The queue holds every open incident at the time it is
-- next due for a look (commit-batch.lua): the end of its hold-down once every member cleared, else its expiry.
-- ARGV[1] JSON: root, now (unix ms), limit, dedupPx, retentionPx, retryMs.
-- An open incident nothing touched for the dedup horizon expires: it resolves whether or not members still
-- fire, and is marked so ('expired' holds the version that expired it). One whose members all cleared resolves
-- once its hold-down has passed. One touched since it was queued is queued again at its expiry.
-- An incident stays listed (due again after retryMs) until its Resolved event is confirmed published
-- (confirm-resolved.lua), so a correlator that dies in between leaves it for the next sweep: the
-- event is published again with the same version, which consumers drop if they had it.
-- Returns, per incident: the 13 snapshot fields (see commit-batch.lua), the last clear's JSON and whether it expired ('1' or '0').

local p = cjson.decode(ARGV[1])
local root = p.root
local queue = root .. 'resolve'
local now = tonumber(p.now)
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', queue, '-inf', now, 'LIMIT', 0, p.limit)) do
  local ikey = root .. 'inc:' .. id
  local h = redis.call('HMGET', ikey, 'state', 'active', 'version', 'resolvedVersion', 'updated')
  local due = false
  if h[1] == 'open' then
    local expires = tonumber(h[5] or 0) + tonumber(p.dedupPx)
    local expired = expires <= now
    if expired or tonumber(h[2]) <= 0 then
      local version = redis.call('HINCRBY', ikey, 'version', 1)
      redis.call('HSET', ikey, 'state', 'resolved', 'resolvedAt', now, 'resolvedVersion', version, 'updated', now)
      if expired then redis.call('HSET', ikey, 'expired', version) end
      redis.call('PEXPIRE', ikey, p.retentionPx)
      redis.call('PEXPIRE', ikey .. ':m', p.retentionPx)
      redis.call('INCR', root .. 'gen')
      due = true
    else
      -- Touched since it was queued (an operator's change, or a raise during the hold-down): due at its expiry.
      redis.call('ZADD', queue, expires, id)
    end
  elseif h[1] == 'resolved' and h[3] == h[4] then
    due = true
  else
    redis.call('ZREM', queue, id)
  end
  if due then
    redis.call('ZADD', queue, now + tonumber(p.retryMs), id)
    local s = redis.call('HMGET', ikey, 'version', 'state', 'title', 'site', 'severity', 'alarms', 'members', 'active',
      'opened', 'updated', 'flapping', 'cause', 'lastAlarm', 'expired')
    table.insert(out, id)
    for i = 1, 10 do table.insert(out, s[i]) end
    table.insert(out, s[11] or '0')
    table.insert(out, s[12] or '')
    table.insert(out, s[13])
    table.insert(out, s[14] == s[1] and '1' or '0')
  end
end
return out
