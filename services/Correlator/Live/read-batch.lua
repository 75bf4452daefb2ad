-- Reads what a batch of alarms needs from the correlation window, in one call.
-- ARGV[1] JSON: root, cutoff (the earliest alarm's time minus the window, unix ms), trimMs, now (wall clock,
--   unix ms), reopen (ms), keys (candidate index keys of all the alarms), fps (their fingerprints),
--   idems (their idempotency keys).
-- Returns {applied, holders, listed, versions, generation, last commit}:
--   applied  per idem, the incident it went to ('' for an ignored clear) or false when not applied yet;
--   holders  per fp, {incident id, condition last seen (ms), its state} or false: the open incident (or one resolved
--            within the reopen window) holding the condition, after merges;
--   listed   per key, the open incidents under it whose last alarm is not older than the cutoff;
--   versions flat id, version, stage triples of every incident named in holders and listed;
--   generation the window's change count (see commit-batch.lua);
--   last commit the token of the last batch committed ('' before the first).
-- Index entries of incidents no longer open, or quiet for longer than trimMs before the cutoff, are
-- removed on the way (not every entry out of this batch's window: a batch decided alongside, by another
-- correlator, may be about earlier alarms than this one). Quiet means in both clocks: no alarm observed within
-- trimMs before the cutoff, and no change stored within trimMs of wall-clock time ('updated'). Observed time
-- alone is not enough: while a backlog is worked off, observed time runs far ahead of the wall clock, and a
-- correlator a few seconds behind another can still hold alarms observed hours before the other's batch, whose
-- incidents must still be found under their keys.


local applied = {}
for i, idem in ipairs(p.idems) do
  applied[i] = redis.call('GET', root .. 'applied:' .. idem) or false
end

local versions = {}
local named = {}
local function name(id, version)
  if not named[id] then
    named[id] = true
    table.insert(versions, id)
    table.insert(versions, version)
    table.insert(versions, redis.call('HGET', inc(id), 'stage') or '0')
  end
end

local holders = {}
for i, fp in ipairs(p.fps) do
  holders[i] = false
  local h = redis.call('HMGET', root .. 'cond:' .. fp, 'i', 't')
  if h[1] then
    local id = final(h[1])
    local s = redis.call('HMGET', inc(id), 'state', 'version', 'resolvedAt')
    if s[1] == 'open' or (s[1] == 'resolved' and tonumber(p.now) - tonumber(s[3]) <= tonumber(p.reopen)) then
      holders[i] = {id, h[2], s[1]}
      name(id, s[2])
    end
  end
end

local listed = {}
local state = {}
for i, key in ipairs(p.keys) do
  local k = root .. 'k:' .. key
  local here = {}
  for _, id in ipairs(redis.call('ZRANGE', k, 0, -1)) do
    local s = state[id]
    if not s then
      s = redis.call('HMGET', inc(id), 'state', 'version', 'seen', 'updated')
      state[id] = s
    end
    if s[1] == 'open' and tonumber(s[3]) >= tonumber(p.cutoff) then
      table.insert(here, id)
      name(id, s[2])
    elseif s[1] ~= 'open' or (tonumber(s[3]) < tonumber(p.cutoff) - tonumber(p.trimMs)
        and tonumber(s[4] or '0') < tonumber(p.now) - tonumber(p.trimMs)) then
      redis.call('ZREM', k, id)
    end
  end
  listed[i] = here
end

return {applied, holders, listed, versions, redis.call('GET', root .. 'gen') or '0', redis.call('GET', root .. 'gen:by') or ''}
