-- Reads an incident's hash and member alarms in one step, so that a decision sees one consistent state.
-- KEYS[1] incident hash  KEYS[2] member alarms
return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}
