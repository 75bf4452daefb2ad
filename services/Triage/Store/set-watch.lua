-- Puts an operator's watch on an incident or takes it off. The incident may not be known yet (the command can
-- overtake the incident's first event), so a new hash gets the open retention.
-- KEYS[1] incident hash  ARGV[1] watch JSON, or '' to take the watch off  ARGV[2] ms to keep a new hash
if ARGV[1] == '' then
  return redis.call('HDEL', KEYS[1], 'watch')
end
redis.call('HSET', KEYS[1], 'watch', ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
