// A set of entries held in one field that costs nothing beyond the field while it holds a single entry: null
// (empty), the entry itself, or a HashSet once there are two or more. Most path-trie nodes hold exactly one
// entry and many tags mark exactly one (product-123), and a HashSet of its own for each was the largest part
// of the indexes' memory (about 170 bytes per entry). Not thread-safe: used under the store lock.
using Lacquer.Caching.Store;

namespace Lacquer.Caching.Indexes;

internal static class EntrySet
{
    public static void Add(ref object? set, CacheEntry entry)
    {
        switch (set)
        {
            case null:
                set = entry;
                break;
            case CacheEntry single when !ReferenceEquals(single, entry):
                set = new HashSet<CacheEntry> { single, entry };
                break;
            case HashSet<CacheEntry> many:
                SpareCapacity.Reserve(many);
                many.Add(entry);
                break;
        }
    }

    /// <summary>
    /// Removes <paramref name="entry"/>; a set left with one entry goes back to holding it directly, and a set
    /// left mostly empty gives its spare capacity back.
    /// </summary>
    public static bool Remove(ref object? set, CacheEntry entry)
    {
        switch (set)
        {
            case CacheEntry single when ReferenceEquals(single, entry):
                set = null;
                return true;
            case HashSet<CacheEntry> many when many.Remove(entry):
                if (many.Count == 1)
                {
                    foreach (var last in many)
                    {
                        set = last;
                    }
                }
                else
                {
                    SpareCapacity.Trim(many);
                }

                return true;
            default:
                return false;
        }
    }

    public static int Count(object? set) => set switch
    {
        null => 0,
        HashSet<CacheEntry> many => many.Count,
        _ => 1,
    };

    public static void CopyTo(object? set, List<CacheEntry> into)
    {
        switch (set)
        {
            case CacheEntry single:
                into.Add(single);
                break;
            case HashSet<CacheEntry> many:
                into.AddRange(many);
                break;
        }
    }

    /// <summary>A copy, so the caller may remove entries while it walks it.</summary>
    public static CacheEntry[] ToArray(object? set) => set switch
    {
        CacheEntry single => [single],
        HashSet<CacheEntry> many => [.. many],
        _ => [],
    };
}
