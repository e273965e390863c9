// The Lua scripts the Redis purge log runs (docs/cluster.md, "Protocol"). Each runs atomically on the server, so
// the sequence number, the stream entry and the wake-up message of one purge can never be split or reordered,
// and every time in them is the server's clock (TIME): lease ends and apply latencies never compare two node clocks.
//
// Keys, all under lq:{name}: (the braces make one Redis Cluster hash slot of them):
//   epoch    a random string set once; a different or missing one means the log this node followed is gone;
//   seq      the last sequence number handed out;
//   log      the stream: entry "<seq>-1" with fields i (purge id), t (append time, µs) and p (the purge, PurgeWire);
//   members  node id -> "<lease end> <bypass|serve> <gone at>" (ms since 1970): the node's lease, its partition
//            policy, and when it is dropped from the set if it stays silent (lease end + its cluster:dropAfter);
//   applied  node id -> the highest sequence number the node has applied, all lower ones included;
//   gone     node id -> when it was dropped (ms), kept a day for /api/cluster;
// and two channels: purge ("<seq> <t> <p>", wakes the nodes) and ack ("<node> <epoch> <applied> <seq>:<µs> ...":
// the node's applied sequence, which a waiting purge reads, and each purge's latency for the audit records).
namespace Lacquer.Purge.Cluster.Redis;

internal static class RedisScripts
{
    /// <summary>
    /// KEYS: epoch, seq, log, purge channel, members, applied. ARGV: purge id, payload, max length, expected epoch.
    /// Returns {seq, t, now ms, members flat, applied flat} (the member set the purge must reach, read in the same
    /// atomic step), or {-1, epoch} when the epoch is not the expected one.
    /// </summary>
    public const string Append = """
        local e = redis.call('GET', KEYS[1])
        if e ~= ARGV[4] then return {'-1', e or ''} end
        local s = redis.call('INCR', KEYS[2])
        local t = redis.call('TIME')
        local at = t[1] .. string.format('%06d', tonumber(t[2]))
        redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[3], s .. '-1', 'i', ARGV[1], 't', at, 'p', ARGV[2])
        redis.call('PUBLISH', KEYS[4], s .. ' ' .. at .. ' ' .. ARGV[2])
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        return {tostring(s), at, string.format('%d', now), redis.call('HGETALL', KEYS[5]), redis.call('HGETALL', KEYS[6])}
        """;

    /// <summary>
    /// KEYS: epoch, seq, members, applied, log, gone. ARGV: node, lease ms, policy, applied seq, a new epoch to use if
    /// none, drop-after ms. First drops every member whose "gone at" time passed (into gone, kept a day), then renews
    /// this node. Returns {epoch, created (1/0), head, now ms, purge id at the applied seq or '', members flat,
    /// applied flat, gone flat}. An applied sequence above the head is not recorded: it belongs to a log this
    /// Redis lost (a failover), and the node flushes on seeing the head below it.
    /// </summary>
    public const string Renew = """
        local created = 0
        local e = redis.call('GET', KEYS[1])
        if not e then
          redis.call('SET', KEYS[1], ARGV[5])
          e = ARGV[5]
          created = 1
        end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local all = redis.call('HGETALL', KEYS[3])
        for i = 1, #all, 2 do
          local gone = tonumber(string.match(all[i + 1], '^%S+ %S+ (%d+)$') or '')
          if gone and gone <= now and all[i] ~= ARGV[1] then
            redis.call('HDEL', KEYS[3], all[i])
            redis.call('HDEL', KEYS[4], all[i])
            redis.call('HSET', KEYS[6], all[i], string.format('%d', now))
          end
        end
        local dropped = redis.call('HGETALL', KEYS[6])
        for i = 1, #dropped, 2 do
          if tonumber(dropped[i + 1]) + 86400000 <= now then redis.call('HDEL', KEYS[6], dropped[i]) end
        end
        redis.call('HDEL', KEYS[6], ARGV[1])
        local ends = now + tonumber(ARGV[2])
        redis.call('HSET', KEYS[3], ARGV[1], string.format('%d', ends) .. ' ' .. ARGV[3] .. ' ' .. string.format('%d', ends + tonumber(ARGV[6])))
        local head = redis.call('GET', KEYS[2]) or '0'
        if tonumber(ARGV[4]) <= tonumber(head) then redis.call('HSET', KEYS[4], ARGV[1], ARGV[4]) end
        local id = ''
        if tonumber(ARGV[4]) > 0 then
          local found = redis.call('XRANGE', KEYS[5], ARGV[4] .. '-1', ARGV[4] .. '-1')
          if #found > 0 then
            local fields = found[1][2]
            for i = 1, #fields, 2 do
              if fields[i] == 'i' then id = fields[i + 1] end
            end
          end
        end
        return {e, created, head, string.format('%d', now), id, redis.call('HGETALL', KEYS[3]), redis.call('HGETALL', KEYS[4]), redis.call('HGETALL', KEYS[6])}
        """;

    /// <summary>
    /// KEYS: applied, ack channel, epoch, seq. ARGV: node, highest applied seq, the node's epoch, then "seq:t" for
    /// each purge applied. Records the applied sequence and publishes it with each purge's latency, all in one step;
    /// refuses (0) when the epoch differs or the applied sequence is above the head: the node applied another log.
    /// </summary>
    public const string Ack = """
        if redis.call('GET', KEYS[3]) ~= ARGV[3] then return 0 end
        if tonumber(ARGV[2]) > tonumber(redis.call('GET', KEYS[4]) or '0') then return 0 end
        local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
        if tonumber(ARGV[2]) > current then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local parts = {ARGV[1], ARGV[3], ARGV[2]}
        for i = 4, #ARGV do
          local colon = string.find(ARGV[i], ':', 1, true)
          local at = tonumber(string.sub(ARGV[i], colon + 1))
          parts[#parts + 1] = string.sub(ARGV[i], 1, colon - 1) .. ':' .. string.format('%d', now - at)
        end
        redis.call('PUBLISH', KEYS[2], table.concat(parts, ' '))
        return 1
        """;

    /// <summary>KEYS: members, applied. Returns {now ms, members flat, applied flat}.</summary>
    public const string Members = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        return {string.format('%d', now), redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}
        """;

    /// <summary>KEYS: members, applied. ARGV: node. A node that stops leaves the member list.</summary>
    public const string Leave = """
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[2], ARGV[1])
        return 1
        """;
}
