// The Lua scripts the redis: backend runs: a lock taken (a tenant's, or the whole sandbox's) and a
// commit applied with its log entry, each atomically on the server. Keys are the prefix's:
// rows:<tenant> (hash: collection\u0001id → value), tenants (set), meta (hash), version (counter),
// log (stream of commits), lock:<tenant>, lock:* (the whole sandbox), intent (a whole-sandbox lock
// is waiting: no new tenant locks), held (sorted set of tenant locks by expiry).

/** KEYS: lock, held, global lock, intent. ARGV: token, ttl ms, 'tenant' | 'global', member. */
export const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local g = redis.call('GET', KEYS[3])
if g and g ~= ARGV[1] then return 0 end
if ARGV[3] == 'global' then
  if redis.call('ZCARD', KEYS[2]) > 0 then
    redis.call('SET', KEYS[4], ARGV[1], 'PX', 1000)
    return 0
  end
  redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2])
  redis.call('DEL', KEYS[4])
  return 1
end
local i = redis.call('GET', KEYS[4])
if i and i ~= ARGV[1] then return 0 end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[4])
  return 1
end
return 0
`;

/** KEYS: lock, held. ARGV: token, ttl ms, member. Extends a lock still held. */
export const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if ARGV[3] ~= '*' then
  local t = redis.call('TIME')
  redis.call('ZADD', KEYS[2], tonumber(t[1]) * 1000 + tonumber(ARGV[2]), ARGV[3])
end
return 1
`;

/**
 * KEYS: lock, held, log, version, meta, tenants. ARGV: token, member, origin, payload ('' for
 * none), release ('1' | '0'), log length kept, key prefix.
 * payload: [resets [[provider|null, tenant|null]], rows [[tenant, field, value|null]],
 * metas [[tenant, json|null]], global json|null].
 */
export const COMMIT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('LOCKLOST the state lock expired') end
local v = 0
if ARGV[4] ~= '' then
  local b = cjson.decode(ARGV[4])
  local p = ARGV[7]
  local function selected(f, tk)
    if f[1] == cjson.null then return true end
    if f[2] == cjson.null then return string.sub(tk, 1, #f[1] + 1) == f[1] .. ':' end
    return tk == f[1] .. ':' .. f[2]
  end
  for _, f in ipairs(b[1]) do
    for _, tk in ipairs(redis.call('SMEMBERS', KEYS[6])) do
      if selected(f, tk) then
        redis.call('DEL', p .. 'rows:' .. tk)
        redis.call('SREM', KEYS[6], tk)
      end
    end
    for _, tk in ipairs(redis.call('HKEYS', KEYS[5])) do
      if tk ~= '*global*' and selected(f, tk) then redis.call('HDEL', KEYS[5], tk) end
    end
    if f[1] == cjson.null then redis.call('HDEL', KEYS[5], '*global*') end
  end
  for _, r in ipairs(b[2]) do
    local k = p .. 'rows:' .. r[1]
    if r[3] == cjson.null then redis.call('HDEL', k, r[2])
    else
      redis.call('HSET', k, r[2], r[3])
      redis.call('SADD', KEYS[6], r[1])
    end
  end
  for _, m in ipairs(b[3]) do
    if m[2] == cjson.null then redis.call('HDEL', KEYS[5], m[1]) else redis.call('HSET', KEYS[5], m[1], m[2]) end
  end
  if b[4] ~= cjson.null then redis.call('HSET', KEYS[5], '*global*', b[4]) end
  v = redis.call('INCR', KEYS[4])
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], '*', 'v', v, 'o', ARGV[3], 'b', ARGV[4])
end
if ARGV[5] == '1' then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[2])
end
return v
`;
