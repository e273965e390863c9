// The store's map from primary key to what is stored under it (Variants.Value): 64 key tables (KeyTable), each
// holding the keys whose string hash has its top bits, so that the map grows a shard at a time.
//
// Why shards: a table grows by copying every slot into a new array while the store lock is held, so every fill
// waits for it. With one map, that copy reached millions of slots at a million keys; with the map in one
// ConcurrentDictionary (before the key table) the same growth rehashed every key into new nodes and cost a single
// insert 2-3 s at ~540,000 and ~1,200,000 objects on the 2-core machine (bench: insert-timing), which made the
// bad rounds of the miss scenario (docs/performance.md, "Misses"). A shard grows when it alone needs to, with
// 1/64 of the keys: the same total work in pieces 1/64 the size.
//
// Concurrency is each KeyTable's: reads lock-free, writes under the store lock. The shard is picked by the high
// bits of the key's hash and a table's slot by the low bits, so the keys of one shard still spread over its slots.
namespace Lacquer.Caching.Store;

internal sealed class SlotTable
{
    /// <summary>A power of two; 64 keeps each shard's growth small up to tens of millions of keys.</summary>
    internal const int Shards = 64;

    private const int ShardBits = 6;

    private readonly KeyTable[] _shards = new KeyTable[Shards];

    public SlotTable()
    {
        for (var i = 0; i < Shards; i++)
        {
            _shards[i] = new KeyTable();
        }
    }

    /// <summary>Keys held in all shards.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var shard in _shards)
            {
                count += shard.Count;
            }

            return count;
        }
    }

    /// <summary>Looks a key up by its characters (a hit never builds the key string). Lock-free.</summary>
    public bool TryGetValue(ReadOnlySpan<char> key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value)
    {
        var hash = string.GetHashCode(key);
        return _shards[ShardOf(hash)].TryGetValue(key, hash, out value);
    }

    /// <summary>Stores a non-empty Variants value whose entries have this key (the caller holds the store lock).</summary>
    public void Set(string key, object value)
    {
        var hash = string.GetHashCode(key);
        _shards[ShardOf(hash)].Set(key, hash, value);
    }

    /// <summary>Removes the key; false when nothing was stored under it (the caller holds the store lock).</summary>
    public bool Remove(string key)
    {
        var hash = string.GetHashCode(key);
        return _shards[ShardOf(hash)].Remove(key, hash);
    }

    /// <summary>Every value held, shard by shard, lock-free: a value stored or removed during the walk may or may not be seen.</summary>
    public IEnumerable<object> Values()
    {
        foreach (var shard in _shards)
        {
            foreach (var value in shard.Values())
            {
                yield return value;
            }
        }
    }

    /// <summary>The shard of a key: the top bits of its ordinal string hash (the same hash, computed once, picks the shard's slot).</summary>
    internal static int ShardOf(ReadOnlySpan<char> key) => ShardOf(string.GetHashCode(key));

    private static int ShardOf(int hash) => (int)((uint)hash >> (32 - ShardBits));
}
