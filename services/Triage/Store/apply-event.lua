-- Applies one incident event to triage's projection, atomically.
-- KEYS[1] incident hash   KEYS[2] member alarms (fingerprint -> JSON)   KEYS[3] member order (fingerprint -> "version:observedMs")
-- KEYS[4..] for a merge, three keys (hash, members, order) per absorbed incident
-- ARGV[1] incident version  ARGV[2] snapshot JSON  ARGV[3] state  ARGV[4] fingerprint ('' when no alarm)  ARGV[5] observed ms  ARGV[6] member JSON
-- ARGV[7] ms to keep an open incident  ARGV[8] ms to keep a resolved or merged one  ARGV[9] this incident's id
-- Returns {changed, mergedInto}: changed is 1 when the snapshot or a member moved; mergedInto names the survivor
-- when this incident was merged away before the event arrived.
--
-- Members are kept by the incident version that last changed them, so a late or repeated event never undoes a
-- newer one. Members taken over in a merge are compared by when they were observed instead (versions of two
-- incidents do not compare) and stamped with the survivor's version, so its own later events win over them.

local version = tonumber(ARGV[1])
local changed = 0

local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1')
if version > current then
  -- An incident merged away stays merged, whatever its own late events say.
  local state = redis.call('HEXISTS', KEYS[1], 'mergedInto') == 1 and 'Merged' or ARGV[3]
  redis.call('HSET', KEYS[1], 'version', ARGV[1], 'snapshot', ARGV[2], 'state', state)
  changed = 1
end

-- An event an operator's command caused (a merge, a resolve, a reopen) carries no alarm: ARGV[4] is empty.
if ARGV[4] ~= '' then
  -- One event can carry several alarms of a condition (a raise, then its clear, in one correlator batch):
  -- at the same version, the one observed later wins.
  local known = redis.call('HGET', KEYS[3], ARGV[4])
  local knownVersion, knownObserved
  if known then knownVersion, knownObserved = string.match(known, '^(%d+):(%d+)$') end
  if not known or tonumber(knownVersion) < version
      or (tonumber(knownVersion) == version and tonumber(knownObserved) <= tonumber(ARGV[5])) then
    redis.call('HSET', KEYS[2], ARGV[4], ARGV[6])
    redis.call('HSET', KEYS[3], ARGV[4], ARGV[1] .. ':' .. ARGV[5])
    changed = 1
  end
end

for k = 4, #KEYS, 3 do
  redis.call('HSET', KEYS[k], 'mergedInto', ARGV[9], 'state', 'Merged')
  local theirs = redis.call('HGETALL', KEYS[k + 2])
  for i = 1, #theirs, 2 do
    local fingerprint = theirs[i]
    local observed = tonumber(string.match(theirs[i + 1], ':(%d+)$'))
    local mine = redis.call('HGET', KEYS[3], fingerprint)
    if not mine or tonumber(string.match(mine, ':(%d+)$')) < observed then
      redis.call('HSET', KEYS[2], fingerprint, redis.call('HGET', KEYS[k + 1], fingerprint))
      redis.call('HSET', KEYS[3], fingerprint, ARGV[1] .. ':' .. observed)
      changed = 1
    end
  end
  for j = k, k + 2 do redis.call('PEXPIRE', KEYS[j], ARGV[8]) end
end

local keep = redis.call('HGET', KEYS[1], 'state') == 'Open' and ARGV[7] or ARGV[8]
for j = 1, 3 do redis.call('PEXPIRE', KEYS[j], keep) end

return {changed, redis.call('HGET', KEYS[1], 'mergedInto') or ''}
