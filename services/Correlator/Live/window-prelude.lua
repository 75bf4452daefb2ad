-- What the window scripts share (prepended to read-batch.lua and commit-batch.lua when they are loaded):
-- their JSON argument, the key root, and the incident an id ended up in after merges.
local p = cjson.decode(ARGV[1])
local root = p.root
local function inc(id) return root .. 'inc:' .. id end

local function final(id)
  for _ = 1, 32 do
    local into = redis.call('HGET', inc(id), 'into')
    if not into then return id end
    id = into
  end
  return id
end
