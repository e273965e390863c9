// Tag -> entries carrying it, for one zone. Maintained under the store lock with the entry lifecycle, so a
// tag purge costs the number of entries with that tag, not the size of the cache. Records are the entries
// themselves: removal is by reference, so removing an old entry can never drop a newer entry's record
// (the concern STYLE.md §9 solves with generations).
namespace Lacquer.Caching.Indexes;

internal sealed class TagIndex
{
    private readonly Dictionary<string, HashSet<Store.CacheEntry>> _entriesByTag = new(StringComparer.Ordinal);

    public int TagCount => _entriesByTag.Count;

    public void Add(Store.CacheEntry entry)
    {
        foreach (var tag in entry.Tags)
        {
            if (!_entriesByTag.TryGetValue(tag, out var entries))
            {
                _entriesByTag[tag] = entries = [];
            }

            entries.Add(entry);
        }
    }

    public void Remove(Store.CacheEntry entry)
    {
        foreach (var tag in entry.Tags)
        {
            if (_entriesByTag.TryGetValue(tag, out var entries) && entries.Remove(entry) && entries.Count == 0)
            {
                _entriesByTag.Remove(tag);
            }
        }
    }

    /// <summary>The entries with <paramref name="tag"/> (already lower-cased), copied so the caller may remove them.</summary>
    public Store.CacheEntry[] Find(string tag) =>
        _entriesByTag.TryGetValue(tag, out var entries) ? [.. entries] : [];
}
