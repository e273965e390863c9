// How much room the index maps keep. HashSet and Dictionary never shrink by themselves: after a large purge an
// index map would keep the memory of every record it once held, which no entry is charged for any more
// (invariant 2). The index calls Trim after a removal; trimming a map to a quarter of its capacity costs
// O(count), so it stays amortised O(1).
//
// And they double when full, so a large map has on average a third of its slots spare: at a million entries
// that is 10 to 20 bytes per entry across the path and tag maps. The index calls Reserve before an add: a large
// map that is full grows by a quarter instead (still amortised O(1) per add, with a copy every quarter of
// growth instead of every doubling, under the store lock like the copies before).
namespace Lacquer.Caching.Indexes;

internal static class SpareCapacity
{
    /// <summary>Smaller maps are not worth re-allocating.</summary>
    private const int MinCapacity = 64;

    /// <summary>Below this, maps double as they would anyway: the spare room is small and the copies cheap.</summary>
    private const int MinGrownByAQuarter = 4096;

    public static void Reserve<T>(HashSet<T> set)
    {
        var capacity = set.EnsureCapacity(0);
        if (capacity >= MinGrownByAQuarter && set.Count == capacity)
        {
            set.EnsureCapacity(capacity + (capacity / 4));
        }
    }

    public static void Reserve<TKey, TValue>(Dictionary<TKey, TValue> map)
        where TKey : notnull
    {
        var capacity = map.EnsureCapacity(0);
        if (capacity >= MinGrownByAQuarter && map.Count == capacity)
        {
            map.EnsureCapacity(capacity + (capacity / 4));
        }
    }

    public static void Trim<T>(HashSet<T> set)
    {
        var capacity = set.EnsureCapacity(0);
        if (capacity >= MinCapacity && set.Count < capacity / 4)
        {
            set.TrimExcess();
        }
    }

    public static void Trim<TKey, TValue>(Dictionary<TKey, TValue> map)
        where TKey : notnull
    {
        var capacity = map.EnsureCapacity(0);
        if (capacity >= MinCapacity && map.Count < capacity / 4)
        {
            map.TrimExcess();
        }
    }
}
