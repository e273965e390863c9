// The store's map from primary key to what it holds under that key (a Variants value: one entry, an array of
// variants, or a VariantTable): an open-addressing hash table (linear probing) of the values themselves. A value
// is found by the key its entries hold, so the table keeps no key or hash of its own: one reference per slot,
// 16 to 32 bytes per key at its load of a quarter to a half, where a ConcurrentDictionary node (48 bytes) and its
// bucket took about 60 (docs/performance.md, Memory).
//
// Concurrency, as the dictionary it replaces: reads are lock-free, every write happens under the store's lock.
// A slot is one reference, written atomically: a reader sees the value before a write or after it. A removed key
// leaves a marker (Deleted) so that probes for the keys after it go on; an insert reuses the first marker on its
// key's probe path. The table grows (or is rebuilt, shedding markers) into a new array that is published whole
// once filled; a reader still probing the old one sees the table as it was just before, as a reader of the
// dictionary could hold a node removed meanwhile. Every array always has empty slots (the load stays under a
// half), so a probe ends. A rebuild holds the store lock for a walk of the whole table, as the dictionary's
// growth did; markers rarely call for one (Remove).
using System.Diagnostics;

namespace Lacquer.Caching.Store;

internal sealed class KeyTable
{
    /// <summary>Smallest array; a power of two, as every size is (a hash picks a slot with a mask).</summary>
    private const int MinimumSlots = 16;

    /// <summary>Where a key was removed: probes go on past it, inserts may reuse it.</summary>
    private static readonly object Deleted = new();

    private object?[] _slots = new object?[MinimumSlots];

    /// <summary>Keys held (writers only, under the store lock).</summary>
    private int _count;

    /// <summary>Slots that are not empty: keys held and Deleted markers.</summary>
    private int _used;

    /// <summary>Keys held.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The value stored under the key with these characters. Lock-free.</summary>
    public bool TryGetValue(ReadOnlySpan<char> key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value) =>
        TryGetValue(key, string.GetHashCode(key), out value);

    /// <summary>As above, with the key's ordinal string hash already computed (the sharded map picks a shard by it).</summary>
    public bool TryGetValue(ReadOnlySpan<char> key, int hash, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value)
    {
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        var i = hash & mask;
        for (var probes = 0; probes < slots.Length; probes++)
        {
            var held = Volatile.Read(ref slots[i]);
            if (held is null)
            {
                break;
            }

            if (!ReferenceEquals(held, Deleted) && key.SequenceEqual(KeyOf(held)))
            {
                value = held;
                return true;
            }

            i = (i + 1) & mask;
        }

        value = null;
        return false;
    }

    /// <summary>Stores <paramref name="value"/> (a non-empty Variants value whose entries have this key) under <paramref name="key"/>. Store lock only.</summary>
    public void Set(string key, object value) => Set(key, string.GetHashCode(key), value);

    /// <summary>As above, with the key's ordinal string hash already computed. Store lock only.</summary>
    public void Set(string key, int hash, object value)
    {
        Debug.Assert(KeyOf(value) == key && hash == string.GetHashCode(key));
        if (Replace(key, hash, value))
        {
            return;
        }

        if ((_used + 1) * 2 > _slots.Length)
        {
            Rebuild();
        }

        var slots = _slots;
        var mask = slots.Length - 1;
        var i = hash & mask;
        while (slots[i] is { } held && !ReferenceEquals(held, Deleted))
        {
            i = (i + 1) & mask;
        }

        if (slots[i] is null)
        {
            _used++;
        }

        Volatile.Write(ref slots[i], value);
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>Removes what is stored under <paramref name="key"/>; false when nothing is. Store lock only.</summary>
    public bool Remove(string key) => Remove(key, string.GetHashCode(key));

    /// <summary>As above, with the key's ordinal string hash already computed. Store lock only.</summary>
    public bool Remove(string key, int hash)
    {
        var slot = Find(key, hash);
        if (slot < 0)
        {
            return false;
        }

        // A marker followed by an empty slot ends every probe that reaches it, as the empty slot would: it and
        // the markers just before it can be emptied without changing what any probe finds. So most removals
        // (the table is at most half full) leave no marker, and rebuilds to shed markers stay rare.
        var slots = _slots;
        var mask = slots.Length - 1;
        if (slots[(slot + 1) & mask] is null)
        {
            do
            {
                Volatile.Write(ref slots[slot], null);
                _used--;
                slot = (slot - 1) & mask;
            }
            while (ReferenceEquals(slots[slot], Deleted));
        }
        else
        {
            Volatile.Write(ref slots[slot], Deleted);
        }

        Volatile.Write(ref _count, _count - 1);
        return true;
    }

    /// <summary>Every value held, lock-free: a value stored or removed during the walk may or may not be seen.</summary>
    public IEnumerable<object> Values()
    {
        var slots = Volatile.Read(ref _slots);
        for (var i = 0; i < slots.Length; i++)
        {
            if (Volatile.Read(ref slots[i]) is { } held && !ReferenceEquals(held, Deleted))
            {
                yield return held;
            }
        }
    }

    /// <summary>The key a stored value is held under: its entries' primary key.</summary>
    private static string KeyOf(object value) => value switch
    {
        CacheEntry entry => entry.PrimaryKey,
        CacheEntry[] many => many[0].PrimaryKey,
        _ => ((VariantTable)value).Entries[0].PrimaryKey,
    };

    private bool Replace(string key, int hash, object value)
    {
        var slot = Find(key, hash);
        if (slot < 0)
        {
            return false;
        }

        Volatile.Write(ref _slots[slot], value);
        return true;
    }

    private int Find(string key, int hash)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = hash & mask;
        for (var probes = 0; probes < slots.Length && slots[i] is { } held; probes++)
        {
            if (!ReferenceEquals(held, Deleted) && string.Equals(KeyOf(held), key, StringComparison.Ordinal))
            {
                return i;
            }

            i = (i + 1) & mask;
        }

        return -1;
    }

    /// <summary>
    /// A new array without Deleted markers, published whole: the same size when the keys held (plus one) fill at
    /// most three eighths of it, so that an eighth is left to fill before the next rebuild; otherwise doubled, to
    /// a load of about a quarter.
    /// </summary>
    private void Rebuild()
    {
        var size = _slots.Length;
        while ((_count + 1) * 8L > size * 3L)
        {
            size *= 2;
        }

        var rebuilt = new object?[size];
        var mask = size - 1;
        foreach (var held in _slots)
        {
            if (held is null || ReferenceEquals(held, Deleted))
            {
                continue;
            }

            var i = string.GetHashCode(KeyOf(held)) & mask;
            while (rebuilt[i] is not null)
            {
                i = (i + 1) & mask;
            }

            rebuilt[i] = held;
        }

        _used = _count;
        Volatile.Write(ref _slots, rebuilt);
    }
}
