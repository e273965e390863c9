// The store's map from primary key to what is stored under it (Variants.Value), split into shards so that the
// map grows without stopping the store.
//
// One ConcurrentDictionary grows by rehashing every key at once, into new nodes, while it holds all its locks;
// the store's insert holds the store lock around it, so every fill waits, and the nodes it makes all survive and
// are promoted by the collections that run meanwhile. Measured in-process (bench: insert-timing), growing one
// dictionary cost a single insert 2-3 s at ~540,000 and ~1,200,000 objects on the shared 2-core machine, which
// made the tail of the miss scenario (docs/performance.md, "Misses"). Split into Shards dictionaries by the key's
// hash, each grows on its own when it holds 1/Shards of the keys: the same total work, in pieces 1/Shards the size.
//
// Reads are lock-free as before (a ConcurrentDictionary read); writes happen under the store lock. The shard is
// picked by the high bits of the key's string hash, and the dictionary picks its bucket by the whole hash modulo
// its (odd) size, so the keys of one shard still spread over its buckets.
using System.Collections.Concurrent;

namespace Lacquer.Caching.Store;

internal sealed class SlotTable
{
    /// <summary>A power of two; 64 keeps each shard's growth small up to tens of millions of keys, for ~64 KB of fixed cost.</summary>
    internal const int Shards = 64;

    private const int ShardBits = 6;

    private readonly ConcurrentDictionary<string, object>[] _shards = new ConcurrentDictionary<string, object>[Shards];
    private readonly ConcurrentDictionary<string, object>.AlternateLookup<ReadOnlySpan<char>>[] _byChars = new ConcurrentDictionary<string, object>.AlternateLookup<ReadOnlySpan<char>>[Shards];

    public SlotTable()
    {
        for (var i = 0; i < Shards; i++)
        {
            _shards[i] = new ConcurrentDictionary<string, object>(StringComparer.Ordinal);
            _byChars[i] = _shards[i].GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>Looks a key up by its characters (a hit never builds the key string). Lock-free.</summary>
    public bool TryGetValue(ReadOnlySpan<char> key, out object value) => _byChars[ShardOf(key)].TryGetValue(key, out value!);

    public bool TryGetValue(string key, out object value) => _shards[ShardOf(key)].TryGetValue(key, out value!);

    /// <summary>Sets what is stored under <paramref name="key"/> (the caller holds the store lock).</summary>
    public void Set(string key, object value) => _shards[ShardOf(key)][key] = value;

    /// <summary>Removes the key (the caller holds the store lock).</summary>
    public void Remove(string key) => _shards[ShardOf(key)].TryRemove(key, out _);

    /// <summary>Every key's stored value, shard by shard, without a snapshot (as a ConcurrentDictionary enumerates).</summary>
    public IEnumerable<object> Values()
    {
        foreach (var shard in _shards)
        {
            foreach (var (_, value) in shard)
            {
                yield return value;
            }
        }
    }

    /// <summary>The shard of a key: the top bits of its ordinal string hash (the same hash as string.GetHashCode).</summary>
    internal static int ShardOf(ReadOnlySpan<char> key) => (int)((uint)string.GetHashCode(key) >> (32 - ShardBits));
}
