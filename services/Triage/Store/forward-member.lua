-- A late event of an incident that was already merged away: its member joins the survivor, unless the survivor
-- knows that condition from a later observation. Stamped with the survivor's version (see apply-event.lua).
-- KEYS[1] survivor hash  KEYS[2] survivor members  KEYS[3] survivor member order
-- ARGV[1] fingerprint  ARGV[2] observed ms  ARGV[3] member JSON
-- Returns 1 when the survivor's members changed.

local version = redis.call('HGET', KEYS[1], 'version')
if not version then return 0 end
local mine = redis.call('HGET', KEYS[3], ARGV[1])
if mine and tonumber(string.match(mine, ':(%d+)$')) >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[1], version .. ':' .. ARGV[2])
return 1
