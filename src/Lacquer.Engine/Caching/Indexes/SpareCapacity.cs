// HashSet and Dictionary never shrink by themselves: after a large purge an index map would keep the memory of
// every record it once held, which no entry is charged for any more (invariant 2). The index calls these after
// a removal; trimming a map to a quarter of its capacity costs O(count), so it stays amortised O(1).
namespace Lacquer.Caching.Indexes;

internal static class SpareCapacity
{
    /// <summary>Smaller maps are not worth re-allocating.</summary>
    private const int MinCapacity = 64;

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
