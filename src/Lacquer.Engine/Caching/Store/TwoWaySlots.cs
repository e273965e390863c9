// The lookup every sharing table of the store uses (SharedStrings, SharedArrays, SharedRules): a bounded,
// lossy, two-way set-associative cache of values. A value's hash picks a set of two neighbouring slots; an
// equal value in either is returned, anything else takes the set's first slot and moves the one there to the
// second. So two values whose hashes collide both stay (one slot per hash would have them evict each other on
// every insert, and neither would be shared), and a third evicts the older. Lock-free: a slot is one
// reference, read and written atomically; inserts racing for a set cost at most a missed share, never a
// wrong value, because a value is only returned after the caller's equality said so.
namespace Lacquer.Caching.Store;

internal static class TwoWaySlots
{
    /// <summary>
    /// An equal value held in <paramref name="slots"/> (a power-of-two length), or <paramref name="value"/>,
    /// which then takes its set's first slot. <paramref name="same"/> decides equality (no allocation: pass a
    /// static lambda or a static method).
    /// </summary>
    public static T Share<T>(T?[] slots, int hash, T value, Func<T, T, bool> same)
        where T : class
    {
        var set = SetOf(hash, slots.Length);
        ref var first = ref slots[set];
        ref var second = ref slots[set + 1];
        var held = Volatile.Read(ref first);
        if (held is not null && same(held, value))
        {
            return held;
        }

        var older = Volatile.Read(ref second);
        if (older is not null && same(older, value))
        {
            return older;
        }

        Volatile.Write(ref second, held);
        Volatile.Write(ref first, value);
        return value;
    }

    /// <summary>The first slot of the set <paramref name="hash"/> picks among <paramref name="slots"/> slots.</summary>
    public static int SetOf(int hash, int slots) => hash & (slots - 2);
}
