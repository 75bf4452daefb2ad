-- Reads what one alarm's decision needs from the correlation window.
-- ARGV[1] JSON: root (key prefix), idem (idempotency key), fp (fingerprint), keys (candidate index keys),
--   cutoff (alarm time minus the window, unix ms), now (wall clock, unix ms), reopen (reopen window, ms)
-- Returns {'duplicate', incident id} when the alarm was already applied, else
-- {'ok', held incident id or '', condition last seen (ms) or '', holder version or '', id1, version1, ...}
-- naming the holder (if any) and listing every open incident under the keys.
-- An incident is in the window while it is open and its last alarm ('seen', alarm time) is not older
-- than the cutoff; entries of incidents out of the window are removed from the index on the way.

local p = cjson.decode(ARGV[1])
local root = p.root

local done = redis.call('GET', root .. 'idem:' .. p.idem)
if done then return {'duplicate', done} end

local function final(id)
  for _ = 1, 32 do
    local into = redis.call('HGET', root .. 'inc:' .. id, 'into')
    if not into then return id end
    id = into
  end
  return id
end

local out = {'ok', '', '', ''}
local seen = {}
local fp = redis.call('HMGET', root .. 'fp:' .. p.fp, 'i', 't')
if fp[1] then
  local id = final(fp[1])
  local h = redis.call('HMGET', root .. 'inc:' .. id, 'state', 'version', 'resolvedAt')
  if h[1] == 'open' or (h[1] == 'resolved' and tonumber(p.now) - tonumber(h[3]) <= tonumber(p.reopen)) then
    out[2] = id
    out[3] = fp[2]
    out[4] = h[2]
  end
end

for _, key in ipairs(p.keys) do
  local k = root .. 'k:' .. key
  for _, id in ipairs(redis.call('ZRANGE', k, 0, -1)) do
    if not seen[id] then
      local h = redis.call('HMGET', root .. 'inc:' .. id, 'state', 'version', 'seen')
      if h[1] == 'open' and tonumber(h[3]) >= tonumber(p.cutoff) then
        seen[id] = true
        table.insert(out, id)
        table.insert(out, h[2])
      elseif h[1] ~= 'open' or tonumber(h[3]) < tonumber(p.cutoff) then
        redis.call('ZREM', k, id)
      end
    end
  end
end
return out
