// Tag -> entries carrying it (an EntrySet), for one zone. Maintained under the store lock with the entry
// lifecycle, so a tag purge costs the number of entries with that tag, not the size of the cache. Records are
// the entries themselves: removal is by reference, so removing an old entry can never drop a newer entry's record
// (the concern that index records carrying the entry's generation solve).
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lacquer.Caching.Indexes;

internal sealed class TagIndex
{
    private readonly Dictionary<string, object?> _entriesByTag = new(StringComparer.Ordinal);

    public int TagCount => _entriesByTag.Count;

    public void Add(Store.CacheEntry entry)
    {
        foreach (var tag in entry.Tags)
        {
            SpareCapacity.Reserve(_entriesByTag);
            EntrySet.Add(ref CollectionsMarshal.GetValueRefOrAddDefault(_entriesByTag, tag, out _), entry);
        }
    }

    public void Remove(Store.CacheEntry entry)
    {
        foreach (var tag in entry.Tags)
        {
            ref var entries = ref CollectionsMarshal.GetValueRefOrNullRef(_entriesByTag, tag);
            if (!Unsafe.IsNullRef(ref entries) && EntrySet.Remove(ref entries, entry) && entries is null)
            {
                _entriesByTag.Remove(tag);
                SpareCapacity.Trim(_entriesByTag);
            }
        }
    }

    /// <summary>The entries with <paramref name="tag"/> (already lower-cased), copied so the caller may remove them.</summary>
    public Store.CacheEntry[] Find(string tag) =>
        _entriesByTag.TryGetValue(tag, out var entries) ? EntrySet.ToArray(entries) : [];
}
